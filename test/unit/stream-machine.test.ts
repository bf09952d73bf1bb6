// The notification stream's reducer on its own: events in, state and effects out, no timers,
// sockets or API. Each transition of the state diagram in src/background/notifications/machine.ts.
import { describe, expect, it } from 'vitest';
import type { ChannelInfo } from '../../src/background/notifications/channel';
import {
  initialState,
  type MachineConfig,
  reduce,
  type StreamEffect,
  type StreamEvent,
  type StreamState,
} from '../../src/background/notifications/machine';
import type { SessionError } from '../../src/shared/session';

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

const live = (...ids: string[]) => ({
  type: 'ensure' as const,
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

const kinds = (effects: StreamEffect[]) => effects.filter((e) => e.kind !== 'log');
const logs = (effects: StreamEffect[]) =>
  effects.flatMap((e) => (e.kind === 'log' ? [e.message] : []));
const gen = (s: StreamState) => s.generation;

/** ensure → new channel → open socket `ch` (socket id 1 on a fresh state) → up. */
function up(ch = channel('ch-1', { renewAt: NOW + 3_600_000 }), state = initialState()) {
  let s = run(state, live(CID)).state;
  s = run(s, { type: 'user', gen: gen(s), userId: ME, now: NOW }).state;
  s = run(s, { type: 'created', gen: gen(s), channel: ch }).state;
  s = run(s, { type: 'address-ok', gen: gen(s) }).state;
  const id = s.kind === 'connecting' ? s.setup.pending?.id : undefined;
  if (id === undefined) throw new Error('no socket was opened');
  return run(s, { type: 'socket-open', socket: id, now: NOW });
}

const socketOf = (s: StreamState) => ('socket' in s ? s.socket.id : undefined);
const pendingOf = (s: StreamState) => ('setup' in s ? s.setup.pending?.id : undefined);

describe('stream machine: connecting', () => {
  it('idle → connecting on ensure: polls, reports connecting, reads the user', () => {
    const { state, effects } = run(initialState(), live(CID));
    expect(state.kind).toBe('connecting');
    expect(state.status).toBe('connecting');
    expect(effects).toEqual([
      { kind: 'set-timer', name: 'poll', ms: 5_000 },
      { kind: 'status', status: 'connecting' },
      { kind: 'read-user', gen: 1 },
    ]);
  });

  it('no channel yet: create → check its address → open a socket on it', () => {
    let s = run(initialState(), live(CID)).state;
    const user = run(s, { type: 'user', gen: 1, userId: ME, now: NOW });
    expect(user.effects).toEqual([{ kind: 'create-channel', gen: 1, userId: ME }]);
    s = user.state;
    const created = run(s, { type: 'created', gen: 1, channel: channel('ch-1') });
    expect(created.effects).toEqual([{ kind: 'check-address', gen: 1, channel: channel('ch-1') }]);
    expect(created.state.channel?.id).toBe('ch-1');
    const opened = run(created.state, { type: 'address-ok', gen: 1 });
    expect(opened.effects).toEqual([
      { kind: 'open-socket', gen: 1, socket: { id: 1, channel: channel('ch-1') } },
    ]);
    expect(opened.state.kind).toBe('connecting');
    expect(pendingOf(opened.state)).toBe(1);
  });

  it('connecting → up on open: watchdog kicked, polling stopped, stable and renewal clocks, REST reconcile', () => {
    const { state, effects } = up(channel('ch-1', { renewAt: NOW + 3_600_000 }));
    expect(state.kind).toBe('up');
    expect(state.status).toBe('up');
    expect(state.stats.connects).toBe(1);
    expect(kinds(effects)).toEqual([
      { kind: 'kick', socket: 1 },
      { kind: 'clear-timer', name: 'poll' },
      { kind: 'set-timer', name: 'stable', ms: 60_000 },
      { kind: 'set-timer', name: 'renew', ms: 3_600_000 },
      { kind: 'status', status: 'up' },
      { kind: 'reconcile', ids: 'all', why: 'connect' },
    ]);
    expect(logs(effects)).toContain('socket up on ch-1');
  });

  it('a channel without `expires` gets no renewal clock', () => {
    const { effects } = up(channel('ch-1'));
    expect(effects).not.toContainEqual(expect.objectContaining({ name: 'renew' }));
  });

  it('a setup step answering after stop (an older generation) is ignored', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(s, { type: 'stop' }).state;
    const late = run(s, { type: 'user', gen: 1, userId: ME, now: NOW });
    expect(late.effects).toEqual([]);
    expect(late.state.kind).toBe('idle');
  });

  it('an open from a socket it no longer waits for is closed as superseded', () => {
    const { effects } = run(initialState(), { type: 'socket-open', socket: 7, now: NOW });
    expect(effects).toEqual([{ kind: 'detach', socket: 7, code: 1000, reason: 'superseded' }]);
  });
});

describe('stream machine: failures and backoff', () => {
  it('connecting → down on a failed step: reported, explained status, polling, retry at backoff attempt 0', () => {
    let s = run(initialState(), live(CID)).state;
    const { state, effects } = run(s, { type: 'setup-failed', gen: 1, error: error('network') });
    expect(state.kind).toBe('down');
    expect(kinds(effects)).toEqual([
      { kind: 'error', error: error('network') },
      { kind: 'status', status: 'down', error: error('network') },
      { kind: 'schedule-retry', attempt: 0, minDelayMs: 0 },
    ]);
    expect(state.attempt).toBe(1);
    // down → connecting when the backoff timer fires
    s = run(state, { type: 'timer', name: 'retry' }).state;
    expect(s.kind).toBe('connecting');
  });

  it('each failed attempt raises the backoff exponent; a stable connection resets it', () => {
    let s = run(initialState(), live(CID)).state;
    const retries: number[] = [];
    for (let i = 0; i < 3; i++) {
      const step = run(s, { type: 'setup-failed', gen: gen(s), error: error('network') });
      for (const e of step.effects) if (e.kind === 'schedule-retry') retries.push(e.attempt);
      s = run(step.state, { type: 'timer', name: 'retry' }).state;
    }
    expect(retries).toEqual([0, 1, 2]);
    expect(s.attempt).toBe(3);
    s = run(s, { type: 'timer', name: 'stable' }).state;
    expect(s.attempt).toBe(0);
  });

  it('a permanent refusal waits maxBackoffMs; a 429 waits its Retry-After', () => {
    const s = run(initialState(), live(CID)).state;
    const refused = run(s, {
      type: 'setup-failed',
      gen: 1,
      error: error('notifications.rejected'),
    });
    expect(refused.effects).toContainEqual({
      kind: 'schedule-retry',
      attempt: 0,
      minDelayMs: 60_000,
    });
    const throttled = run(s, {
      type: 'setup-failed',
      gen: 1,
      error: error('too.many.requests', { retryAfterSeconds: 7 }),
    });
    expect(throttled.effects).toContainEqual({
      kind: 'schedule-retry',
      attempt: 0,
      minDelayMs: 7_000,
    });
  });

  it('ensure while a backoff timer runs does not connect (the timer decides)', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(s, { type: 'setup-failed', gen: 1, error: error('network') }).state;
    const again = run(s, live(CID, CID2));
    expect(again.state.kind).toBe('down');
    expect(again.effects).not.toContainEqual(expect.objectContaining({ kind: 'read-user' }));
  });
});

