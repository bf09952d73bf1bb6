// One WebSocket of the stream with its heartbeat watchdog: opened on a channel's connectUri, its
// callbacks forwarded until it is detached, after which it can no longer reach the machine.
import type { Timers } from '../../shared/timers';
import type { SocketConstructor, SocketLike } from './types';
import { createWatchdog, type Watchdog } from './watchdog';

export interface SocketCallbacks {
  onOpen(): void;
  onFrame(data: unknown): void;
  onClose(code?: number, reason?: string): void;
  onDead(): void;
  onError(): void;
}

export interface SocketOptions {
  WebSocket: SocketConstructor;
  timers: Timers;
  heartbeatTimeoutMs: number;
  pingAfterMs: number;
  log: (message: string) => void;
}

export interface OpenSocket {
  kick(): void;
  /** No more callbacks, its clocks stopped, and closed if a code is given. */
  detach(code?: number, reason?: string): void;
}

export function openSocket(o: SocketOptions, url: string, on: SocketCallbacks): OpenSocket {
  const ws: SocketLike = new o.WebSocket(url);
  const watchdog: Watchdog = createWatchdog({
    timers: o.timers,
    timeoutMs: o.heartbeatTimeoutMs,
    pingAfterMs: o.pingAfterMs,
    onPing: () => send(ws, { message: 'ping' }, o.log),
    onDead: on.onDead,
  });
  // Also bounds a socket that never opens (the watchdog starts before open).
  watchdog.kick();
  ws.onopen = () => on.onOpen();
  ws.onmessage = (event) => {
    watchdog.kick();
    on.onFrame(event.data);
  };
  ws.onerror = () => on.onError();
  ws.onclose = (event) => on.onClose(event?.code, event?.reason);
  return {
    kick: () => watchdog.kick(),
    detach(code, reason) {
      watchdog.stop();
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      if (code === undefined) return;
      try {
        ws.close(code, reason);
      } catch {
        // already closed
      }
    },
  };
}

function send(ws: SocketLike, value: unknown, log: (message: string) => void) {
  try {
    ws.send(JSON.stringify(value));
  } catch (err) {
    log(`send failed: ${String(err)}`);
  }
}
