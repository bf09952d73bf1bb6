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
import type {
  OverlayAction,
  OverlayPush,
  OverlayView,
  PageHintsEnvelope,
  PanelPlace,
  PanelPush,
} from '../shared/protocol';
import { OverlayMessageSchema } from '../shared/protocol/overlay';
import { PanelMessageSchema } from '../shared/protocol/panel';
import { PORT_OVERLAY, PORT_PANEL } from '../shared/protocol/ports';
import type { Origin, SessionSnapshot } from '../shared/session';
import type { DetectionRule } from '../shared/settings';
import type { PortLike } from './router';

export const TABS_KEY = 'overlay.tabs';
/** storage.local: where the agent put the panel, per site (origin), newest last. */
export const PLACES_KEY = 'panel.places';
const MAX_PLACES = 100;
export const HANDSHAKE_TIMEOUT_MS = 5_000;

/** What the background remembers about a tab it put the overlay on. */
export interface TabState {
  origin: Origin;
  /** The session this tab shows (live updates go to it). */
  conversationId?: string;
  /** Ids this tab may start: the picker's, the confirm's, the failed start's. */
  allowed: string[];
  /** The error view's retry re-runs the trigger (no id to retry). */
  retryTrigger?: boolean;
  /** The panel frame's key (see the header); made on the tab's first show. */
  key?: string;
  /** The last view shown that is not a session's (a session's is always its latest snapshot). */
  view?: OverlayView;
}

export interface OverlayPort extends PortLike {
  sender?: { id?: string; url?: string; origin?: string; tab?: { id?: number }; frameId?: number };
  onMessage: { addListener(cb: (message: unknown) => void): void };
}

export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

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
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
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
  /** Shows a view on the tab and remembers what the tab may do with it. */
  show(tabId: number, view: OverlayView, state: TabState): Promise<void>;
  /** A session changed: every tab showing it re-renders (a closed overlay stays closed). */
  pushSnapshot(snapshot: SessionSnapshot): void;
  /**
   * A session started on its own for an id a tab showed a failure for (a start resumed after
   * sign-in): that tab now shows, and follows, the session.
   */
  adopt(snapshot: SessionSnapshot): void;
  /** The tab closed. */
  forget(tabId: number): void;
  /** Resolves when every message received so far has been handled (tests). */
  idle(): Promise<void>;
}

const isTabState = (x: unknown): x is TabState =>
  typeof x === 'object' && x !== null && Array.isArray((x as TabState).allowed);

