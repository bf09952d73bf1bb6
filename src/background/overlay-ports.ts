// Port plumbing the panel bridge shares between its two kinds of port (the content script's
// and the panel frame's): the port type, sending without throwing, and listening with every
// message's handling tracked (so tests can wait until all of it is done).
import type { PortLike } from './router';

export interface OverlayPort extends PortLike {
  sender?: {
    id?: string;
    url?: string;
    origin?: string;
    tab?: { id?: number };
    frameId?: number;
    /** Chrome 106+: which document of the tab the port comes from. */
    documentId?: string;
  };
  onMessage: { addListener(cb: (message: unknown) => void): void };
}

export type PortMap = Map<number, OverlayPort>;

/** Posts to the tab's port in `map`; a dead port is forgotten. */
export function postTo(map: PortMap, tabId: number, message: unknown): boolean {
  const port = map.get(tabId);
  if (!port) return false;
  try {
    port.postMessage(message);
    return true;
  } catch {
    map.delete(tabId);
    return false;
  }
}

export interface Listening {
  /** Every message's handling, while it runs. */
  readonly handling: Set<Promise<void>>;
  log(message: string): void;
}

/** Hands each message of `port` to `handler`; when it closes, drops it from `map`. */
export function listen(
  port: OverlayPort,
  tabId: number,
  map: PortMap,
  handler: (tabId: number, port: OverlayPort, raw: unknown) => Promise<void>,
  { handling, log }: Listening,
): void {
  port.onMessage.addListener((message) => {
    const run = handler(tabId, port, message).catch((err) => log(`${port.name}: ${String(err)}`));
    handling.add(run);
    run.then(() => handling.delete(run));
  });
  port.onDisconnect.addListener(() => {
    // A page going into the back/forward cache closes its port with an error; reading it
    // marks it handled (else Chrome logs "Unchecked runtime.lastError" in the worker). chrome.*:
    // the warning and the flag it clears are Chrome's own.
    void globalThis.chrome?.runtime?.lastError;
    if (map.get(tabId) === port) map.delete(tabId);
  });
}

/** The web origin of a content script's page (http/https only). */
export function pageOrigin(sender: NonNullable<OverlayPort['sender']>): string | undefined {
  const raw = sender.origin ?? sender.url;
  if (!raw) return undefined;
  try {
    const origin = new URL(raw).origin;
    return origin.startsWith('http') ? origin : undefined;
  } catch {
    return undefined;
  }
}
