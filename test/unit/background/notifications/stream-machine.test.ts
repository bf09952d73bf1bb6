// The notification stream's reducer on its own: events in, state and effects out, no timers,
// sockets or API. Each transition of the state diagram in src/background/notifications/machine.ts.
import { describe, expect, it } from 'vitest';
import type { ChannelInfo } from '../../../../src/background/notifications/channel';
import * as FX from '../../../../src/background/notifications/effect-kinds';
import * as EV from '../../../../src/background/notifications/event-types';
import {
  initialState,
  type MachineConfig,
  reduce,
  type StreamEffect,
  type StreamEvent,
  type StreamState,
} from '../../../../src/background/notifications/machine';
import * as KIND from '../../../../src/background/notifications/state-kinds';
import * as TIMER from '../../../../src/background/notifications/timer-names';
import type { SessionError } from '../../../../src/shared/session';

const ME = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'a0000000-0000-4000-8000-000000000002';
const CID = 'c0000000-0000-4000-8000-0000000000aa';
const CID2 = 'c0000000-0000-4000-8000-0000000000bb';
const NOW = Date.parse('2026-01-01T09:00:00.000Z');
const cfg: MachineConfig = {
  heartbeatTimeoutMs: 75_000,
  maxBackoffMs: 60_000,
  stableAfterMs: 60_000,
  pollIntervalMs: 5_000,
};

const channel = (id: string, extra: Partial<ChannelInfo> = {}): ChannelInfo => ({
  id,
  connectUri: `wss://streaming.example.test/channels/${id}`,
  userId: ME,
  ...extra,
});

const error = (code: string, extra: Partial<SessionError> = {}): SessionError => ({
  code,
  message: code,
  title: code,
  explanation: '',
  fix: '',
  ...extra,
});

const live = (...ids: string[]): StreamEvent => ({
  type: EV.ensure,
  live: new Map(ids.map((id) => [id, 'message' as const])),
});

