// The notification stream as a pure reducer: events in (ensure/stop, each step of a connect
// attempt, socket open/frame/close, the watchdog, timers), next state and effects out. The glue
// (effects.ts, connect-steps.ts) runs the effects: API calls, the WebSocket, timers, callbacks.
//
//   idle        ─ensure─────────────────────────────▶ connecting
//   connecting  ─socket open────────────────────────▶ up
//   connecting  ─a step fails / socket never opens──▶ down        (REST polling, backoff timer)
//   down        ─backoff timer──────────────────────▶ connecting
//   up          ─close / heartbeat watchdog─────────▶ down
//   up          ─socket_closing / channel expiry────▶ switching   (the old socket keeps serving)
//   switching   ─new socket open────────────────────▶ up          (then the old one is closed)
//   switching   ─the attempt fails──────────────────▶ up          (a backoff timer retries it)
//   switching   ─old socket lost────────────────────▶ connecting  (reported down)
//   any         ─stop() / ensure([]) unwatched──────▶ idle
//
// - socket_closing arrives about a minute before Genesys closes the socket for maintenance, and
//   a channel serves one connection; so it starts a make-before-break switch to a NEW channel:
//   the old socket keeps delivering until the new one is open (duplicates are harmless: the
//   session machine drops replayed event keys). Channel expiry is handled the same way.
// - After a plain drop the old channel is reused when HEAD says it still exists; a 404 re-creates it.
// - After every open each live conversation is read over REST; while no socket is up they are
//   polled every pollIntervalMs.
// - watch(true) holds the channel while the agent is signed in, with no live session too: the
//   user's conversation topic keeps their list current. ensure([]) then keeps it up.
// - The channel is stored by the glue: after a worker restart the next connect HEADs it first,
//   so a restart makes no new channel (Genesys keeps 20 per user and app, evicting the oldest).
import type { SessionError } from '../../shared/session';
import { parseFrame } from '../cobrowse/events';
import { expiring } from './channel';
import * as FX from './effect-kinds';
import { isPermanent } from './errors';
import * as EV from './event-types';
import type {
  MachineConfig,
  Setup,
  Shared,
  Socket,
  Step,
  StreamEffect,
  StreamEvent,
  StreamState,
  TimerName,
} from './state';
import * as KIND from './state-kinds';
import * as TIMER from './timer-names';
import type { Media, StreamStatus } from './types';

export type { MachineConfig, StreamEffect, StreamEvent, StreamState, TimerName } from './state';
export { initialState } from './state';

/**
 * The state flattened while a transition is worked out; settle() names its kind again. It owns
 * copies of `armed` and `stats`, so it updates them in place.
 */
type Draft = Omit<Shared, 'armed' | 'stats'> & {
  armed: Record<TimerName, boolean>;
  stats: { -readonly [K in keyof Shared['stats']]: number };
  socket?: Socket;
  setup?: Setup;
  fx: StreamEffect[];
  cfg: MachineConfig;
};

export function reduce(state: StreamState, event: StreamEvent, cfg: MachineConfig): Step {
  const d: Draft = {
    ...state,
    armed: { ...state.armed },
    stats: { ...state.stats },
    // The socket comes with the spread; the setup is copied, as it is updated in place.
    setup: 'setup' in state ? { ...state.setup } : undefined,
    fx: [],
    cfg,
  };
  apply(d, event);
  return { state: settle(d), effects: d.fx };
}

function settle({ fx: _fx, cfg: _cfg, socket, setup, ...shared }: Draft): StreamState {
  if (socket && setup) return { ...shared, kind: KIND.switching, socket, setup };
  if (socket) return { ...shared, kind: KIND.up, socket };
  if (setup) return { ...shared, kind: KIND.connecting, setup };
  return { ...shared, kind: shared.live.size > 0 || shared.watch ? KIND.down : KIND.idle };
}

/** Whether the channel is wanted: a live session, or held while signed in. */
const wanted = (d: Draft) => d.live.size > 0 || d.watch;

function apply(d: Draft, e: StreamEvent) {
  switch (e.type) {
    case EV.ensure:
      return ensure(d, e.live);
    case EV.stop:
      d.watch = false;
      return stop(d);
    case EV.watch:
      return watch(d, e.on);
    case EV.timer:
      return timer(d, e.name);
    case EV.socketOpen:
      return opened(d, e.socket, e.now);
    case EV.frame:
      return frame(d, e.socket, e.data);
    case EV.socketClosed: {
      const conn = find(d, e.socket);
      if (!conn) return;
      log(d, `socket closed on ${conn.channel.id} (${e.code ?? '?'} ${e.reason ?? ''})`);
      detach(d, e.socket);
      return lost(d, e.socket);
    }
    case EV.socketDead: {
      const conn = find(d, e.socket);
      if (!conn) return;
      log(
        d,
        `no frame for ${d.cfg.heartbeatTimeoutMs} ms on ${conn.channel.id}: dropping the socket`,
      );
      detach(d, e.socket, 4000, 'heartbeat timeout');
      return lost(d, e.socket);
    }
    default:
      return setupStep(d, e);
  }
}

