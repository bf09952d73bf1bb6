// One WebSocket of the stream with its heartbeat watchdog: opened on a channel's connectUri, its
// callbacks sent to the machine as events until it is detached, after which it can no longer
// reach the machine.
import type { Timers } from '../../shared/timers';
import * as EV from './event-types';
import type { Socket, StreamEvent } from './state';
import type { SocketConstructor, SocketLike } from './types';
import { createWatchdog } from './watchdog';

export interface SocketOptions {
  WebSocket: SocketConstructor;
  timers: Timers;
  heartbeatTimeoutMs: number;
  pingAfterMs: number;
  now: () => number;
  log: (message: string) => void;
}

export interface OpenSocket {
  kick(): void;
  /** No more callbacks, its clocks stopped, and closed if a code is given. */
  detach(code?: number, reason?: string): void;
}

export function openSocket(
  o: SocketOptions,
  { id, channel }: Socket,
  dispatch: (event: StreamEvent) => void,
): OpenSocket {
  const ws: SocketLike = new o.WebSocket(channel.connectUri);
  const watchdog = createWatchdog({
    timers: o.timers,
    timeoutMs: o.heartbeatTimeoutMs,
    pingAfterMs: o.pingAfterMs,
    onPing: () => {
      try {
        ws.send('{"message":"ping"}');
      } catch (err) {
        o.log(`send failed: ${String(err)}`);
      }
    },
    onDead: () => dispatch({ type: EV.socketDead, socket: id }),
  });
  // Also bounds a socket that never opens (the watchdog starts before open).
  watchdog.kick();
  ws.onopen = () => dispatch({ type: EV.socketOpen, socket: id, now: o.now() });
  ws.onmessage = (event) => {
    watchdog.kick();
    dispatch({ type: EV.frame, socket: id, data: event.data });
  };
  ws.onerror = () => o.log(`socket error on ${channel.id}`);
  ws.onclose = (event) =>
    dispatch({ type: EV.socketClosed, socket: id, code: event?.code, reason: event?.reason });
  return {
    kick: watchdog.kick,
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
