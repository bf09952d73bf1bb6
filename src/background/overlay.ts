// The background's half of the on-page overlay. It injects the content script on demand (under
// activeTab, when the agent acted on the tab), waits for its port's `hello` (the handshake),
// asks it for the page's conversation hints, sends it views to render, and turns what the agent
// clicked into checked intents. Each tab's state (which session it shows, which ids it was
// offered) is kept in storage.session, so after a worker restart the reconnecting content script
// gets its session back. A content script may only act for its own tab, and only on ids the
// background offered to that tab.
import * as v from 'valibot';
import type { OverlayView } from '../content/overlay/model';
import type { PageHints } from '../shared/detect/types';
import { UUID_RE } from '../shared/detect/uuid';
import {
  type OverlayAction,
  type OverlayMessage,
  type OverlayPush,
  PORT_OVERLAY,
} from '../shared/messages';
import type { Origin, SessionSnapshot } from '../shared/session';
import type { DetectionRule } from '../shared/settings';
import type { PortLike } from './router';

export const TABS_KEY = 'overlay.tabs';
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
}

export interface OverlayPort extends PortLike {
  sender?: { id?: string; tab?: { id?: number }; frameId?: number };
  onMessage: { addListener(cb: (message: unknown) => void): void };
}

export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface OverlayBridgeDeps {
  extensionId: () => string;
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
  /** For runtime.onConnect: keeps this extension's content-script ports named 'overlay'. */
  accept(port: OverlayPort): void;
  /** Injects the content script unless it is connected, and waits for its hello. */
  ensure(tabId: number): Promise<void>;
  /** The page's conversation hints (the content script walks the DOM). */
  collect(
    tabId: number,
    rules: readonly DetectionRule[],
    context?: { linkUrl?: string; selectionText?: string },
  ): Promise<PageHints>;
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

const UUID = v.pipe(v.string(), v.regex(UUID_RE));

/** Everything a content script may send; anything else is dropped. */
const MessageSchema = v.variant('type', [
  v.object({ type: v.literal('hello') }),
  v.object({
    type: v.literal('hints'),
    requestId: v.number(),
    // detect() re-validates every hint; here only the envelope is checked.
    page: v.object({ hints: v.array(v.unknown()), truncated: v.boolean() }),
  }),
  v.variant('action', [
    v.object({
      type: v.literal('action'),
      action: v.literal('start'),
      conversationId: UUID,
      options: v.object({
        confirmed: v.optional(v.boolean()),
        whenCustomerOffline: v.optional(v.picklist(['send-when-back', 'send-anyway'])),
      }),
    }),
    v.object({
      type: v.literal('action'),
      action: v.literal('answerOffline'),
      choice: v.picklist(['send-when-back', 'send-anyway']),
    }),
    v.object({
      type: v.literal('action'),
      action: v.picklist(['end', 'offerAgain', 'openViewer', 'retry', 'close']),
    }),
  ]),
]);

const isTabState = (x: unknown): x is TabState =>
  typeof x === 'object' && x !== null && Array.isArray((x as TabState).allowed);

export function createOverlayBridge(deps: OverlayBridgeDeps): OverlayBridge {
  const setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer =
    deps.clearTimeout ??
    ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const timeoutMs = deps.timeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  const log = deps.log ?? (() => undefined);
  const ports = new Map<number, OverlayPort>();
  const hellos = new Map<number, (() => void)[]>();
  const collects = new Map<number, { tabId: number; resolve: (p: PageHints) => void }>();
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

  function post(tabId: number, push: OverlayPush): boolean {
    const port = ports.get(tabId);
    if (!port) return false;
    try {
      port.postMessage(push);
      return true;
    } catch {
      ports.delete(tabId);
      return false;
    }
  }

  async function onMessage(tabId: number, port: OverlayPort, raw: unknown) {
    const parsed = v.safeParse(MessageSchema, raw);
    if (!parsed.success) {
      log(`overlay message refused from tab ${tabId}`);
      return;
    }
    const message = parsed.output as OverlayMessage;
    if (message.type === 'hello') {
      ports.set(tabId, port);
      // The tab's session, as it is now (after a worker restart too). Never reopens it.
      const state = (await loadTabs()).get(tabId);
      const snapshot = state?.conversationId ? deps.session(state.conversationId) : undefined;
      if (snapshot) post(tabId, { type: 'view', view: { kind: 'session', snapshot }, show: false });
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
    const { type: _type, ...action } = message;
    const state = (await loadTabs()).get(tabId);
    if (!state) return; // the background never showed this tab anything
    if (action.action === 'start' && !state.allowed.includes(action.conversationId.toLowerCase())) {
      log(`overlay start refused: ${action.conversationId} was not offered to tab ${tabId}`);
      return;
    }
    deps.onAction(tabId, state, action as OverlayAction);
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

  return {
    accept(port) {
      if (port.name !== PORT_OVERLAY) return;
      const tabId = port.sender?.tab?.id;
      const frameOk = port.sender?.frameId === undefined || port.sender.frameId === 0;
      if (port.sender?.id !== deps.extensionId() || typeof tabId !== 'number' || !frameOk) {
        port.disconnect();
        return;
      }
      port.onMessage.addListener((message) => {
        const run = onMessage(tabId, port, message).catch((err) =>
          log(`overlay message: ${String(err)}`),
        );
        handling.add(run);
        run.then(() => handling.delete(run));
      });
      port.onDisconnect.addListener(() => {
        // A page going into the back/forward cache closes its port with an error; reading it
        // marks it handled (else Chrome logs "Unchecked runtime.lastError" in the worker).
        void globalThis.chrome?.runtime?.lastError;
        if (ports.get(tabId) === port) ports.delete(tabId);
      });
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
      const answer = waitFor<PageHints>(
        (resolve) => collects.set(requestId, { tabId, resolve }),
        () => collects.delete(requestId),
        'page hints',
      );
      post(tabId, {
        type: 'collect',
        requestId,
        rules: [...rules],
        ...(context ? { context } : {}),
      });
      return answer;
    },

    async show(tabId, view, state) {
      const map = await loadTabs();
      const next: TabState = { ...state, allowed: state.allowed.map((id) => id.toLowerCase()) };
      map.set(tabId, next);
      await saveTabs(map);
      // A session may have moved on while the tab state was saved (its POST answered): show it
      // as it is now, never an older snapshot over a newer push.
      const latest =
        view.kind === 'session' ? deps.session(view.snapshot.conversationId) : undefined;
      post(tabId, {
        type: 'view',
        view: latest ? { kind: 'session', snapshot: latest } : view,
        show: true,
      });
    },

    pushSnapshot(snapshot) {
      if (!tabs) return; // no tab state loaded: no tab was shown anything since the restart
      for (const [tabId, state] of tabs) {
        if (state.conversationId !== snapshot.conversationId) continue;
        post(tabId, { type: 'view', view: { kind: 'session', snapshot }, show: false });
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
            map.set(tabId, { ...state, conversationId: id });
            changed = true;
            post(tabId, { type: 'view', view: { kind: 'session', snapshot }, show: false });
          }
          if (changed) await saveTabs(map);
        })
        .catch((err) => log(`overlay adopt: ${String(err)}`));
    },

    forget(tabId) {
      ports.delete(tabId);
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
