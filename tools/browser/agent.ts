// What an agent does around a cobrowse, for the trigger and lifecycle tests: sign in (the
// sandbox approves at once), open the popup over a page, fire the right-click item or the
// keyboard command on a tab, and serve local pages the sandbox does not have.
import type { Page } from 'playwright-core';
import { type Sandbox, SEED } from '../sandbox/index';
import type { ExtensionSession } from './browser';

/** The right-click item's id (MENU_ID in src/background/cobrowse/triggers.ts). */
export const MENU_ITEM = 'start-cobrowse';

/** Signs in through the extension's own auth.signIn; the sandbox's authorize answers at once. */
export async function signIn(session: ExtensionSession, sandbox: Sandbox): Promise<void> {
  sandbox.settings({ autoApprove: true });
  const status = await session.request('auth.signIn', {});
  if (!status.signedIn) throw new Error(`sign-in failed: ${JSON.stringify(status)}`);
}

/** A new tab showing `url`, in front (the tab the agent works in). */
export async function openAgentPage(session: ExtensionSession, url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  return page;
}

export interface TabInfo {
  id: number;
  url: string;
  windowId: number;
  active: boolean;
  index: number;
}

/** The browser's tab for a page (found by its URL; tests keep one tab per URL). */
export async function tabOf(session: ExtensionSession, page: Page): Promise<TabInfo> {
  const url = page.url();
  const tabs = await session.evalInWorker(
    async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u),
    url,
  );
  if (tabs.length !== 1) throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
  return tabs[0] as TabInfo;
}

/**
 * The agent selects "Conversation ID: …" in the agent tool's table row of one conversation: the
 * selected text, and where it is in the page (for a right-click on it).
 */
export function selectConversationIdCell(page: Page, conversationId: string) {
  return page
    .getByRole('cell')
    .filter({ hasText: `Conversation ID: ${conversationId}` })
    .evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td.firstChild as Node);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height, text: selection.toString() };
    });
}

/**
 * Chrome's click on the extension's right-click item, as Chrome delivers it to the worker
 * (contextMenus.onClicked with the link or selection under the pointer and the tab). The real
 * native menu is driven by real-input-triggers.test.ts; headless Chromium shows none.
 */
export async function clickMenuItem(
  session: ExtensionSession,
  page: Page,
  target: { linkUrl?: string; selectionText?: string } = {},
): Promise<void> {
  const tab = await tabOf(session, page);
  await session.evalInWorker(
    ({ tab, info }) => {
      // chrome.Event's own dispatch: every onClicked listener runs as for a real click.
      (
        chrome.contextMenus.onClicked as unknown as {
          dispatch(info: object, tab: object): void;
        }
      ).dispatch(info, tab);
    },
    {
      tab,
      info: { menuItemId: MENU_ITEM, editable: false, frameId: 0, pageUrl: tab.url, ...target },
    },
  );
}

/**
 * The keyboard command as Chrome delivers it (commands.onCommand with the active tab). Headless
 * Chromium does not route key events to extension shortcuts; real-input-triggers.test.ts presses
 * the real one under Xvfb.
 */
export async function pressCommand(
  session: ExtensionSession,
  page: Page,
  command = 'start-cobrowse',
): Promise<void> {
  if (!session.manifest.commands?.[command])
    throw new Error(`no command ${command} in the manifest`);
  const tab = await tabOf(session, page);
  await session.evalInWorker(
    ({ command, tab }) => {
      (
        chrome.commands.onCommand as unknown as { dispatch(command: string, tab: object): void }
      ).dispatch(command, tab);
    },
    { command, tab },
  );
}

/**
 * The popup's document over the agent's page: opened as a background tab right after it, so the
 * page stays the window's active tab, which is the tab the popup reads (tabs.query active +
 * currentWindow), as the real toolbar popup does.
 */
export async function openPopupOver(session: ExtensionSession, page: Page): Promise<Page> {
  const tab = await tabOf(session, page);
  if (!tab.active) throw new Error(`the agent's page ${tab.url} is not the active tab`);
  const url = `${session.origin}/${session.manifest.action?.default_popup}`;
  const opened = session.context.waitForEvent('page', { predicate: (p) => p.url() === url });
  await session.evalInWorker(
    ({ url, tab }) =>
      chrome.tabs.create({ url, active: false, windowId: tab.windowId, index: tab.index + 1 }),
    { url, tab },
  );
  return opened;
}

/** The latest sandbox session of a conversation, once it is in one of these states. */
export function sandboxSession(
  sandbox: Sandbox,
  conversationId: string,
  states: string[] = ['offered'],
  timeoutMs = 20_000,
) {
  return sandbox.waitFor(() => {
    const latest = sandbox
      .sessions()
      .filter((s) => s.conversationId === conversationId)
      .at(-1);
    return latest && states.includes(latest.state) ? latest : undefined;
  }, timeoutMs);
}

/** Every create request the sandbox received, whatever the conversation. */
export function allCreateRequests(sandbox: Sandbox) {
  return sandbox.requests({
    method: 'POST',
    route: '/api/v2/conversations/{conversationId}/cobrowse',
  });
}

/** The create requests the sandbox received for one conversation. */
export function createRequests(sandbox: Sandbox, conversationId: string) {
  return allCreateRequests(sandbox).filter((entry) => entry.path.includes(conversationId));
}

/** Saves the environment through the extension's own settings.save message (what the options page sends). */
export async function pointExtensionAt(
  session: ExtensionSession,
  baseUrl: string,
  clientId: string = SEED.clients.pkce,
): Promise<void> {
  const view = await session.request('settings.save', {
    environment: { kind: 'custom', baseUrl },
    clientId,
  });
  if (view.settings.environment.kind !== 'custom' || view.settings.clientId !== clientId) {
    throw new Error(`settings.save did not apply: ${JSON.stringify(view.settings)}`);
  }
}
