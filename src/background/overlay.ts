// The background's half of the on-page panel. It injects the content script on demand (under
// activeTab, when the agent acted on the tab), waits for its port's `hello` (the handshake),
// asks it for the page's conversation hints and tells it to show the panel frame. The panel
// frame (an extension page) connects on its own port and proves, with the one-time key the
// background gave that tab's content script, that it is the frame the content script made; a
// frame without the key (one a page embedded itself) gets nothing. Views go to the panel, and
// what the agent clicked there comes back as checked intents. Each tab's state (its key, the
// view it shows, which ids it was offered) is kept in storage.session, so after a worker
// restart the reconnecting panel gets its session back. A panel may only act for its own tab,
// and only on ids the background offered to that tab.
import * as v from 'valibot';
import type { OverlayAction, OverlayView, PageHintsEnvelope, PanelPush } from '../shared/protocol';
import { PanelMessageSchema } from '../shared/protocol/panel';
import { PANEL_PAGE, PORT_OVERLAY, PORT_PANEL } from '../shared/protocol/ports';
import type { SessionSnapshot } from '../shared/session';
import type { DetectionRule } from '../shared/settings';
import { globalTimers, type Timers } from '../shared/timers';
import { createContentLink } from './overlay-content';
import { type Listening, listen, type OverlayPort, postTo } from './overlay-ports';
import { createPlaceStore, createTabStore, type StorageLike, type TabState } from './overlay-store';

export type { OverlayPort };

export const HANDSHAKE_TIMEOUT_MS = 5_000;