describe('stream machine: heartbeat watchdog', () => {
  it('up → down when the watchdog fires: closed with 4000, polling, retry', () => {
    const { state: upState } = up();
    const { state, effects } = run(upState, { type: 'socket-dead', socket: 1 });
    expect(state.kind).toBe('down');
    expect(kinds(effects)).toEqual([
      { kind: 'detach', socket: 1, code: 4000, reason: 'heartbeat timeout' },
      { kind: 'clear-timer', name: 'stable' },
      { kind: 'clear-timer', name: 'renew' },
      { kind: 'status', status: 'down' },
      { kind: 'set-timer', name: 'poll', ms: 5_000 },
      { kind: 'schedule-retry', attempt: 0, minDelayMs: 0 },
    ]);
    expect(logs(effects)).toEqual(['no frame for 75000 ms on ch-1: dropping the socket']);
  });

  it('a socket that never opens is given up by its watchdog: down and retried', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(
      s,
      { type: 'user', gen: 1, userId: ME, now: NOW },
      { type: 'created', gen: 1, channel: channel('ch-1') },
      { type: 'address-ok', gen: 1 },
    ).state;
    const { state, effects } = run(s, { type: 'socket-dead', socket: 1 });
    expect(state.kind).toBe('down');
    expect(effects).toContainEqual({ kind: 'status', status: 'down' });
    expect(effects).toContainEqual({ kind: 'schedule-retry', attempt: 0, minDelayMs: 0 });
  });

  it('a plain close is forgotten without a close call of its own', () => {
    const { state: upState } = up();
    const { state, effects } = run(upState, { type: 'socket-closed', socket: 1, code: 1006 });
    expect(state.kind).toBe('down');
    expect(effects).toContainEqual({ kind: 'detach', socket: 1 });
    expect(logs(effects)[0]).toBe('socket closed on ch-1 (1006 )');
  });
});

