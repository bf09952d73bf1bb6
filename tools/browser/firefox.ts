// Launches Debian's firefox-esr with the Firefox build loaded as a temporary add-on, in a fresh
// profile, driven by puppeteer-core over WebDriver BiDi; headful under a private Xvfb for real
// keys (xdotool). The Chromium harness (browser.ts) stays on Playwright, which drives no
// stock Firefox.
//
// Verified with firefox-esr 153 and puppeteer-core 25:
// - browser.installExtension(dir) loads the unpacked MV3 build; host_permissions are granted
//   at install (permissions.getAll() lists them).
// - BiDi refuses to navigate a tab to a moz-extension:// URL unless Firefox runs with
//   --remote-allow-system-access; with it the page loads, but puppeteer never sees that
//   navigation finish (no load event reaches it), so extension pages are awaited by polling
//   their document instead of by page.goto's own wait.
// - The pref extensions.webextensions.uuids fixes the add-on's moz-extension:// host.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../scripts/firefox-manifest';
import type { RequestName, RequestOf, ResponseOf, Result } from '../../src/shared/protocol';
import { onExit } from './cleanup';
import {
  closeToolbarPopupOf,
  contextMenuItemsOf,
  focusWindow,
  popupControlOf,
} from './firefox-input';
import {
  addonErrors,
  backgroundStateOf,
  parentScript,
  stopBackground,
  useLocaleOf,
} from './firefox-parent';
import { type PolicyLaunch, policyLaunch } from './firefox-policy';
import { RealInput } from './realinput';
import { waitFor } from './wait';
import { startXvfb, type Xvfb } from './xvfb';

export const FIREFOX = process.env.E2E_FIREFOX ?? '/usr/bin/firefox-esr';
/** The add-on's internal host in the test profile (normally random per profile). */
const UUID = '5c0b6f0e-7d1a-4e0b-9a4f-3c2d1e0f9b8a';

export interface FirefoxLaunchOptions {
  /** A real window under a private Xvfb (default: headless). */
  headful?: boolean;
  /** An X display to show the real window on instead of a private Xvfb (e.g. yours). */
  display?: string;
  /** The unpacked Firefox build (default: $E2E_FIREFOX_DIST, else dist-firefox-test/). */
  dist?: string;
  /** The Firefox to run (default: $E2E_FIREFOX, else Debian's firefox-esr). */
  executable?: string;
  /**
   * Enterprise policies, as policies.json's "policies" object (firefox-policy.ts): e.g. the
   * add-on's managed storage under { "3rdparty": { "Extensions": { <gecko id>: {…} } } }.
   */
  policies?: object;
  /**
   * The app locale the add-on starts in (e.g. "de"); `message()` then reads that locale. Set
   * before the add-on is installed (useLocaleOf, firefox-parent.ts): no langpack needed.
   */
  locale?: string;
}

type Manifest = {
  commands?: Record<string, { suggested_key?: { default?: string } }>;
  action?: { default_popup?: string };
  options_ui?: { page?: string };
};

export interface FirefoxSession {
  browser: Browser;
  /** The gecko id. */
  addonId: string;
  /** moz-extension://<uuid> */
  origin: string;
  dist: string;
  manifest: Manifest;
  /** DISPLAY when headful. */
  display?: string;
  /** A PNG of the whole screen (the browser's own windows and menus included); headful only. */
  screenImage?: () => Buffer;
  /** A message of the build's default locale, as the UI shows it. */
  message(key: string): string;
  /** Opens an extension page (path relative to the add-on root) in a new tab, once it has loaded. */
  openPage(path: string): Promise<Page>;
  openOptions(): Promise<Page>;
  /** The popup's document, opened as an ordinary tab. */
  openPopup(): Promise<Page>;
  /** A new tab at a web page, in front. */
  openWebPage(url: string): Promise<Page>;
  /** A typed request of the message protocol, sent from an extension page as the views do. */
  request<N extends RequestName>(type: N, payload: RequestOf<N>): Promise<ResponseOf<N>>;
  /** Runs a function in an extension page (a trusted context), with `browser` in scope. */
  evalInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Real keys (xdotool) to the Firefox window showing `page`; headful only. */
  pressKeys(page: Page, chord: string): Promise<void>;
  /**
   * Where an enabled control of the real toolbar popup is on the screen, scrolled into view
   * (Firefox caps the popup's height; it scrolls). The popup is not a BiDi context: its
   * document is reached through extension.getViews({ type: 'popup' }) from an extension page.
   * The name is the control's aria-label, else its text.
   */
  popupControl(role: 'button' | 'radio', name: string): Promise<{ x: number; y: number }>;
  /** Closes the real toolbar popup if it is open (no window manager closes it on a blur). */
  closeToolbarPopup(): Promise<void>;
  /** A real left-click at screen coordinates; headful only. */
  clickAt(x: number, y: number): Promise<void>;
  /** A real right-click at a point of `page`'s viewport; headful only. */
  rightClickInPage(page: Page, x: number, y: number): Promise<void>;
  /** The labels of the page context menu's visible items, in order, once it is open. */
  contextMenuItems(): Promise<string[]>;
  /**
   * Terminates the event page as about:debugging's "Terminate background script" does (and as
   * Firefox does when it is idle); resolves once Firefox reports it stopped.
   */
  stopBackground(): Promise<void>;
  /** The event page's state as Firefox keeps it: starting, running, suspending or stopped. */
  backgroundState(): Promise<string>;
  /** Console errors of the pages the harness opened. */
  readonly errors: string[];
  /**
   * Uncaught exceptions and script errors in any of the add-on's contexts, the event page
   * included (the parent's console service, which the extension process forwards them to).
   * Not its console.error calls: those stay in the extension process's console store.
   */
  extensionErrors(): Promise<string[]>;
  close(): Promise<void>;
}