export interface OverlayBridgeDeps {
  extensionId: () => string;
  /** storage.local, for where the agent put the panel on each site. */
  places?: StorageLike;
  /** A fresh one-time key (crypto.randomUUID). */
  newKey?: () => string;
  /** scripting.executeScript({target:{tabId}, files:[contentFile]}). */
  inject: (tabId: number) => Promise<unknown>;
  storage: StorageLike;
  /** The current snapshot of a conversation (the service's). */
  session: (conversationId: string) => SessionSnapshot | undefined;
  /** A checked action from a tab's overlay. */
  onAction: (tabId: number, state: TabState, action: OverlayAction) => void;
  timers?: Timers;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface OverlayBridge {
  /** For runtime.onConnect: keeps this extension's content-script ('overlay') and panel ports. */
  accept(port: OverlayPort): void;
  /** Injects the content script unless it is connected, and waits for its hello. */
  ensure(tabId: number): Promise<void>;
  /** The page's conversation hints (the content script walks the DOM). */
  collect(
    tabId: number,
    rules: readonly DetectionRule[],
    context?: { linkUrl?: string; selectionText?: string },
  ): Promise<PageHintsEnvelope>;
  /** The conversation whose session the tab's current page shows in its panel, if any. */
  sessionOn(tabId: number): Promise<string | undefined>;
  /** Shows a view on the tab and remembers what the tab may do with it. */
  show(tabId: number, view: OverlayView, state: TabState): Promise<void>;
  /** A session changed: every tab showing it re-renders (a closed overlay stays closed). */
  pushSnapshot(snapshot: SessionSnapshot): void;
  /**
   * A session started on its own for an id a tab showed a failure for (a start resumed after
   * sign-in): that tab now shows, and follows, the session.
   */
  adopt(snapshot: SessionSnapshot): void;
  /**
   * The session changed in a way the agent should see: its panels show it again, and one the
   * agent closed comes back as the pill (the panel asks its host, which alone knows it is hidden).
   */
  reveal(conversationId: string): void;
  /** The tabs whose panel shows this session, in the order they were first shown it. */
  tabsShowing(conversationId: string): Promise<number[]>;
  /** The tab closed. */
  forget(tabId: number): void;
  /** Resolves when every message received so far has been handled (tests). */
  idle(): Promise<void>;
}

export function createOverlayBridge(deps: OverlayBridgeDeps): OverlayBridge {
  const log = deps.log ?? (() => undefined);
  const newKey = deps.newKey ?? (() => crypto.randomUUID());
  const handling = new Set<Promise<void>>();
  const listening: Listening = { handling, log };
  /** Panel ports by tab: the one frame that showed the tab's key. */
  const panels = new Map<number, OverlayPort>();
  const tabStore = createTabStore(deps.storage, log);
  const content = createContentLink({
    ...listening,
    inject: deps.inject,
    places: createPlaceStore(deps.places, log),
    timers: deps.timers ?? globalTimers,
    timeoutMs: deps.timeoutMs ?? HANDSHAKE_TIMEOUT_MS,
  });
  const toPanel = (tabId: number, push: PanelPush) => postTo(panels, tabId, push);
  /** What the tab's panel shows now: its session's latest snapshot, else its last view. */
  function currentView(state: TabState | undefined): OverlayView | undefined {
    const snapshot = state?.conversationId ? deps.session(state.conversationId) : undefined;
    return snapshot ? { kind: 'session', snapshot } : state?.view;
  }

  const onPanel = (tabId: number, port: OverlayPort, raw: unknown) =>
    panelMessage({ tabId, port, raw, panels, tabStore, currentView, toPanel, deps, log });

  return {
    accept(port) {
      const sender = port.sender;
      const tabId = sender?.tab?.id;
      if (port.name !== PORT_OVERLAY && port.name !== PORT_PANEL) return;
      if (sender?.id !== deps.extensionId() || typeof tabId !== 'number') {
        port.disconnect();
        return;
      }
      if (port.name === PORT_OVERLAY) {
        content.accept(port, tabId);
        return;
      }
      // A panel is the extension's panel page in a sub-frame of the tab: never the top frame,
      // never a web page. Which frame of the tab it is gets decided by the key in its hello.
      if (!isPanelPage(sender.url) || sender.frameId === 0) {
        port.disconnect();
        return;
      }
      listen(port, tabId, panels, onPanel, listening);
    },

    ensure: (tabId) => content.ensure(tabId),
    collect: (tabId, rules, context) => content.collect(tabId, rules, context),
    sessionOn: async (tabId) =>
      sessionOfPage((await tabStore.load()).get(tabId), content.documentOf(tabId)),

    async show(tabId, view, state) {
      const map = await tabStore.load();
      // One key per page: the same page keeps its frame (and the frame its key) across shows
      // and worker restarts; a new page in the tab gets a new key, so an old one opens nothing.
      const before = map.get(tabId);
      const document = content.documentOf(tabId);
      const key = before?.key && before.document === document ? before.key : newKey();
      const next: TabState = {
        ...state,
        allowed: state.allowed.map((id) => id.toLowerCase()),
        key,
        ...(document ? { document } : {}),
        ...(view.kind === 'session' ? {} : { view }),
      };
      map.set(tabId, next);
      await tabStore.save(map);
      await content.show(tabId, key);
      // A session may have moved on while the tab state was saved (its POST answered): show it
      // as it is now, never an older snapshot over a newer push.
      toPanel(tabId, { type: 'view', view: currentView(next) ?? view });
    },

    pushSnapshot(snapshot) {
      const tabs = tabStore.loaded();
      if (!tabs) return; // no tab state loaded: no tab was shown anything since the restart
      for (const [tabId, state] of tabs) {
        if (state.conversationId !== snapshot.conversationId) continue;
        toPanel(tabId, { type: 'view', view: { kind: 'session', snapshot } });
      }
    },

    ...sessionTabs(tabStore, (tabId) => panels.has(tabId), currentView, toPanel, log),
    adopt(snapshot) {
      const id = snapshot.conversationId;
      tabStore
        .load()
        .then(async (map) => {
          let changed = false;
          for (const [tabId, state] of map) {
            if (state.conversationId || state.allowed.length !== 1 || state.allowed[0] !== id) {
              continue;
            }
            const { view: _old, ...rest } = state;
            map.set(tabId, { ...rest, conversationId: id });
            changed = true;
            toPanel(tabId, { type: 'view', view: { kind: 'session', snapshot } });
          }
          if (changed) await tabStore.save(map);
        })
        .catch((err) => log(`overlay adopt: ${String(err)}`));
    },

    forget(tabId) {
      content.forget(tabId);
      panels.delete(tabId);
      tabStore
        .load()
        .then((map) => {
          if (map.delete(tabId)) return tabStore.save(map);
        })
        .catch(() => undefined);
    },

    async idle() {
      while (handling.size > 0) await Promise.all([...handling]);
    },
  };
}

/**
 * OverlayBridge's reveal and tabsShowing: the tabs whose panel shows a session. Only a tab whose
 * panel frame is still connected counts: once the tab has gone to another page (a reload, a
 * link, the page's own redirect) the frame and its port are gone, and the stored state alone
 * would say the agent sees a session no panel shows.
 */
function sessionTabs(
  tabStore: ReturnType<typeof createTabStore>,
  hasPanel: (tabId: number) => boolean,
  currentView: (state: TabState | undefined) => OverlayView | undefined,
  toPanel: (tabId: number, push: PanelPush) => boolean,
  log: (message: string) => void,
): Pick<OverlayBridge, 'reveal' | 'tabsShowing'> {
  const showing = async (conversationId: string) => {
    const id = conversationId.toLowerCase();
    const map = await tabStore.load();
    return [...map].filter(([tabId, state]) => state.conversationId === id && hasPanel(tabId));
  };
  return {
    reveal(conversationId) {
      showing(conversationId)
        .then((tabs) => {
          for (const [tabId, state] of tabs) {
            const view = currentView(state);
            if (view) toPanel(tabId, { type: 'view', view, reveal: true });
          }
        })
        .catch((err) => log(`overlay reveal: ${String(err)}`));
    },
    tabsShowing: async (conversationId) => (await showing(conversationId)).map(([tabId]) => tabId),
  };
}

/** The session a tab's panel shows, unless the tab has shown another page (document) since. */
function sessionOfPage(state: TabState | undefined, document: string | undefined) {
  if (document && state?.document && state.document !== document) return undefined;
  return state?.conversationId;
}

/** The extension's own panel page (Chrome, or Firefox's moz-extension: scheme). */
function isPanelPage(url: string | undefined): boolean {
  try {
    const u = new URL(url ?? '');
    return /^(chrome|moz)-extension:$/.test(u.protocol) && u.pathname === `/${PANEL_PAGE}`;
  } catch {
    return false;
  }
}

interface PanelMessageContext {
  tabId: number;
  port: OverlayPort;
  raw: unknown;
  panels: Map<number, OverlayPort>;
  tabStore: ReturnType<typeof createTabStore>;
  currentView: (state: TabState | undefined) => OverlayView | undefined;
  toPanel: (tabId: number, push: PanelPush) => boolean;
  deps: Pick<OverlayBridgeDeps, 'onAction'>;
  log: (message: string) => void;
}

/**
 * A panel frame's message: a hello is accepted only with its tab's key (then the frame gets
 * the tab's view); an action only from the accepted frame, and a start only for an id offered
 * to that tab.
 */
async function panelMessage(c: PanelMessageContext): Promise<void> {
  const { tabId, port, panels, log } = c;
  const parsed = v.safeParse(PanelMessageSchema, c.raw);
  if (!parsed.success) {
    log(`panel message refused from tab ${tabId}`);
    if (panels.get(tabId) !== port) port.disconnect(); // not even a proper hello
    return;
  }
  const message = parsed.output;
  const state = (await c.tabStore.load()).get(tabId);
  if (message.type === 'hello') {
    if (!state?.key || state.key !== message.key) {
      log(`panel refused in tab ${tabId}: not the frame the content script made`);
      port.disconnect();
      return;
    }
    panels.set(tabId, port);
    const view = c.currentView(state);
    if (view) c.toPanel(tabId, { type: 'view', view });
    return;
  }
  if (panels.get(tabId) !== port || !state) return; // no accepted hello on this port
  const { type: _type, ...action } = message;
  if (action.action === 'start' && !state.allowed.includes(action.conversationId.toLowerCase())) {
    log(`panel start refused: ${action.conversationId} was not offered to tab ${tabId}`);
    return;
  }
  c.deps.onAction(tabId, state, action);
}
