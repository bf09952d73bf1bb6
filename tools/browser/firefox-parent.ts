// Privileged script in Firefox's parent process, over WebDriver BiDi: what about:debugging and
// the browser's own menus use, for what no WebExtension or BiDi API tells (terminating the event
// page, its state, the open context menu, the errors of the add-on's contexts). Needs Firefox
// started with --remote-allow-system-access; BiDi then lists chrome windows under moz:scope.
import type { Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../scripts/firefox-manifest';
import { waitFor } from './wait';

type BidiSend = { send(method: string, params: object): Promise<{ result: unknown }> };

/** Runs `body` (an async function body with `ExtensionParent` and the add-on `id` in scope). */
export type ParentScript = <T>(body: string) => Promise<T>;

export function parentScript(browser: Browser): ParentScript {
  return async <T>(body: string): Promise<T> => {
    const connection = (browser as unknown as { connection: BidiSend }).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = (tree.result as { contexts: { context: string }[] }).contexts[0]?.context;
    if (!context) throw new Error('no chrome window to run privileged script in');
    const answer = await connection.send('script.evaluate', {
      expression: `(async () => { const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs'); const id = ${JSON.stringify(GECKO_ID)}; ${body} })()`,
      target: { context },
      awaitPromise: true,
    });
    const result = answer.result as {
      type: string;
      result?: { value?: T };
      exceptionDetails?: { text?: string };
    };
    if (result.type !== 'success') {
      throw new Error(`privileged script: ${result.exceptionDetails?.text}`);
    }
    return result.result?.value as T;
  };
}

/** The event page's state as Firefox keeps it: starting, running, suspending or stopped. */
export const backgroundStateOf = (inParent: ParentScript) =>
  inParent<string>('return WebExtensionPolicy.getByID(id).extension.backgroundState;');

/** What about:debugging's "Terminate background script" does; resolves once it stopped. */
export async function stopBackground(inParent: ParentScript): Promise<void> {
  await inParent('await ExtensionParent.DebugUtils.terminateBackgroundScript(id); return true;');
  await waitFor(async () => (await backgroundStateOf(inParent)) === 'stopped', {
    message: 'the event page stopped',
  });
}

/**
 * Uncaught exceptions and script errors of the add-on's contexts (`origin` is its
 * moz-extension:// origin), from the parent's console service, where the extension process
 * forwards them. Not Firefox's own "Promise rejected/resolved after context unloaded": its
 * ExtensionCommon reports that, under the calling script's name, when an API call settles after
 * its page closed (a popup or tab closed mid-request); the add-on's code never sees it.
 */
export async function addonErrors(inParent: ParentScript, origin: string): Promise<string[]> {
  return JSON.parse(
    await inParent<string>(`
      const mine = (file) => String(file ?? '').startsWith(${JSON.stringify(origin)});
      return JSON.stringify(Services.console.getMessageArray()
        .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) && mine(m.sourceName))
        .filter((m) => !/^Promise (rejected|resolved) after context unloaded/.test(m.errorMessage))
        .map((m) => m.sourceName + ': ' + m.errorMessage));`),
  ) as string[];
}

/**
 * Makes `locale` Firefox's app locale, as a langpack would (verified on firefox-esr 153, which
 * ships en-US only): the locale service's available list is settable from privileged script.
 * i18n.getUILanguage() follows at once; an add-on's messages are chosen when it starts, so this
 * must run before it is installed (or it must be reloaded).
 */
export async function useLocaleOf(inParent: ParentScript, locale: string): Promise<void> {
  const app = await inParent<string>(`
    Services.locale.availableLocales = [${JSON.stringify(locale)}, 'en-US'];
    Services.locale.requestedLocales = [${JSON.stringify(locale)}];
    return Services.locale.appLocaleAsBCP47;`);
  if (app !== locale) throw new Error(`Firefox's app locale is ${app}, not ${locale}`);
}

export interface AlertWindow {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  body: string;
}

/**
 * Firefox's own notification windows (alert.xhtml), where they are on the screen. Firefox shows
 * them instead of the desktop's notification service when the pref alerts.useSystemBackend is
 * false (read at each notification); under Xvfb there is no such service (no D-Bus session), and
 * with the pref true a notification is shown nowhere and gone from notifications.getAll().
 */
export async function alertWindowsOf(inParent: ParentScript): Promise<AlertWindow[]> {
  return JSON.parse(
    await inParent<string>(`
      Services.prefs.setBoolPref('alerts.useSystemBackend', false);
      return JSON.stringify([...Services.wm.getEnumerator('alert:alert')].map((w) => ({
        x: w.screenX, y: w.screenY, width: w.outerWidth, height: w.outerHeight,
        title: w.document.getElementById('alertTitleLabel')?.textContent ?? '',
        body: w.document.getElementById('alertTextLabel')?.textContent ?? '' })));`),
  ) as AlertWindow[];
}
