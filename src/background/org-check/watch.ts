// The check's own notification socket: every frame read (frames.ts) and kept, and a wait for a
// frame that resolves with undefined when the window closes (what may never come is "not
// observed", not an error).
import { type CheckFrame, readFrame } from './frames';

export interface WatchDeps {
  WebSocket: new (url: string) => WebSocket;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface FrameWatch {
  /** Every frame read so far, oldest first. */
  readonly frames: CheckFrame[];
  /** The first frame from index `from` on that matches, waiting up to `ms`. */
  next(
    match: (f: CheckFrame) => boolean,
    ms: number,
    from?: number,
  ): Promise<CheckFrame | undefined>;
  close(): void;
}

export function openWatch(
  deps: WatchDeps,
  connectUri: string,
  who: { userId: string; conversationId: string },
  /** Stopping the check ends every wait at once (with undefined). */
  signal?: AbortSignal,
): Promise<FrameWatch> {
  const frames: CheckFrame[] = [];
  const waiters = new Set<() => void>();
  const ws = new deps.WebSocket(connectUri);
  signal?.addEventListener('abort', () => {
    for (const w of [...waiters]) w();
  });
  // A message named again in a later frame (a frame that repeats history) is not a new event.
  const seen = new Set<string>();
  const isNew = (f: CheckFrame) => {
    if (f.kind !== 'event' || !f.messageId) return true;
    const key = `${f.messageId}|${f.eventType}|${f.subType}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  ws.onmessage = (event) => {
    frames.push(...readFrame(event.data, who.userId, who.conversationId).filter(isNew));
    for (const w of [...waiters]) w();
  };
  const watch: FrameWatch = {
    frames,
    next(match, ms, from = 0) {
      return new Promise((resolve) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (!found) return false;
          done(found);
          return true;
        };
        const timer = deps.setTimeout(() => done(undefined), ms);
        const done = (f: CheckFrame | undefined) => {
          deps.clearTimeout(timer);
          waiters.delete(waiter);
          resolve(f);
        };
        const waiter = () => {
          if (signal?.aborted) done(undefined);
          else check();
        };
        if (signal?.aborted) done(undefined);
        else if (!check()) waiters.add(waiter);
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(watch);
    ws.onerror = () => reject(new Error('the check could not open its notification socket'));
  });
}