/** Waits until `page` shows a loaded document at `url` (see the note above on navigation). */
async function settle(page: Page, url: string): Promise<void> {
  await waitFor(
    () =>
      page
        .evaluate((u) => location.href === u && document.readyState === 'complete', url)
        .catch(() => false),
    { timeout: 20_000, message: `${url} to load` },
  );
}

/** Firefox with a fresh profile (puppeteer-core's), on a private Xvfb when headful. */
async function startFirefox(
  headful: boolean,
  display?: string,
  executable = FIREFOX,
  policy?: PolicyLaunch,
): Promise<{ browser: Browser; xvfb?: Xvfb }> {
  const xvfb = display ? undefined : headful ? await startXvfb() : undefined;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: executable,
    headless: !headful,
    args: ['--remote-allow-system-access'],
    env: {
      ...process.env,
      ...policy?.env,
      ...(xvfb || display ? { DISPLAY: display ?? xvfb?.display } : {}),
    },
    extraPrefsFirefox: {
      ...policy?.prefs,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // No opening animation on panels and popups: real clicks aim at where they will stay.
      'toolkit.cosmeticAnimations.enabled': false,
    },
  });
  return { browser, xvfb };
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const dist = resolve(options.dist ?? process.env.E2E_FIREFOX_DIST ?? 'dist-firefox-test');
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
  const messages = JSON.parse(
    readFileSync(join(dist, `_locales/${options.locale ?? 'en'}/messages.json`), 'utf8'),
  ) as Record<string, { message: string }>;
  const policy = options.policies ? policyLaunch(options.policies) : undefined;
  const { browser, xvfb } = await startFirefox(
    options.headful === true || options.display !== undefined,
    options.display,
    options.executable,
    policy,
  );
  const forget = onExit(() => browser.process()?.kill('SIGKILL'));
  const inParent = parentScript(browser);
  if (options.locale) await useLocaleOf(inParent, options.locale);
  const addonId = await browser.installExtension(dist);
  const origin = `moz-extension://${UUID}`;
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    return page;
  };
  let helper: Page | undefined;
  const backgroundState = () => backgroundStateOf(inParent);

  const openPage = async (path: string) => {
    const page = watch(await browser.newPage());
    const url = `${origin}/${path}`;
    // The navigation happens; its completion is what puppeteer misses.
    page.goto(url, { timeout: 0 }).catch(() => undefined);
    await settle(page, url);
    return page;
  };
  const evalInExtension = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => {
    helper ??= await openPage(manifest.options_ui?.page ?? '');
    return (await helper.evaluate(fn as (a: unknown) => R, arg)) as R;
  };

  return {
    browser,
    addonId,
    origin,
    dist,
    manifest,
    display: xvfb?.display,
    screenImage: xvfb ? () => (xvfb as Xvfb).screenshot() : undefined,
    message: (key) => {
      const found = messages[key]?.message;
      if (found === undefined) throw new Error(`no message ${key}`);
      return found;
    },
    openPage,
    openOptions: () => openPage(manifest.options_ui?.page ?? ''),
    openPopup: () => openPage(manifest.action?.default_popup ?? ''),
    async openWebPage(url) {
      const page = watch(await browser.newPage());
      await page.goto(url);
      await page.bringToFront();
      return page;
    },
    async request(type, payload) {
      const result = (await evalInExtension(
        (m) =>
          (
            globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): unknown } } }
          ).browser.runtime.sendMessage(m),
        { type, payload },
      )) as Result<ResponseOf<typeof type>>;
      if (!result.ok) throw new Error(`${type}: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    evalInExtension,
    backgroundState,
    stopBackground: () => stopBackground(inParent),
    async pressKeys(page, chord) {
      const input = await focusWindow(xvfb, page);
      await input.xdotool('key', chord);
    },
    async rightClickInPage(page, x, y) {
      const input = await focusWindow(xvfb, page);
      // Firefox's own: where the viewport's origin is on the screen.
      const origin = await page.evaluate(() => {
        const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
        return { left: w.mozInnerScreenX, top: w.mozInnerScreenY };
      });
      await input.rightClickAt(origin.left + x, origin.top + y);
    },
    popupControl: (role, name) => popupControlOf(evalInExtension, role, name),
    closeToolbarPopup: () => closeToolbarPopupOf(inParent),
    async clickAt(x, y) {
      if (!xvfb) throw new Error('real input needs a headful session');
      await new RealInput(xvfb.display).clickAt(x, y);
    },
    contextMenuItems: () => contextMenuItemsOf(inParent),
    errors,
    extensionErrors: () => addonErrors(inParent, origin),
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      forget();
      await xvfb?.close();
      policy?.remove();
    },
  };
}