export function createOverlayBridge(deps: OverlayBridgeDeps): OverlayBridge {
  const setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer =
    deps.clearTimeout ??
    ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const timeoutMs = deps.timeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  const log = deps.log ?? (() => undefined);
  const newKey = deps.newKey ?? (() => crypto.randomUUID());
  /** Content-script ports by tab (top frame only). */
  const ports = new Map<number, OverlayPort>();
  /** Panel ports by tab: the one frame that showed the tab's key. */
  const panels = new Map<number, OverlayPort>();
  /** Content-script origins by tab (for the remembered place). */
  const origins = new Map<number, string>();
  const hellos = new Map<number, (() => void)[]>();
  const collects = new Map<number, { tabId: number; resolve: (p: PageHintsEnvelope) => void }>();
  const handling = new Set<Promise<void>>();
  let nextRequest = 1;

  // Tab states: memory first, storage.session behind it (loaded once after a restart).
  let tabs: Map<number, TabState> | undefined;
  let loading: Promise<Map<number, TabState>> | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  function loadTabs(): Promise<Map<number, TabState>> {
    if (tabs) return Promise.resolve(tabs);
    loading ??= deps.storage.get(TABS_KEY).then(
      (items) => {
        const raw = items[TABS_KEY];
        const map = new Map<number, TabState>();
        if (raw && typeof raw === 'object') {
          for (const [k, s] of Object.entries(raw)) if (isTabState(s)) map.set(Number(k), s);
        }
        tabs ??= map;
        return tabs;
      },
      () => {
        tabs ??= new Map();
        return tabs;
      },
    );
    return loading;
  }
  async function saveTabs(map: Map<number, TabState>) {
    const snapshot = Object.fromEntries(map);
    writes = writes
      .then(() => deps.storage.set({ [TABS_KEY]: snapshot }))
      .catch((err) => log(`overlay tabs not saved: ${String(err)}`));
    await writes;
  }

  function post(map: Map<number, OverlayPort>, tabId: number, push: OverlayPush | PanelPush) {
    const port = map.get(tabId);
    if (!port) return false;
    try {
      port.postMessage(push);
      return true;
    } catch {
      map.delete(tabId);
      return false;
    }
  }

  /** What the tab's panel shows now: its session's latest snapshot, else its last view. */
  function currentView(state: TabState | undefined): OverlayView | undefined {
    const snapshot = state?.conversationId ? deps.session(state.conversationId) : undefined;
    return snapshot ? { kind: 'session', snapshot } : state?.view;
  }

  const places = placesStore(deps.places, log);

  async function onContent(tabId: number, port: OverlayPort, raw: unknown) {
    const parsed = v.safeParse(OverlayMessageSchema, raw);
    if (!parsed.success) {
      log(`overlay message refused from tab ${tabId}`);
      return;
    }
    const message = parsed.output;
    if (message.type === 'hello') {
      ports.set(tabId, port);
      for (const resolve of hellos.get(tabId) ?? []) resolve();
      hellos.delete(tabId);
      return;
    }
    if (ports.get(tabId) !== port) return; // no hello yet on this port
    if (message.type === 'hints') {
      const waiting = collects.get(message.requestId);
      if (waiting?.tabId !== tabId) return; // not asked of this tab
      collects.delete(message.requestId);
      waiting.resolve(message.page);
      return;
    }
    const origin = origins.get(tabId);
    if (origin) await places.set(origin, message.place);
  }

  async function onPanel(tabId: number, port: OverlayPort, raw: unknown) {
    const parsed = v.safeParse(PanelMessageSchema, raw);
    if (!parsed.success) {
      log(`panel message refused from tab ${tabId}`);
      if (panels.get(tabId) !== port) port.disconnect(); // not even a proper hello
      return;
    }
    const message = parsed.output;
    const state = (await loadTabs()).get(tabId);
    if (message.type === 'hello') {
      if (!state?.key || state.key !== message.key) {
        log(`panel refused in tab ${tabId}: not the frame the content script made`);
        port.disconnect();
        return;
      }
      panels.set(tabId, port);
      const view = currentView(state);
      if (view) post(panels, tabId, { type: 'view', view });
      return;
    }
    if (panels.get(tabId) !== port || !state) return; // no accepted hello on this port
    const { type: _type, ...action } = message;
    if (action.action === 'start' && !state.allowed.includes(action.conversationId.toLowerCase())) {
      log(`panel start refused: ${action.conversationId} was not offered to tab ${tabId}`);
      return;
    }
    deps.onAction(tabId, state, action);
  }

  function waitFor<T>(
    register: (resolve: (value: T) => void) => void,
    unregister: () => void,
    what: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimer(() => {
        unregister();
        reject(new Error(`${what}: no answer from the page in ${timeoutMs} ms`));
      }, timeoutMs);
      register((value) => {
        clearTimer(timer);
        resolve(value);
      });
    });
  }

  function listen(
    port: OverlayPort,
    tabId: number,
    handler: typeof onContent,
    map: Map<number, OverlayPort>,
  ) {
    port.onMessage.addListener((message) => {
      const run = handler(tabId, port, message).catch((err) => log(`${port.name}: ${String(err)}`));
      handling.add(run);
      run.then(() => handling.delete(run));
    });
    port.onDisconnect.addListener(() => {
      // A page going into the back/forward cache closes its port with an error; reading it
      // marks it handled (else Chrome logs "Unchecked runtime.lastError" in the worker).
      void globalThis.chrome?.runtime?.lastError;
      if (map.get(tabId) === port) map.delete(tabId);
    });
  }

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
        // The content script runs in the page's top frame only.
        if (sender.frameId !== undefined && sender.frameId !== 0) {
          port.disconnect();
          return;
        }
        const origin = pageOrigin(sender);
        if (origin) origins.set(tabId, origin);
        listen(port, tabId, onContent, ports);
        return;
      }
      // A panel is an extension page in a sub-frame of the tab: never the top frame, never a
      // web page. Which frame of the tab it is gets decided by the key in its hello.
      const url = sender.url ?? '';
      const fromExtension = /^(chrome-extension|moz-extension):\/\//.test(url);
      if (!fromExtension || !url.includes('/src/panel/') || sender.frameId === 0) {
        port.disconnect();
        return;
      }
      listen(port, tabId, onPanel, panels);
    },

    async ensure(tabId) {
      if (ports.has(tabId)) return;
      let done: (() => void) | undefined;
      const hello = waitFor<void>(
        (resolve) => {
          done = () => resolve();
          hellos.set(tabId, [...(hellos.get(tabId) ?? []), done]);
        },
        () =>
          hellos.set(
            tabId,
            (hellos.get(tabId) ?? []).filter((f) => f !== done),
          ),
        'overlay handshake',
      );
      hello.catch(() => undefined);
      await deps.inject(tabId);
      await hello;
    },

    collect(tabId, rules, context) {
      if (!ports.has(tabId)) {
        return Promise.reject(new Error('page hints: the overlay is not connected'));
      }
      const requestId = nextRequest++;
      const answer = waitFor<PageHintsEnvelope>(
        (resolve) => collects.set(requestId, { tabId, resolve }),
        () => collects.delete(requestId),
        'page hints',
      );
      post(ports, tabId, {
        type: 'collect',
        requestId,
        rules: [...rules],
        ...(context ? { context } : {}),
      });
      return answer;
    },

    async show(tabId, view, state) {
      const map = await loadTabs();
      const key = map.get(tabId)?.key ?? newKey();
      const next: TabState = {
        ...state,
        allowed: state.allowed.map((id) => id.toLowerCase()),
        key,
        ...(view.kind === 'session' ? {} : { view }),
      };
      map.set(tabId, next);
      await saveTabs(map);
      const origin = origins.get(tabId);
      const place = origin ? await places.get(origin) : undefined;
      post(ports, tabId, { type: 'show', key, ...(place ? { place } : {}) });
      // A session may have moved on while the tab state was saved (its POST answered): show it
      // as it is now, never an older snapshot over a newer push.
      const shown = currentView(next) ?? view;
      post(panels, tabId, { type: 'view', view: shown });
    },

    pushSnapshot(snapshot) {
      if (!tabs) return; // no tab state loaded: no tab was shown anything since the restart
      for (const [tabId, state] of tabs) {
        if (state.conversationId !== snapshot.conversationId) continue;
        post(panels, tabId, { type: 'view', view: { kind: 'session', snapshot } });
      }
    },

    adopt(snapshot) {
      const id = snapshot.conversationId;
      loadTabs()
        .then(async (map) => {
          let changed = false;
          for (const [tabId, state] of map) {
            if (state.conversationId || state.allowed.length !== 1 || state.allowed[0] !== id) {
              continue;
            }
            const { view: _old, ...rest } = state;
            map.set(tabId, { ...rest, conversationId: id });
            changed = true;
            post(panels, tabId, { type: 'view', view: { kind: 'session', snapshot } });
          }
          if (changed) await saveTabs(map);
        })
        .catch((err) => log(`overlay adopt: ${String(err)}`));
    },

    forget(tabId) {
      ports.delete(tabId);
      panels.delete(tabId);
      origins.delete(tabId);
      loadTabs()
        .then((map) => {
          if (map.delete(tabId)) return saveTabs(map);
        })
        .catch(() => undefined);
    },

    async idle() {
      while (handling.size > 0) await Promise.all([...handling]);
    },
  };
}

