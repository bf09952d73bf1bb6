// The injected content script's logic: connect a port to the background, answer its request for
// the page's conversation hints, render the views it sends, and report the agent's clicks. It
// runs again on every injection, so it is idempotent: a second run finds the first instance
// (in this isolated world) and only makes sure its port is connected. When the service worker
// restarts the port drops; the script reconnects (at once while a live session is on screen,
// else on the agent's next click) and the background sends the tab's session again.
// chrome.runtime is used directly (no webextension-polyfill): this bundle must stay small.
import type { OverlayAction, OverlayMessage, OverlayPush } from '../shared/messages';
import { PORT_OVERLAY } from '../shared/messages';
import { collectPageHints } from './collect';
import { findOverlay, mountOverlay } from './mount';
import type { OverlayActions, OverlayView } from './overlay/model';

export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface RuntimeLike {
  /** Undefined once the extension was reloaded or removed (this script is orphaned). */
  readonly id?: string;
  connect(info: { name: string }): PortLike;
}

export interface ContentInstance {
  /** Makes sure the port is up (a fresh injection calls this); true when connected. */
  connect(): boolean;
  readonly view: OverlayView | undefined;
}

const INSTANCE = Symbol.for('cobrowse-launcher.content');
/** Reconnects in a row that got no message back before the script stops trying on its own. */
const MAX_QUIET_RECONNECTS = 3;
/**
 * Pause before reconnecting on its own: a worker Chrome stopped is not woken in the same
 * instant (nor hammered if it keeps failing); the background resends the session on connect.
 */
export const RECONNECT_DELAY_MS = 1_000;
const FINAL = new Set(['ended', 'declined', 'expired', 'failed']);

type Global = typeof globalThis & { [INSTANCE]?: ContentInstance & { runtime: RuntimeLike } };

export function startContent(runtime: RuntimeLike, doc: Document = document): ContentInstance {
  const g = globalThis as Global;
  const existing = g[INSTANCE];
  // An instance from before an extension reload has a dead runtime: replace it.
  if (existing?.runtime.id) {
    existing.connect();
    return existing;
  }

  let port: PortLike | undefined;
  let view: OverlayView | undefined;
  let quietReconnects = 0;

  const send = (message: OverlayMessage): void => {
    if (!port && !connect()) return;
    try {
      port?.postMessage(message);
    } catch {
      port = undefined;
    }
  };

  const act = (action: OverlayAction) => send({ type: 'action', ...action });
  const actions: OverlayActions = {
    start: (conversationId, options) => act({ action: 'start', conversationId, options }),
    end: () => act({ action: 'end' }),
    answerOffline: (choice) => act({ action: 'answerOffline', choice }),
    offerAgain: () => act({ action: 'offerAgain' }),
    openViewer: () => act({ action: 'openViewer' }),
    retry: () => act({ action: 'retry' }),
    close: () => act({ action: 'close' }),
  };

  function onPush(raw: unknown): void {
    quietReconnects = 0;
    const push = raw as OverlayPush;
    if (push?.type === 'collect') {
      const page = collectPageHints(
        doc,
        Array.isArray(push.rules) ? push.rules : [],
        typeof push.context === 'object' && push.context ? push.context : {},
      );
      send({ type: 'hints', requestId: push.requestId, page });
    } else if (push?.type === 'view' && push.view) {
      view = push.view;
      // A live update re-renders but never reopens a closed overlay; only a trigger shows it.
      if (push.show) mountOverlay(push.view, actions, { doc });
      else findOverlay(doc)?.update(push.view);
    }
  }

  /** Needs live updates: a session on screen that is not over yet. */
  const wantsLive = (): boolean =>
    view?.kind === 'session' &&
    !FINAL.has(view.snapshot.state) &&
    findOverlay(doc)?.visible === true;

  function connect(): boolean {
    if (port) return true;
    let next: PortLike;
    try {
      next = runtime.connect({ name: PORT_OVERLAY });
    } catch {
      return false; // the extension was reloaded: this copy is orphaned
    }
    port = next;
    next.onMessage.addListener(onPush);
    next.onDisconnect.addListener(() => {
      if (port !== next) return;
      port = undefined;
      if (wantsLive() && quietReconnects < MAX_QUIET_RECONNECTS) {
        quietReconnects++;
        setTimeout(() => {
          if (wantsLive()) connect();
        }, RECONNECT_DELAY_MS);
      }
    });
    try {
      next.postMessage({ type: 'hello' } satisfies OverlayMessage);
    } catch {
      port = undefined;
      return false;
    }
    return true;
  }

  const instance = {
    runtime,
    connect,
    get view() {
      return view;
    },
  };
  g[INSTANCE] = instance;
  connect();
  return instance;
}