/** Feed events in order; the effects of all of them, and the last state. */
function run(state: StreamState, ...events: StreamEvent[]) {
  const effects: StreamEffect[] = [];
  for (const event of events) {
    const step = reduce(state, event, cfg);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const kinds = (effects: StreamEffect[]) => effects.filter((e) => e.kind !== FX.log);
const logs = (effects: StreamEffect[]) =>
  effects.flatMap((e) => (e.kind === FX.log ? [e.message] : []));
const gen = (s: StreamState) => s.gen;

/** ensure → new channel → open socket `ch` (socket id 1 on a fresh state) → up. */
function up(ch = channel('ch-1', { renewAt: NOW + 3_600_000 }), state = initialState()) {
  let s = run(state, live(CID)).state;
  s = run(s, { type: EV.user, gen: gen(s), userId: ME, now: NOW }).state;
  s = run(s, { type: EV.created, gen: gen(s), channel: ch }).state;
  s = run(s, { type: EV.addressOk, gen: gen(s) }).state;
  const id = s.kind === KIND.connecting ? s.setup.pending?.id : undefined;
  if (id === undefined) throw new Error('no socket was opened');
  return run(s, { type: EV.socketOpen, socket: id, now: NOW });
}

const socketOf = (s: StreamState) => ('socket' in s ? s.socket.id : undefined);
const pendingOf = (s: StreamState) => ('setup' in s ? s.setup.pending?.id : undefined);

describe('stream machine: connecting', () => {
  it('idle → connecting on ensure: polls, reports connecting, reads the user', () => {
    const { state, effects } = run(initialState(), live(CID));
    expect(state.kind).toBe(KIND.connecting);
    expect(state.status).toBe('connecting');
    expect(effects).toEqual([
      { kind: FX.setTimer, name: TIMER.poll, ms: 5_000 },
      { kind: FX.status, status: 'connecting' },
      { kind: FX.readUser, gen: 1 },
    ]);
  });

  it('no channel yet: create → check its address → open a socket on it', () => {
    let s = run(initialState(), live(CID)).state;
    const user = run(s, { type: EV.user, gen: 1, userId: ME, now: NOW });
    expect(user.effects).toEqual([{ kind: FX.createChannel, gen: 1, userId: ME }]);
    s = user.state;
    const created = run(s, { type: EV.created, gen: 1, channel: channel('ch-1') });
    expect(created.effects).toEqual([{ kind: FX.checkAddress, gen: 1, channel: channel('ch-1') }]);
    expect(created.state.channel?.id).toBe('ch-1');
    const opened = run(created.state, { type: EV.addressOk, gen: 1 });
    expect(opened.effects).toEqual([
      { kind: FX.openSocket, gen: 1, socket: { id: 1, channel: channel('ch-1') } },
    ]);
    expect(opened.state.kind).toBe(KIND.connecting);
    expect(pendingOf(opened.state)).toBe(1);
  });

  it('connecting → up on open: watchdog kicked, polling stopped, stable and renewal clocks, REST reconcile', () => {
    const { state, effects } = up(channel('ch-1', { renewAt: NOW + 3_600_000 }));
    expect(state.kind).toBe(KIND.up);
    expect(state.status).toBe('up');
    expect(state.stats.connects).toBe(1);
    expect(kinds(effects)).toEqual([
      { kind: FX.kick, socket: 1 },
      { kind: FX.clearTimer, name: TIMER.poll },
      { kind: FX.setTimer, name: TIMER.stable, ms: 60_000 },
      { kind: FX.setTimer, name: TIMER.renew, ms: 3_600_000 },
      { kind: FX.status, status: 'up' },
      { kind: FX.reconcile, why: 'connect' },
    ]);
    expect(logs(effects)).toContain('socket up on ch-1');
  });

  it('a channel without `expires` gets no renewal clock', () => {
    const { effects } = up(channel('ch-1'));
    expect(effects).not.toContainEqual(expect.objectContaining({ name: TIMER.renew }));
  });

  it('a setup step answering after stop (an older generation) is ignored', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(s, { type: EV.stop }).state;
    const late = run(s, { type: EV.user, gen: 1, userId: ME, now: NOW });
    expect(late.effects).toEqual([]);
    expect(late.state.kind).toBe(KIND.idle);
  });

  it('an open from a socket it no longer waits for is closed as superseded', () => {
    const { effects } = run(initialState(), { type: EV.socketOpen, socket: 7, now: NOW });
    expect(effects).toEqual([{ kind: FX.detach, socket: 7, code: 1000, reason: 'superseded' }]);
  });
});

describe('stream machine: failures and backoff', () => {
  it('connecting → down on a failed step: reported, explained status, polling, retry at backoff attempt 0', () => {
    let s = run(initialState(), live(CID)).state;
    const { state, effects } = run(s, { type: EV.setupFailed, gen: 1, error: error('network') });
    expect(state.kind).toBe(KIND.down);
    expect(kinds(effects)).toEqual([
      { kind: FX.error, error: error('network') },
      { kind: FX.status, status: 'down', error: error('network') },
      { kind: FX.scheduleRetry, attempt: 0, minMs: 0 },
    ]);
    expect(state.attempt).toBe(1);
    // down → connecting when the backoff timer fires
    s = run(state, { type: EV.timer, name: TIMER.retry }).state;
    expect(s.kind).toBe(KIND.connecting);
  });

  it('each failed attempt raises the backoff exponent; a stable connection resets it', () => {
    let s = run(initialState(), live(CID)).state;
    const retries: number[] = [];
    for (let i = 0; i < 3; i++) {
      const step = run(s, { type: EV.setupFailed, gen: gen(s), error: error('network') });
      for (const e of step.effects) if (e.kind === FX.scheduleRetry) retries.push(e.attempt);
      s = run(step.state, { type: EV.timer, name: TIMER.retry }).state;
    }
    expect(retries).toEqual([0, 1, 2]);
    expect(s.attempt).toBe(3);
    s = run(s, { type: EV.timer, name: TIMER.stable }).state;
    expect(s.attempt).toBe(0);
  });

  it('a permanent refusal waits maxBackoffMs; a 429 waits its Retry-After', () => {
    const s = run(initialState(), live(CID)).state;
    const refused = run(s, {
      type: EV.setupFailed,
      gen: 1,
      error: error('notifications.rejected'),
    });
    expect(refused.effects).toContainEqual({
      kind: FX.scheduleRetry,
      attempt: 0,
      minMs: 60_000,
    });
    const throttled = run(s, {
      type: EV.setupFailed,
      gen: 1,
      error: error('too.many.requests', { retryAfterSeconds: 7 }),
    });
    expect(throttled.effects).toContainEqual({
      kind: FX.scheduleRetry,
      attempt: 0,
      minMs: 7_000,
    });
  });

  it('ensure while a backoff timer runs does not connect (the timer decides)', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(s, { type: EV.setupFailed, gen: 1, error: error('network') }).state;
    const again = run(s, live(CID, CID2));
    expect(again.state.kind).toBe(KIND.down);
    expect(again.effects).not.toContainEqual(expect.objectContaining({ kind: FX.readUser }));
  });
});

