// The alerts on the browser's own parts: browser.notifications, the windows and tabs the agent
// looks at, the offscreen document for the tone (Chrome) or Web Audio in the background page
// (Firefox), and the overlay's panels.
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n';
import { OFFSCREEN_PAGE } from '../../shared/offscreen';
import type { Settings } from '../../shared/settings';
import type { OverlayBridge } from '../overlay';
import { type Alerts, createAlerts } from '.';
import { createTonePlayer } from './tone';

export interface BrowserAlertsDeps {
  overlay: Pick<OverlayBridge, 'reveal' | 'tabsShowing'>;
  settings: () => Promise<Settings>;
  openViewer: (conversationId: string) => Promise<unknown>;
  log: (message: string) => void;
}

/** The active tab of the focused browser window, if a browser window has the focus. */
async function lookingAt(): Promise<number | undefined> {
  const win = await browser.windows.getLastFocused();
  if (!win.focused || win.id === undefined) return undefined;
  const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
  return tab?.id;
}

async function focusTab(tabId: number): Promise<void> {
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

export function createBrowserAlerts(deps: BrowserAlertsDeps): Alerts {
  // chrome.*: the polyfill wraps neither offscreen nor runtime.getContexts (Chrome only).
  const chromeApi = (globalThis as { chrome?: typeof chrome }).chrome;
  const offscreen = chromeApi?.offscreen;
  const playTone = createTonePlayer({
    offscreen,
    hasDocument: async () => {
      const contexts = await chromeApi?.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT'],
        documentUrls: [browser.runtime.getURL(OFFSCREEN_PAGE)],
      });
      return (contexts?.length ?? 0) > 0;
    },
    sendMessage: (message) => browser.runtime.sendMessage(message),
    audioHere: () => (typeof AudioContext === 'undefined' ? undefined : new AudioContext()),
  });
  return createAlerts({
    notifications: browser.notifications,
    settings: deps.settings,
    sessionTabs: (id) => deps.overlay.tabsShowing(id),
    lookingAt,
    reveal: (id) => deps.overlay.reveal(id),
    focusTab,
    openViewer: deps.openViewer,
    playTone,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    viewerLabel: () => t('ov_open_viewer'),
    log: deps.log,
  });
}
