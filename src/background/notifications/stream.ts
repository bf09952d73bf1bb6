// The push channel for cobrowse state: one Genesys notifications websocket for the signed-in
// agent's conversation message events, kept up only while a session is live, with REST
// reconcile so no transition is missed. machine.ts decides (a pure reducer); this file runs its
// effects. Everything that touches the outside world (the API client, the WebSocket constructor,
// timers, the clock, randomness) is injected.
import type { ConversationUpdate } from '../cobrowse/events';
import { backoff } from './backoff';
import { addressRefusal, type ChannelOptions, channelExists, createChannel } from './channel';
import { diagnosticsOf } from './diagnostics';
import { explainError } from './errors';
import {
  initialState,
  type MachineConfig,
  reduce,
  type StreamEffect,
  type StreamEvent,
  type TimerName,
} from './machine';
import { createReconciler } from './rest';
import { type OpenSocket, openSocket, type SocketOptions } from './socket';
import { globalTimers } from './timers';
import {
  type EventStream,
  type EventStreamDeps,
  type LiveConversation,
  type Media,
  STREAM_DEFAULTS,
} from './types';

export { messagesTopic } from './channel';
export type { Timers } from './timers';
export * from './types';

export function createEventStream(deps: EventStreamDeps): EventStream {
  const timers = deps.timers ?? globalTimers;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const cfg = {
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs ?? STREAM_DEFAULTS.heartbeatTimeoutMs,
    pingAfterMs: deps.pingAfterMs ?? STREAM_DEFAULTS.pingAfterMs,
    baseBackoffMs: deps.baseBackoffMs ?? STREAM_DEFAULTS.baseBackoffMs,
    maxBackoffMs: deps.maxBackoffMs ?? STREAM_DEFAULTS.maxBackoffMs,
    stableAfterMs: deps.stableAfterMs ?? STREAM_DEFAULTS.stableAfterMs,
    pollIntervalMs: deps.pollIntervalMs ?? STREAM_DEFAULTS.pollIntervalMs,
    renewBeforeExpiryMs: deps.renewBeforeExpiryMs ?? STREAM_DEFAULTS.renewBeforeExpiryMs,
  };
  const log = (message: string) => deps.log?.(`[events] ${message}`);
  const machine: MachineConfig = cfg;
  const channels: ChannelOptions = { api: deps.api, now, log, ...cfg };
  const sockets: SocketOptions = { WebSocket: deps.WebSocket, timers, log, ...cfg };

  let state = initialState();
  const open = new Map<number, OpenSocket>();
  const armed = new Map<TimerName, unknown>();
  const queue: StreamEvent[] = [];
  let running = false;

  // A callback that calls back in (onUpdate → ensure) is queued: each transition's effects run
  // against the state it produced, in order.
  function dispatch(event: StreamEvent) {
    queue.push(event);
    if (running) return;
    running = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const step = reduce(state, next, machine);
        state = step.state;
        for (const effect of step.effects) run(effect);
      }
    } finally {
      running = false;
    }
  }

  const stale = (gen: number) => () => gen !== state.generation;
  const fail = (gen: number) => (err: unknown) => {
    if (stale(gen)()) return;
    dispatch({ type: 'setup-failed', gen, error: explainError(err, { channel: true }) });
  };

  const reconcile = createReconciler({
    api: deps.api,
    userId: deps.userId,
    media: (id) => state.live.get(id) ?? 'message',
    onUpdate: deps.onUpdate,
    log,
  });

  function reconcileOne(id: string, why: string) {
    reconcile(id).catch((err) => {
      if (!state.live.has(id)) return;
      log(`reconcile ${id} (${why}) failed: ${String(err)}`);
      const media = state.live.get(id) ?? 'message';
      deps.onError?.(explainError(err, { media }), 'reconcile', id);
    });
  }

  function setTimer(name: TimerName, ms: number) {
    const handle = timers.setTimeout(() => {
      armed.delete(name);
      dispatch({ type: 'timer', name });
    }, ms);
    armed.set(name, handle);
  }

  function run(fx: StreamEffect) {
    switch (fx.kind) {
      case 'status':
        return deps.onStatus?.(fx.status, fx.error);
      case 'log':
        return log(fx.message);
      case 'error':
        return deps.onError?.(fx.error, 'channel');
      case 'deliver':
        return deps.onUpdate(fx.update, 'push');
      case 'reconcile':
        for (const id of fx.ids === 'all' ? [...state.live.keys()] : fx.ids)
          reconcileOne(id, fx.why);
        return;
      case 'set-timer':
        return setTimer(fx.name, fx.ms);
      case 'schedule-retry': {
        const { baseBackoffMs: baseMs, maxBackoffMs: maxMs } = cfg;
        const delay = Math.max(fx.minDelayMs, backoff(fx.attempt, { baseMs, maxMs, random }));
        log(`reconnect attempt ${fx.attempt + 1} in ${delay} ms`);
        return setTimer('retry', delay);
      }
      case 'clear-timer': {
        const handle = armed.get(fx.name);
        if (handle !== undefined) timers.clearTimeout(handle);
        armed.delete(fx.name);
        return;
      }
      case 'kick':
        return open.get(fx.socket)?.kick();
      case 'detach':
        open.get(fx.socket)?.detach(fx.code, fx.reason);
        open.delete(fx.socket);
        return;
      default:
        return runSetup(fx);
    }
  }

  /** The connect attempt's async steps; each answer goes back to the machine with its gen. */
  function runSetup(fx: Extract<StreamEffect, { gen: number }>) {
    const { gen } = fx;
    switch (fx.kind) {
      case 'read-user':
        deps
          .userId()
          .then((userId) => dispatch({ type: 'user', gen, userId, now: now() }), fail(gen));
        return;
      case 'head':
        channelExists(channels, fx.channel).then(
          (exists) => dispatch({ type: 'head', gen, exists }),
          fail(gen),
        );
        return;
      case 'create-channel':
        createChannel(channels, fx.userId, stale(gen)).then(
          (channel) => channel && dispatch({ type: 'created', gen, channel }),
          fail(gen),
        );
        return;
      case 'check-address':
        addressRefusal(deps.socketAddressProblem, fx.channel).then((error) => {
          if (stale(gen)()) return;
          dispatch(error ? { type: 'setup-failed', gen, error } : { type: 'address-ok', gen });
        }, fail(gen));
        return;
      case 'open-socket': {
        const id = fx.socket.id;
        try {
          const socket = openSocket(sockets, fx.socket.channel.connectUri, {
            onOpen: () => dispatch({ type: 'socket-open', socket: id, now: now() }),
            onFrame: (data) => dispatch({ type: 'frame', socket: id, data }),
            onClose: (code, reason) =>
              dispatch({ type: 'socket-closed', socket: id, code, reason }),
            onDead: () => dispatch({ type: 'socket-dead', socket: id }),
            onError: () => log(`socket error on ${fx.socket.channel.id}`),
          });
          open.set(id, socket);
        } catch (err) {
          fail(gen)(err);
        }
        return;
      }
    }
  }

  function ensure(conversations: readonly LiveConversation[]) {
    const live = new Map<string, Media>();
    for (const c of conversations) {
      if (typeof c === 'string') live.set(c, 'message');
      else live.set(c.id, c.media);
    }
    dispatch({ type: 'ensure', live });
  }

  return {
    ensure,
    stop: () => dispatch({ type: 'stop' }),
    reconcile: (id: string): Promise<ConversationUpdate> => reconcile(id),
    status: () => state.status,
    diagnostics: () => diagnosticsOf(state),
  };
}