describe('stream machine: heartbeat watchdog', () => {
  it('up → down when the watchdog fires: closed with 4000, polling, retry', () => {
    const { state: upState } = up();
    const { state, effects } = run(upState, { type: EV.socketDead, socket: 1 });
    expect(state.kind).toBe(KIND.down);
    expect(kinds(effects)).toEqual([
      { kind: FX.detach, socket: 1, code: 4000, reason: 'heartbeat timeout' },
      { kind: FX.clearTimer, name: TIMER.stable },
      { kind: FX.clearTimer, name: TIMER.renew },
      { kind: FX.status, status: 'down' },
      { kind: FX.setTimer, name: TIMER.poll, ms: 5_000 },
      { kind: FX.scheduleRetry, attempt: 0, minMs: 0 },
    ]);
    expect(logs(effects)).toEqual(['no frame for 75000 ms on ch-1: dropping the socket']);
  });

  it('a socket that never opens is given up by its watchdog: down and retried', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(
      s,
      { type: EV.user, gen: 1, userId: ME, now: NOW },
      { type: EV.created, gen: 1, channel: channel('ch-1') },
      { type: EV.addressOk, gen: 1 },
    ).state;
    const { state, effects } = run(s, { type: EV.socketDead, socket: 1 });
    expect(state.kind).toBe(KIND.down);
    expect(effects).toContainEqual({ kind: FX.status, status: 'down' });
    expect(effects).toContainEqual({ kind: FX.scheduleRetry, attempt: 0, minMs: 0 });
  });

  it('a plain close is forgotten without a close call of its own', () => {
    const { state: upState } = up();
    const { state, effects } = run(upState, { type: EV.socketClosed, socket: 1, code: 1006 });
    expect(state.kind).toBe(KIND.down);
    expect(effects).toContainEqual({ kind: FX.detach, socket: 1 });
    expect(logs(effects)[0]).toBe('socket closed on ch-1 (1006 )');
  });
});

describe('stream machine: reusing the channel (HEAD)', () => {
  function afterDrop() {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: EV.socketClosed, socket: 1 }, { type: EV.timer, name: TIMER.retry }).state;
    return run(s, { type: EV.user, gen: gen(s), userId: ME, now: NOW });
  }

  it('after a drop the old channel is HEADed rather than re-created', () => {
    const { effects } = afterDrop();
    expect(effects).toEqual([{ kind: FX.head, gen: 2, channel: channel('ch-1') }]);
  });

  it('HEAD found it: its address is checked and a socket opened on it', () => {
    const { state } = afterDrop();
    const { effects } = run(state, { type: EV.head, gen: 2, exists: true });
    expect(effects).toEqual([{ kind: FX.checkAddress, gen: 2, channel: channel('ch-1') }]);
  });

  it('HEAD 404: a new channel is created and subscribed', () => {
    const { state } = afterDrop();
    const { effects } = run(state, { type: EV.head, gen: 2, exists: false });
    expect(effects).toEqual([
      { kind: FX.log, message: 'channel ch-1 is gone; creating a new one' },
      { kind: FX.createChannel, gen: 2, userId: ME },
    ]);
  });

  it('another user signed in: a new channel, no HEAD', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: EV.stop }, live(CID)).state;
    const { effects } = run(s, { type: EV.user, gen: gen(s), userId: OTHER, now: NOW });
    expect(effects).toEqual([{ kind: FX.createChannel, gen: gen(s), userId: OTHER }]);
  });
});