/** The connect attempt's steps: user → [HEAD old channel | create + subscribe] → address → open. */
function setupStep(d: Draft, e: Extract<StreamEvent, { gen: number }>) {
  const setup = d.setup;
  if (!setup || e.gen !== d.gen) return;
  switch (e.type) {
    case EV.user: {
      setup.userId = e.userId;
      let ch = d.channel ?? e.stored;
      if (ch && (d.fresh || ch.userId !== e.userId || expiring(ch, e.now))) {
        ch = undefined;
      }
      if (ch) {
        d.channel = ch;
        setup.channel = ch;
        d.fx.push({ kind: FX.head, gen: e.gen, channel: ch });
      } else {
        d.fx.push({ kind: FX.createChannel, gen: e.gen, userId: e.userId });
      }
      return;
    }
    case EV.head:
      if (!setup.channel) return;
      if (e.exists) {
        d.fx.push({ kind: FX.checkAddress, gen: e.gen, channel: setup.channel });
        return;
      }
      log(d, `channel ${setup.channel.id} is gone; creating a new one`);
      setup.channel = undefined;
      d.fx.push({ kind: FX.createChannel, gen: e.gen, userId: setup.userId ?? '' });
      return;
    case EV.created:
      // Kept as the channel even if its address is refused: a retry re-checks it.
      d.channel = e.channel;
      d.fresh = false;
      setup.channel = e.channel;
      d.fx.push({ kind: FX.checkAddress, gen: e.gen, channel: e.channel });
      return;
    case EV.addressOk: {
      if (!setup.channel) return;
      // Never build the URL: Genesys hands out connectUri (streaming host, path, region).
      const socket = { id: d.nextId++, channel: setup.channel };
      setup.pending = socket;
      d.fx.push({ kind: FX.openSocket, gen: e.gen, socket });
      return;
    }
    case EV.setupFailed:
      d.setup = undefined;
      return failed(d, e.error);
  }
}

function watch(d: Draft, on: boolean) {
  if (d.watch === on) return;
  d.watch = on;
  if (!on) {
    if (d.live.size === 0) stop(d);
    return;
  }
  if (!d.socket && !d.setup && !d.armed[TIMER.retry]) connect(d);
}

function ensure(d: Draft, next: ReadonlyMap<string, Media>) {
  if (next.size === 0) {
    if (d.watch) {
      d.live = new Map();
      clearTimer(d, TIMER.poll);
      return;
    }
    if (d.live.size > 0 || d.socket || d.setup?.pending) stop(d);
    return;
  }
  const added = [...next.keys()].filter((id) => !d.live.has(id));
  d.live = new Map(next);
  if (d.socket) {
    if (added.length > 0) d.fx.push({ kind: FX.reconcile, ids: added, why: 'added' });
    return;
  }
  startPolling(d);
  // While a backoff timer runs, it decides when to try again (no hammering on repeat calls).
  if (!d.setup && !d.armed[TIMER.retry]) connect(d);
}

function stop(d: Draft) {
  d.gen++;
  d.live = new Map();
  const pending = d.setup?.pending;
  d.setup = undefined;
  for (const name of [TIMER.retry, TIMER.poll, TIMER.stable, TIMER.renew] as const) {
    clearTimer(d, name);
  }
  for (const s of [pending, d.socket]) if (s) detach(d, s.id, 1000, 'no live session');
  d.socket = undefined;
  d.attempt = 0;
  setStatus(d, 'down');
}

function timer(d: Draft, name: TimerName) {
  d.armed[name] = false;
  switch (name) {
    case TIMER.retry:
      return connect(d);
    case TIMER.poll:
      if (d.socket || d.live.size === 0) return;
      d.fx.push({ kind: FX.reconcile, why: 'poll' });
      return startPolling(d);
    case TIMER.stable:
      d.attempt = 0;
      return;
    case TIMER.renew:
      // Cleared whenever its socket goes, so a firing renewal belongs to the socket that is up.
      if (!d.socket) return;
      log(d, `channel ${d.socket.channel.id} expires soon: switching to a new channel`);
      return switchChannel(d);
  }
}

function connect(d: Draft) {
  if (d.setup || !wanted(d)) return;
  const gen = ++d.gen;
  d.setup = { gen };
  if (!d.socket) setStatus(d, 'connecting');
  d.fx.push({ kind: FX.readUser, gen });
}