describe('stream machine: reusing the channel (HEAD)', () => {
  function afterDrop() {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: 'socket-closed', socket: 1 }, { type: 'timer', name: 'retry' }).state;
    return run(s, { type: 'user', gen: gen(s), userId: ME, now: NOW });
  }

  it('after a drop the old channel is HEADed rather than re-created', () => {
    const { effects } = afterDrop();
    expect(effects).toEqual([{ kind: 'head', gen: 2, channel: channel('ch-1') }]);
  });

  it('HEAD found it: its address is checked and a socket opened on it', () => {
    const { state } = afterDrop();
    const { effects } = run(state, { type: 'head', gen: 2, exists: true });
    expect(effects).toEqual([{ kind: 'check-address', gen: 2, channel: channel('ch-1') }]);
  });

  it('HEAD 404: a new channel is created and subscribed', () => {
    const { state } = afterDrop();
    const { effects } = run(state, { type: 'head', gen: 2, exists: false });
    expect(effects).toEqual([
      { kind: 'log', message: 'channel ch-1 is gone; creating a new one' },
      { kind: 'create-channel', gen: 2, userId: ME },
    ]);
  });

  it('another user signed in: a new channel, no HEAD', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: 'stop' }, live(CID)).state;
    const { effects } = run(s, { type: 'user', gen: gen(s), userId: OTHER, now: NOW });
    expect(effects).toEqual([{ kind: 'create-channel', gen: gen(s), userId: OTHER }]);
  });
});