describe('stream machine: switching (make before break)', () => {
  it('socket_closing: up → switching; a NEW channel and socket open before the old socket closes', () => {
    let s = up(channel('ch-1')).state;
    const closing = run(s, {
      type: EV.frame,
      socket: 1,
      data: JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} }),
    });
    expect(closing.state.kind).toBe(KIND.switching);
    expect(closing.state.fresh).toBe(true);
    expect(closing.state.status).toBe('up');
    s = closing.state;
    const setup = run(
      s,
      { type: EV.user, gen: gen(s), userId: ME, now: NOW },
      { type: EV.created, gen: gen(s), channel: channel('ch-2') },
      { type: EV.addressOk, gen: gen(s) },
    );
    // The old channel is not reused (no HEAD), and nothing closes the old socket yet.
    expect(setup.effects.map((e) => e.kind)).toEqual([
      FX.createChannel,
      FX.checkAddress,
      FX.openSocket,
    ]);
    expect(setup.state.kind).toBe(KIND.switching);
    expect(socketOf(setup.state)).toBe(1);
    expect(pendingOf(setup.state)).toBe(2);
    const opened = run(setup.state, { type: EV.socketOpen, socket: 2, now: NOW });
    expect(opened.state.kind).toBe(KIND.up);
    expect(socketOf(opened.state)).toBe(2);
    expect(opened.state.fresh).toBe(false);
    expect(kinds(opened.effects)[0]).toEqual({
      kind: FX.detach,
      socket: 1,
      code: 1000,
      reason: 'switched to a new channel',
    });
    // Still up throughout: no status change is reported.
    expect(opened.effects).not.toContainEqual(expect.objectContaining({ kind: FX.status }));
  });

  it('socket_closing on a socket still opening is not a switch', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(
      s,
      { type: EV.user, gen: 1, userId: ME, now: NOW },
      { type: EV.created, gen: 1, channel: channel('ch-1') },
      { type: EV.addressOk, gen: 1 },
    ).state;
    const data = JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} });
    const { state } = run(s, { type: EV.frame, socket: 1, data });
    expect(state.fresh).toBe(false);
  });

  it('the old socket closes mid-switch: down, polling, no extra retry (the switch decides)', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, {
      type: EV.frame,
      socket: 1,
      data: JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} }),
    }).state;
    const { state, effects } = run(s, { type: EV.socketClosed, socket: 1 });
    expect(state.kind).toBe(KIND.connecting);
    expect(state.status).toBe('down');
    expect(effects).toContainEqual({ kind: FX.setTimer, name: TIMER.poll, ms: 5_000 });
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: FX.scheduleRetry }));
  });

  it('a failed switch keeps the old socket up and retries later', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: EV.timer, name: TIMER.renew }).state;
    const { state, effects } = run(s, {
      type: EV.setupFailed,
      gen: gen(s),
      error: error('network'),
    });
    expect(state.kind).toBe(KIND.up);
    expect(state.armed[TIMER.retry]).toBe(true);
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: FX.status }));
  });

  it('channel expiry: the renewal clock switches to a new channel', () => {
    const s = up(channel('ch-1', { renewAt: NOW + 1_000 })).state;
    const { state, effects } = run(s, { type: EV.timer, name: TIMER.renew });
    expect(state.kind).toBe(KIND.switching);
    expect(state.fresh).toBe(true);
    expect(logs(effects)).toEqual(['channel ch-1 expires soon: switching to a new channel']);
    expect(kinds(effects)).toEqual([{ kind: FX.readUser, gen: gen(state) }]);
  });

  it('a channel past its renewal time is not reused after a drop', () => {
    let s = up(channel('ch-1', { renewAt: NOW + 1_000 })).state;
    s = run(s, { type: EV.socketClosed, socket: 1 }, { type: EV.timer, name: TIMER.retry }).state;
    const { effects } = run(s, { type: EV.user, gen: gen(s), userId: ME, now: NOW + 1_000 });
    expect(effects).toEqual([{ kind: FX.createChannel, gen: gen(s), userId: ME }]);
  });
});