function opened(d: Draft, id: number, now: number) {
  const conn = d.setup?.pending;
  if (conn?.id !== id) {
    detach(d, id, 1000, 'superseded');
    return;
  }
  d.setup = undefined;
  d.stats.connects++;
  const previous = d.socket;
  d.socket = conn;
  if (previous) detach(d, previous.id, 1000, 'switched to a new channel');
  d.fx.push({ kind: FX.kick, socket: id });
  clearTimer(d, TIMER.poll);
  clearTimer(d, TIMER.stable);
  setTimer(d, TIMER.stable, d.cfg.stableAfterMs);
  clearTimer(d, TIMER.renew);
  if (conn.channel.renewAt !== undefined) {
    setTimer(d, TIMER.renew, Math.max(0, conn.channel.renewAt - now));
  }
  setStatus(d, 'up');
  log(d, `socket up on ${conn.channel.id}`);
  // The gap before this open (first connect, drop, switch) may have hidden transitions.
  d.fx.push({ kind: FX.reconcile, why: 'connect' });
}

function frame(d: Draft, id: number, data: unknown) {
  const conn = find(d, id);
  if (!conn) return;
  d.stats.frames++;
  // Heartbeats and pongs only prove the socket alive; other topics are not ours.
  const result = parseFrame(typeof data === 'string' ? data : String(data));
  switch (result.kind) {
    case 'conversation': {
      const { update } = result;
      // Another user's topic (a channel left from before an account switch): never applied.
      if (result.userId !== conn.channel.userId) {
        log(d, `frame for another user's topic ignored on ${conn.channel.id}`);
        return;
      }
      if (!d.live.has(update.conversationId)) return;
      for (const p of update.problems) log(d, `push ${update.conversationId}: ${p}`);
      d.fx.push({ kind: FX.deliver, update });
      return;
    }
    case 'listed':
      if (result.userId !== conn.channel.userId) return;
      d.fx.push({ kind: FX.listed, body: result.body });
      return;
    case 'socket-closing':
      if (conn !== d.socket) return;
      log(d, `socket_closing on ${conn.channel.id}: switching to a new channel`);
      return switchChannel(d);
    case 'malformed':
      d.stats.malformedFrames++;
      log(d, `malformed frame ignored: ${result.problem}`);
      return;
    default:
      return;
  }
}

/** A socket closed or died. */
function lost(d: Draft, id: number) {
  if (d.setup?.pending?.id === id) {
    // It never opened: the attempt failed (the channel may be gone: the next try HEADs it).
    d.setup = undefined;
    if (!wanted(d)) return;
    if (!d.socket) {
      setStatus(d, 'down');
      startPolling(d);
    }
    return scheduleRetry(d, 0);
  }
  if (d.socket?.id !== id) return;
  d.socket = undefined;
  clearTimer(d, TIMER.stable);
  clearTimer(d, TIMER.renew);
  if (!wanted(d)) return;
  setStatus(d, 'down');
  startPolling(d);
  // A switch under way (socket_closing, expiry) is the reconnect: its open or failure decides.
  if (!d.setup) scheduleRetry(d, 0);
}

function failed(d: Draft, error: SessionError) {
  log(d, `channel setup failed: ${error.code} ${error.message}`);
  d.fx.push({ kind: FX.error, error });
  if (!wanted(d)) return;
  if (!d.socket) {
    setStatus(d, 'down', error);
    startPolling(d);
  }
  // A refusal (scope, rejected topic) needs an admin: retry slowly rather than hammer.
  const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
  scheduleRetry(d, isPermanent(error) ? d.cfg.maxBackoffMs : retryAfterMs);
}

/** Make-before-break onto a new channel: the current socket serves until the new one opens. */
function switchChannel(d: Draft) {
  d.fresh = true;
  if (d.setup) return;
  clearTimer(d, TIMER.retry);
  connect(d);
}

function scheduleRetry(d: Draft, minMs: number) {
  if (d.armed[TIMER.retry] || !wanted(d)) return;
  d.fx.push({ kind: FX.scheduleRetry, attempt: d.attempt, minMs });
  d.attempt++;
  d.armed[TIMER.retry] = true;
}

// Polling runs only while no socket is up, and stops the moment one opens.
function startPolling(d: Draft) {
  if (d.armed[TIMER.poll] || d.live.size === 0 || d.socket) return;
  setTimer(d, TIMER.poll, d.cfg.pollIntervalMs);
}

function setStatus(d: Draft, next: StreamStatus, error?: SessionError) {
  if (next === d.status && !error) return;
  d.status = next;
  d.fx.push({ kind: FX.status, status: next, error });
}

function setTimer(d: Draft, name: Exclude<TimerName, typeof TIMER.retry>, ms: number) {
  d.armed[name] = true;
  d.fx.push({ kind: FX.setTimer, name, ms });
}

function clearTimer(d: Draft, name: TimerName) {
  if (!d.armed[name]) return;
  d.armed[name] = false;
  d.fx.push({ kind: FX.clearTimer, name });
}

const find = (d: Draft, id: number) =>
  d.socket?.id === id ? d.socket : d.setup?.pending?.id === id ? d.setup.pending : undefined;

const log = (d: Draft, message: string) => d.fx.push({ kind: FX.log, message });

/** Forget a socket, closing it when a code is given. */
function detach(d: Draft, socket: number, code?: number, reason?: string) {
  d.fx.push({ kind: FX.detach, socket, code, reason });
}
