// The socket's heartbeat watchdog. Genesys sends a heartbeat about every 30 s; any frame proves
// the socket alive. Quiet for `pingAfterMs` → send {"message":"ping"} (its pong is a frame, and
// in Chrome 116+ traffic within 30 s keeps the service worker alive). Quiet for `timeoutMs` →
// the socket is dead (a half-open TCP connection never fires close): the owner drops it.
import type { Timers } from '../../shared/timers';

export interface WatchdogOptions {
  timers: Timers;
  timeoutMs: number;
  /** Send a ping after this much quiet; omitted or ≥ timeoutMs: never. */
  pingAfterMs?: number;
  onPing: () => void;
  onDead: () => void;
}

export interface Watchdog {
  /** A frame arrived (or the socket just opened): restart both clocks. */
  kick(): void;
  stop(): void;
}

export function createWatchdog(o: WatchdogOptions): Watchdog {
  let dead: unknown;
  let ping: unknown;
  let stopped = false;

  const schedulePing = () => {
    if (o.pingAfterMs === undefined || o.pingAfterMs >= o.timeoutMs) return;
    ping = o.timers.setTimeout(() => {
      ping = undefined;
      if (stopped) return;
      o.onPing();
      // Keep pinging while quiet (each pong kicks the clocks anyway).
      schedulePing();
    }, o.pingAfterMs);
  };

  const clear = () => {
    if (dead !== undefined) o.timers.clearTimeout(dead);
    if (ping !== undefined) o.timers.clearTimeout(ping);
    dead = ping = undefined;
  };

  return {
    kick() {
      if (stopped) return;
      clear();
      dead = o.timers.setTimeout(() => {
        dead = undefined;
        if (stopped) return;
        stopped = true;
        clear();
        o.onDead();
      }, o.timeoutMs);
      schedulePing();
    },
    stop() {
      stopped = true;
      clear();
    },
  };
}
