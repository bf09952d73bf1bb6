// The injected content script's logic: connect a port to the background, answer its request for
// the page's conversation hints, and host the panel frame when the background says so. It shows
// no session data itself: the panel frame gets that from the background directly. It runs again
// on every injection, so it is idempotent: a second run finds the first instance (in this
// isolated world) and only makes sure its port is connected. It does not reconnect by itself
// after a worker restart: the background injects again when the agent next acts, and the panel
// frame keeps its own line to the background.
import type { OverlayMessage, OverlayPush } from '../shared/protocol';
import { PANEL_PAGE, PORT_OVERLAY } from '../shared/protocol/ports';
import { collectPageHints } from './collect';
import { createPanelHost, type PanelHost } from './host';

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
  getURL(path: string): string;
}

export interface ContentInstance {
  /** Makes sure the port is up (a fresh injection calls this); true when connected. */
  connect(): boolean;
  readonly host: PanelHost | undefined;
}

const INSTANCE = Symbol.for('cobrowse-launcher.content');

type Global = typeof globalThis & { [INSTANCE]?: ContentInstance & { runtime: RuntimeLike } };

export function startContent(
  runtime: RuntimeLike,
  doc: Document = document,
  frameTitle = '',
): ContentInstance {
  const g = globalThis as Global;
  const existing = g[INSTANCE];
  // An instance from before an extension reload has a dead runtime: replace it.
  if (existing?.runtime.id) {
    existing.connect();
    return existing;
  }

  let port: PortLike | undefined;
  let host: PanelHost | undefined;

  const send = (message: OverlayMessage): void => {
    if (!port && !connect()) return;
    try {
      port?.postMessage(message);
    } catch {
      port = undefined;
    }
  };

  function onPush(raw: unknown): void {
    const push = raw as OverlayPush;
    if (push?.type === 'collect') {
      const page = collectPageHints(
        doc,
        Array.isArray(push.rules) ? push.rules : [],
        typeof push.context === 'object' && push.context ? push.context : {},
      );
      send({ type: 'hints', requestId: push.requestId, page });
    } else if (push?.type === 'show' && typeof push.key === 'string' && push.key) {
      host ??= createPanelHost({
        doc,
        title: frameTitle,
        panelUrl: runtime.getURL(PANEL_PAGE),
        extensionOrigin: new URL(runtime.getURL('')).origin,
        onPlace: (place) => send({ type: 'place', place }),
      });
      host.show(push.key, push.place);
    }
  }

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
      if (port === next) port = undefined;
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
    get host() {
      return host;
    },
  };
  g[INSTANCE] = instance;
  connect();
  return instance;
}