describe('stream machine: switching (make before break)', () => {
  it('socket_closing: up → switching; a NEW channel and socket open before the old socket closes', () => {
    let s = up(channel('ch-1')).state;
    const closing = run(s, {
      type: 'frame',
      socket: 1,
      data: JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} }),
    });
    expect(closing.state.kind).toBe('switching');
    expect(closing.state.wantFreshChannel).toBe(true);
    expect(closing.state.status).toBe('up');
    s = closing.state;
    const setup = run(
      s,
      { type: 'user', gen: gen(s), userId: ME, now: NOW },
      { type: 'created', gen: gen(s), channel: channel('ch-2') },
      { type: 'address-ok', gen: gen(s) },
    );
    // The old channel is not reused (no HEAD), and nothing closes the old socket yet.
    expect(setup.effects.map((e) => e.kind)).toEqual([
      'create-channel',
      'check-address',
      'open-socket',
    ]);
    expect(setup.state.kind).toBe('switching');
    expect(socketOf(setup.state)).toBe(1);
    expect(pendingOf(setup.state)).toBe(2);
    const opened = run(setup.state, { type: 'socket-open', socket: 2, now: NOW });
    expect(opened.state.kind).toBe('up');
    expect(socketOf(opened.state)).toBe(2);
    expect(opened.state.wantFreshChannel).toBe(false);
    expect(kinds(opened.effects)[0]).toEqual({
      kind: 'detach',
      socket: 1,
      code: 1000,
      reason: 'switched to a new channel',
    });
    // Still up throughout: no status change is reported.
    expect(opened.effects).not.toContainEqual(expect.objectContaining({ kind: 'status' }));
  });

  it('socket_closing on a socket still opening is not a switch', () => {
    let s = run(initialState(), live(CID)).state;
    s = run(
      s,
      { type: 'user', gen: 1, userId: ME, now: NOW },
      { type: 'created', gen: 1, channel: channel('ch-1') },
      { type: 'address-ok', gen: 1 },
    ).state;
    const data = JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} });
    const { state } = run(s, { type: 'frame', socket: 1, data });
    expect(state.wantFreshChannel).toBe(false);
  });

  it('the old socket closes mid-switch: down, polling, no extra retry (the switch decides)', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, {
      type: 'frame',
      socket: 1,
      data: JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: {} }),
    }).state;
    const { state, effects } = run(s, { type: 'socket-closed', socket: 1 });
    expect(state.kind).toBe('connecting');
    expect(state.status).toBe('down');
    expect(effects).toContainEqual({ kind: 'set-timer', name: 'poll', ms: 5_000 });
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'schedule-retry' }));
  });

  it('a failed switch keeps the old socket up and retries later', () => {
    let s = up(channel('ch-1')).state;
    s = run(s, { type: 'timer', name: 'renew' }).state;
    const { state, effects } = run(s, {
      type: 'setup-failed',
      gen: gen(s),
      error: error('network'),
    });
    expect(state.kind).toBe('up');
    expect(state.armed.retry).toBe(true);
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'status' }));
  });

  it('channel expiry: the renewal clock switches to a new channel', () => {
    const s = up(channel('ch-1', { renewAt: NOW + 1_000 })).state;
    const { state, effects } = run(s, { type: 'timer', name: 'renew' });
    expect(state.kind).toBe('switching');
    expect(state.wantFreshChannel).toBe(true);
    expect(logs(effects)).toEqual(['channel ch-1 expires soon: switching to a new channel']);
    expect(kinds(effects)).toEqual([{ kind: 'read-user', gen: gen(state) }]);
  });

  it('a channel past its renewal time is not reused after a drop', () => {
    let s = up(channel('ch-1', { renewAt: NOW + 1_000 })).state;
    s = run(s, { type: 'socket-closed', socket: 1 }, { type: 'timer', name: 'retry' }).state;
    const { effects } = run(s, { type: 'user', gen: gen(s), userId: ME, now: NOW + 1_000 });
    expect(effects).toEqual([{ kind: 'create-channel', gen: gen(s), userId: ME }]);
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
    const mine = run(s, { type: 'frame', socket: 1, data: conversationFrame(ME, CID) });
    expect(mine.effects).toContainEqual(expect.objectContaining({ kind: 'deliver' }));
    const notLive = run(s, { type: 'frame', socket: 1, data: conversationFrame(ME, CID2) });
    expect(notLive.effects).toEqual([]);
    const theirs = run(s, { type: 'frame', socket: 1, data: conversationFrame(OTHER, CID) });
    expect(logs(theirs.effects)).toEqual(["frame for another user's topic ignored on ch-1"]);
    const bad = run(s, { type: 'frame', socket: 1, data: 'not json' });
    expect(bad.state.stats).toEqual({ frames: 1, malformedFrames: 1, connects: 1 });
  });

  it('the poll clock reads every live conversation and re-arms while down, never while up', () => {
    const down = run(initialState(), live(CID), {
      type: 'setup-failed',
      gen: 1,
      error: error('network'),
    }).state;
    expect(run(down, { type: 'timer', name: 'poll' }).effects).toEqual([
      { kind: 'reconcile', ids: 'all', why: 'poll' },
      { kind: 'set-timer', name: 'poll', ms: 5_000 },
    ]);
    const upState = up().state;
    expect(run(upState, { type: 'timer', name: 'poll' }).effects).toEqual([]);
  });

  it('ensure while up reconciles only the added conversations', () => {
    const s = up().state;
    const { state, effects } = run(s, live(CID, CID2));
    expect(effects).toEqual([{ kind: 'reconcile', ids: [CID2], why: 'added' }]);
    expect([...state.live.keys()]).toEqual([CID, CID2]);
  });

  it('ensure([]) is stop: every clock cleared, the socket closed, idle and down', () => {
    const s = up(channel('ch-1', { renewAt: NOW + 3_600_000 })).state;
    const { state, effects } = run(s, live());
    expect(state.kind).toBe('idle');
    expect(state.status).toBe('down');
    expect(state.attempt).toBe(0);
    expect(effects).toEqual([
      { kind: 'clear-timer', name: 'stable' },
      { kind: 'clear-timer', name: 'renew' },
      { kind: 'detach', socket: 1, code: 1000, reason: 'no live session' },
      { kind: 'status', status: 'down' },
    ]);
    // The channel is remembered for a later ensure (HEAD decides whether it is reused).
    expect(state.channel?.id).toBe('ch-1');
  });

  it('stop while a socket is opening closes that socket', () => {
    const s = run(
      initialState(),
      live(CID),
      { type: 'user', gen: 1, userId: ME, now: NOW },
      { type: 'created', gen: 1, channel: channel('ch-1') },
      { type: 'address-ok', gen: 1 },
    ).state;
    const { effects } = run(s, { type: 'stop' });
    expect(effects).toContainEqual({
      kind: 'detach',
      socket: 1,
      code: 1000,
      reason: 'no live session',
    });
  });
});