/** The web origin of a content script's page (http/https/file only). */
function pageOrigin(sender: NonNullable<OverlayPort['sender']>): string | undefined {
  const raw = sender.origin ?? sender.url;
  if (!raw) return undefined;
  try {
    const origin = new URL(raw).origin;
    return origin.startsWith('http') ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Where the agent put the panel, per origin, in storage.local (the oldest site dropped first). */
function placesStore(storage: StorageLike | undefined, log: (message: string) => void) {
  const read = async (): Promise<Record<string, PanelPlace>> => {
    if (!storage) return {};
    try {
      const raw = (await storage.get(PLACES_KEY))[PLACES_KEY];
      return raw && typeof raw === 'object' ? (raw as Record<string, PanelPlace>) : {};
    } catch {
      return {};
    }
  };
  let writes: Promise<unknown> = Promise.resolve();
  return {
    async get(origin: string): Promise<PanelPlace | undefined> {
      const place = (await read())[origin];
      const ok = place && Number.isFinite(place.right) && Number.isFinite(place.bottom);
      return ok ? { right: place.right, bottom: place.bottom } : undefined;
    },
    set(origin: string, place: PanelPlace): Promise<unknown> {
      writes = writes
        .then(async () => {
          const all = await read();
          delete all[origin];
          all[origin] = place;
          const kept = Object.entries(all).slice(-MAX_PLACES);
          await storage?.set({ [PLACES_KEY]: Object.fromEntries(kept) });
        })
        .catch((err) => log(`panel place not saved: ${String(err)}`));
      return writes;
    },
  };
}
