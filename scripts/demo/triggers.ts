// How the tour starts a cobrowse from each trigger. With Xvfb + xdotool the input is real: the
// toolbar popup opened by its shortcut, Chrome's native right-click menu, the start-cobrowse
// shortcut. Without them, the events Chrome would deliver, dispatched in the worker.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { clickMenuItem, openPopupOver, pressCommand } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import { popupSession } from '../../tools/browser/overlay';
import { findPopupTarget, RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';

export type Trigger = 'popup' | 'menu' | 'command';

export interface TriggerDriver {
  /** For the report: how input reached the browser. */
  readonly description: string;
  readonly real: boolean;
  /**
   * Starts a cobrowse for the conversation `page` shows, from `trigger`. For the popup,
   * `popupShot` is written with the popup showing the started session.
   */
  start(
    trigger: Trigger,
    page: Page,
    conversationId: string,
    popupShot?: string,
  ): Promise<string[]>;
}

/** The extension's item in Chrome's page menu sits above "View page source" and "Inspect". */
const MENU_ITEM_FROM_BOTTOM = 2;

export function realInputDriver(session: ExtensionSession): TriggerDriver {
  const input = RealInput.for(session);
  const shortcut = (name: string) => {
    const key = session.manifest.commands?.[name]?.suggested_key?.default;
    if (!key) throw new Error(`the manifest has no shortcut for ${name}`);
    return key;
  };

  async function viaPopup(page: Page, conversationId: string, shot?: string): Promise<string[]> {
    const key = shortcut('_execute_action');
    await input.focusBrowser(page);
    await input.key(xdotoolChord(key));
    const popup = await findPopupTarget(session, { timeout: 10_000 });
    try {
      const startName = session.message('popup_start');
      // The page's conversation is preselected once the popup has read the page.
      await waitFor(
        () =>
          popup.evaluate<boolean>(
            `Boolean(document.querySelector('input[name=conversation][value="${conversationId}"]:checked'))`,
          ),
        { timeout: 10_000, message: 'the page’s conversation preselected in the popup' },
      );
      await popup.waitForRole('button', startName);
      await popup.evaluate(
        `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(startName)}).click()`,
      );
      await popup.waitForRole('heading', session.message('popup_session_heading'), {
        timeout: 10_000,
      });
      const code = await waitFor(
        () => popup.evaluate<string | null>(`document.querySelector('.code')?.textContent ?? null`),
        { message: 'the join code in the popup' },
      );
      if (shot) {
        const { data } = await popup.cdp.send<{ data: string }>('Page.captureScreenshot', {
          format: 'png',
        });
        writeFileSync(shot, Buffer.from(data, 'base64'));
      }
      const errors = [...popup.errors];
      await popup.evaluate('window.close()').catch(() => undefined);
      return [
        `pressed ${key}: the real toolbar popup opened with the page's conversation preselected`,
        `clicked "${startName}"; the popup switched to "${session.message('popup_session_heading')}" with join code ${code}`,
        ...errors.map((e) => `popup console error: ${e}`),
      ];
    } finally {
      popup.close();
    }
  }

  return {
    real: true,
    description: 'real keyboard and mouse (xdotool) in headful Chromium under a private Xvfb',
    async start(trigger, page, conversationId, popupShot) {
      if (trigger === 'popup') return viaPopup(page, conversationId, popupShot);
      await input.focusBrowser(page);
      if (trigger === 'menu') {
        await input.rightClickInPage(page, 640, 420);
        await input.chooseContextMenuItemFromBottom(MENU_ITEM_FROM_BOTTOM);
        return [`right-clicked the page and chose "${session.message('popup_start')}"`];
      }
      const key = shortcut('start-cobrowse');
      const notes = await ensureShortcut(session, 'start-cobrowse', key);
      await input.focusBrowser(page);
      await input.key(xdotoolChord(key));
      return [...notes, `pressed ${key}`];
    },
  };
}

/**
 * Chrome does not always give an extension the shortcut its manifest suggests (Chromium 156 on
 * Linux leaves Alt+Shift+C unassigned); the agent then sets it at chrome://extensions/shortcuts.
 * The tour does the same, through that page's own API, and says so in the report.
 */
export async function ensureShortcut(
  session: ExtensionSession,
  command: string,
  key: string,
): Promise<string[]> {
  const assigned = await session.evalInWorker(
    async (name) => (await chrome.commands.getAll()).find((c) => c.name === name)?.shortcut ?? '',
    command,
  );
  if (assigned) return [];
  const page = await session.context.newPage();
  try {
    await page.goto('chrome://extensions/shortcuts');
    await page.evaluate(
      // biome-ignore lint/suspicious/noExplicitAny: developerPrivate has no public typings
      (args) => (chrome as any).developerPrivate.updateExtensionCommand(args),
      { extensionId: session.extensionId, commandName: command, keybinding: key },
    );
  } finally {
    await page.close();
  }
  return [
    `NOTE: Chromium left the suggested shortcut ${key} unassigned; set it at chrome://extensions/shortcuts, as an agent would`,
  ];
}

/**
 * No Xvfb/xdotool (headless Chromium shows no native menu and routes no shortcut): the menu
 * click and the command dispatched in the worker as Chrome delivers them (the e2e harness's
 * helpers), and the popup's document opened over the page.
 */
export function backgroundDriver(session: ExtensionSession): TriggerDriver {
  return {
    real: false,
    description:
      'synthetic, headless Chromium: the right-click item and the shortcut dispatched in the service worker as Chrome delivers them (contextMenus.onClicked / commands.onCommand with the tab); the popup page opened over the agent’s tab',
    async start(trigger, page, conversationId, popupShot) {
      if (trigger === 'menu') {
        await clickMenuItem(session, page);
        return [
          `delivered a click on "${session.message('popup_start')}" (contextMenus.onClicked) for the page's tab`,
        ];
      }
      if (trigger === 'command') {
        await pressCommand(session, page);
        return ['delivered the start-cobrowse command (commands.onCommand) for the page’s tab'];
      }
      const popup = await openPopupOver(session, page);
      const radio = popup.locator(`input[name=conversation][value="${conversationId}"]`);
      await radio.waitFor({ timeout: 10_000 });
      if (!(await radio.isChecked())) throw new Error('the page’s conversation is not preselected');
      await popup.getByRole('button', { name: session.message('popup_start') }).click();
      const code = await popupSession(popup, session).joinCode();
      if (popupShot) {
        await popup.bringToFront();
        // The popup's own column, not the 1280 px tab around it.
        await popup.locator('body > *').first().screenshot({ path: popupShot });
        await page.bringToFront();
      }
      await popup.close();
      return [
        'opened the popup over the page: the page’s conversation preselected',
        `clicked "${session.message('popup_start')}"; the popup shows join code ${code}`,
      ];
    },
  };
}
