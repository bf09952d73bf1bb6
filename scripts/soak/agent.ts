// The agent's side of the soak: tabs over two windows, each showing one conversation in the
// sandbox's agent tool (pages are reused: a new start on a tab is a new session of the same
// conversation), and the three triggers. The shortcut is a real key press (xdotool, headful
// under the private Xvfb); the right-click item and its tab arrive as Chrome delivers them to
// the worker (contextMenus.onClicked), as in test/e2e/start-triggers.test.ts; the popup is the
// popup document over the page with Start clicked.
import type { Frame, Page } from 'playwright-core';
import type { RemoteSandbox } from '../../bench/sandbox-process';
import { COMMAND, ensureShortcut } from '../../bench/trigger';
import { liveWorker } from '../../bench/worker';
import type { SessionSnapshot } from '../../src/shared/session';
import { MENU_ITEM } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import { panelFrame } from '../../tools/browser/overlay';
import { RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import type { Trigger } from './plan';

export interface AgentTab {
  index: number;
  page: Page;
  /** Marks the window title so xdotool finds this tab's window. */
  marker: string;
  conversationId: string;
  userId: string;
}

export interface Agent {
  tabs: AgentTab[];
  /** An extension page the soak reads through (storage.session, badge, tabs): never the worker. */
  probe: Page;
  popup?: Page;
  trigger(tab: AgentTab, trigger: Trigger): Promise<void>;
  /** Points a tab at a new conversation of `userId`. */
  newConversation(tab: AgentTab, userId: string): Promise<void>;
  snapshot(conversationId: string): Promise<SessionSnapshot | undefined>;
  panel(tab: AgentTab): Frame | undefined;
  clickInPanel(tab: AgentTab, name: string): Promise<boolean>;
  closePopup(): Promise<void>;
}

export async function startAgent(
  session: ExtensionSession,
  sandbox: RemoteSandbox,
  tabsPerWindow: number,
  userId: string,
): Promise<Agent> {
  const input = RealInput.for(session);
  const key = session.manifest.commands?.[COMMAND]?.suggested_key?.default;
  if (!key) throw new Error(`no ${COMMAND} shortcut in the manifest`);
  await ensureShortcut(session, key);
  const chord = xdotoolChord(key);
  const probe = await session.context.newPage();
  await probe.goto(`${session.origin}/manifest.json`);
  const toolUrl = (cid: string) => `${sandbox.url}/sandbox/agent-tool/${cid}`;

  const tabs: AgentTab[] = [];
  const fresh = async (user = userId) =>
    (await sandbox.addConversation({ media: 'message', userId: user })).id;
  // Window 1: the browser's first window; window 2: opened by chrome.windows.create.
  for (let w = 0; w < 2; w++) {
    let windowId: number | undefined;
    for (let t = 0; t < tabsPerWindow; t++) {
      const cid = await fresh();
      let page: Page;
      if (w === 0) {
        page = await session.context.newPage();
        await page.goto(toolUrl(cid));
      } else {
        const url = toolUrl(cid);
        const opened = session.context.waitForEvent('page', { predicate: (p) => p.url() === url });
        windowId = await probe.evaluate(
          async ({ url, windowId }) => {
            if (windowId === undefined)
              return (await chrome.windows.create({ url, focused: true }))?.id as number;
            await chrome.tabs.create({ url, windowId });
            return windowId;
          },
          { url, windowId },
        );
        page = await opened;
        await page.waitForLoadState();
      }
      tabs.push({
        index: tabs.length,
        page,
        marker: `soak-tab-${tabs.length}`,
        conversationId: cid,
        userId,
      });
    }
  }

  async function tabId(tab: AgentTab): Promise<{ id: number; windowId: number; index: number }> {
    const url = tab.page.url();
    const found = await probe.evaluate(
      async (u) =>
        (await chrome.tabs.query({ url: u })).map((t) => ({
          id: t.id,
          windowId: t.windowId,
          index: t.index,
        })),
      url,
    );
    if (found.length !== 1) throw new Error(`expected one tab at ${url}, found ${found.length}`);
    return found[0] as { id: number; windowId: number; index: number };
  }

  async function focus(tab: AgentTab): Promise<void> {
    await tab.page.bringToFront();
    // Chrome sends a shortcut to the window it holds active: with two windows and no window
    // manager, X focus alone is not enough.
    const { windowId } = await tabId(tab);
    await probe.evaluate((id) => chrome.windows.update(id, { focused: true }), windowId);
    await tab.page.evaluate((m) => {
      document.title = m;
    }, tab.marker);
    const window = await waitFor(
      async () =>
        (await input.xdotool('search', '--onlyvisible', '--name', tab.marker).catch(() => ''))
          .split('\n')
          .filter(Boolean)[0],
      { timeout: 10_000, message: `the window of ${tab.marker}` },
    );
    await input.xdotool('windowfocus', '--sync', window);
  }

  const agent: Agent = {
    tabs,
    probe,
    async trigger(tab, trigger) {
      if (trigger === 'shortcut') {
        await focus(tab);
        await input.xdotool('key', '--clearmodifiers', '--delay', '0', chord);
      } else if (trigger === 'menu') {
        const t = await tabId(tab);
        const info = await probe.evaluate(
          async (id) => (await chrome.tabs.get(id)) as chrome.tabs.Tab,
          t.id,
        );
        const worker = await liveWorker(session);
        await worker.evaluate(
          ({ tab, info }) => {
            (
              chrome.contextMenus.onClicked as unknown as {
                dispatch(info: object, tab: object): void;
              }
            ).dispatch(info, tab);
          },
          {
            tab: info,
            info: {
              menuItemId: MENU_ITEM,
              editable: false,
              frameId: 0,
              pageUrl: info.url,
              selectionText: `Conversation ID: ${tab.conversationId}`,
            },
          },
        );
      } else {
        await tab.page.bringToFront();
        const t = await tabId(tab);
        const url = `${session.origin}/${session.manifest.action?.default_popup}`;
        const opened = session.context.waitForEvent('page', { predicate: (p) => p.url() === url });
        await probe.evaluate(
          ({ url, t }) =>
            chrome.tabs.create({ url, active: false, windowId: t.windowId, index: t.index + 1 }),
          { url, t },
        );
        const popup = await opened;
        agent.popup = popup;
        const start = popup.getByRole('button', {
          name: session.message('popup_start'),
          exact: true,
        });
        // With a past session on the page's conversation the popup shows it: back to the list.
        const back = popup.getByRole('button', {
          name: session.message('popup_back_to_conversations'),
          exact: true,
        });
        // A list the chaos failed shows Refresh instead: the agent presses it (twice at most).
        const refresh = popup.getByRole('button', {
          name: session.message('popup_refresh'),
          exact: true,
        });
        const failed = popup.locator('.error-view');
        for (let i = 0; i < 2; i++) {
          await start
            .or(back)
            .or(failed)
            .first()
            .waitFor({ timeout: 15_000 })
            .catch(() => {});
          if (await start.or(back).first().isVisible()) break;
          if (!(await failed.first().isVisible())) break;
          await refresh.click({ timeout: 5_000 });
        }
        await start
          .or(back)
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(async () => {
            const text = await popup.evaluate(() =>
              (document.body.textContent ?? '').replace(/\s+/g, ' ').slice(0, 200),
            );
            throw new Error(`the popup offers no Start: "${text}"`);
          });
        if (await back.isVisible()) await back.click({ timeout: 5_000 });
        await start.click({ timeout: 15_000 });
      }
    },
    async newConversation(tab, userId) {
      tab.conversationId = await fresh(userId);
      tab.userId = userId;
      await tab.page.goto(toolUrl(tab.conversationId));
    },
    async snapshot(cid) {
      const key = `cobrowse.session.${cid}`;
      const stored = await probe.evaluate(
        async (k) => (await chrome.storage.session.get(k))[k],
        key,
      );
      return (stored as { snapshot?: SessionSnapshot } | undefined)?.snapshot;
    },
    panel: (tab) => panelFrame(tab.page),
    async clickInPanel(tab, name) {
      const frame = panelFrame(tab.page);
      if (!frame) return false;
      const button = frame.locator('html[data-ready]').getByRole('button', { name, exact: true });
      try {
        await button.click({ timeout: 5_000 });
        return true;
      } catch {
        return false;
      }
    },
    async closePopup() {
      const p = agent.popup;
      agent.popup = undefined;
      await p?.close().catch(() => {});
    },
  };
  return agent;
}