describe('stream machine: frames, polling, ensure and stop', () => {
  const conversationFrame = (userId: string, id: string) =>
    JSON.stringify({
      topicName: `v2.users.${userId}.conversations.messages`,
      eventBody: { id, participants: [] },
    });

  it('delivers frames for live conversations of the channel user only; counts malformed ones', () => {
    const s = up(channel('ch-1')).state;
    const mine = run(s, { type: EV.frame, socket: 1, data: conversationFrame(ME, CID) });
    expect(mine.effects).toContainEqual(expect.objectContaining({ kind: FX.deliver }));
    const notLive = run(s, { type: EV.frame, socket: 1, data: conversationFrame(ME, CID2) });
    expect(notLive.effects).toEqual([]);
    const theirs = run(s, { type: EV.frame, socket: 1, data: conversationFrame(OTHER, CID) });
    expect(logs(theirs.effects)).toEqual(["frame for another user's topic ignored on ch-1"]);
    const bad = run(s, { type: EV.frame, socket: 1, data: 'not json' });
    expect(bad.state.stats).toEqual({ frames: 1, malformedFrames: 1, connects: 1 });
  });

  it('the poll clock reads every live conversation and re-arms while down, never while up', () => {
    const down = run(initialState(), live(CID), {
      type: EV.setupFailed,
      gen: 1,
      error: error('network'),
    }).state;
    expect(run(down, { type: EV.timer, name: TIMER.poll }).effects).toEqual([
      { kind: FX.reconcile, why: 'poll' },
      { kind: FX.setTimer, name: TIMER.poll, ms: 5_000 },
    ]);
    const upState = up().state;
    expect(run(upState, { type: EV.timer, name: TIMER.poll }).effects).toEqual([]);
  });

  it('ensure while up reconciles only the added conversations', () => {
    const s = up().state;
    const { state, effects } = run(s, live(CID, CID2));
    expect(effects).toEqual([{ kind: FX.reconcile, ids: [CID2], why: 'added' }]);
    expect([...state.live.keys()]).toEqual([CID, CID2]);
  });

  it('ensure([]) is stop: every clock cleared, the socket closed, idle and down', () => {
    const s = up(channel('ch-1', { renewAt: NOW + 3_600_000 })).state;
    const { state, effects } = run(s, live());
    expect(state.kind).toBe(KIND.idle);
    expect(state.status).toBe('down');
    expect(state.attempt).toBe(0);
    expect(effects).toEqual([
      { kind: FX.clearTimer, name: TIMER.stable },
      { kind: FX.clearTimer, name: TIMER.renew },
      { kind: FX.detach, socket: 1, code: 1000, reason: 'no live session' },
      { kind: FX.status, status: 'down' },
    ]);
    // The channel is remembered for a later ensure (HEAD decides whether it is reused).
    expect(state.channel?.id).toBe('ch-1');
  });

  it('stop while a socket is opening closes that socket', () => {
    const s = run(
      initialState(),
      live(CID),
      { type: EV.user, gen: 1, userId: ME, now: NOW },
      { type: EV.created, gen: 1, channel: channel('ch-1') },
      { type: EV.addressOk, gen: 1 },
    ).state;
    const { effects } = run(s, { type: EV.stop });
    expect(effects).toContainEqual({
      kind: FX.detach,
      socket: 1,
      code: 1000,
      reason: 'no live session',
    });
  });
});

describe('watch (held while signed in) and the stored channel', () => {
  const watch = (on: boolean): StreamEvent => ({ type: EV.watch, on });

  it('watch connects with no live conversation; ensure([]) keeps the socket; unwatch closes it', () => {
    let { state, effects } = run(initialState(), watch(true));
    expect(state.kind).toBe(KIND.connecting);
    expect(kinds(effects).map((e) => e.kind)).toContain(FX.readUser);
    state = run(state, { type: EV.user, gen: gen(state), userId: ME, now: NOW }).state;
    state = run(state, { type: EV.created, gen: gen(state), channel: channel('ch-w') }).state;
    state = run(state, { type: EV.addressOk, gen: gen(state) }).state;
    state = run(state, { type: EV.socketOpen, socket: pendingOf(state) as number, now: NOW }).state;
    expect(state.kind).toBe(KIND.up);
    // A session came and went: the held socket stays.
    state = run(state, live(CID), { type: EV.ensure, live: new Map() }).state;
    expect(state.kind).toBe(KIND.up);
    const closed = run(state, watch(false));
    expect(closed.state.kind).toBe(KIND.idle);
    expect(kinds(closed.effects)).toContainEqual(expect.objectContaining({ kind: FX.detach }));
  });

  it("a stored channel of the user is HEADed and reused; another user's is not", () => {
    const stored = channel('ch-stored');
    let s = run(initialState(), watch(true)).state;
    const reused = run(s, { type: EV.user, gen: gen(s), userId: ME, now: NOW, stored });
    expect(kinds(reused.effects)).toContainEqual({ kind: FX.head, gen: gen(s), channel: stored });
    expect(reused.state.channel).toEqual(stored);

    s = run(initialState(), watch(true)).state;
    const foreign = run(s, { type: EV.user, gen: gen(s), userId: OTHER, now: NOW, stored });
    expect(kinds(foreign.effects)).toContainEqual({
      kind: FX.createChannel,
      gen: gen(s),
      userId: OTHER,
    });
  });

  it("a frame on the user's conversation topic is delivered as listed; another user's is not", () => {
    const { state } = up();
    const socket = socketOf(state) as number;
    const body = { id: CID2, participants: [] };
    const mine = run(state, {
      type: EV.frame,
      socket,
      data: JSON.stringify({ topicName: `v2.users.${ME}.conversations`, eventBody: body }),
    });
    expect(kinds(mine.effects)).toEqual([{ kind: FX.listed, body }]);
    const theirs = run(state, {
      type: EV.frame,
      socket,
      data: JSON.stringify({ topicName: `v2.users.${OTHER}.conversations`, eventBody: body }),
    });
    expect(kinds(theirs.effects)).toEqual([]);
  });
});
