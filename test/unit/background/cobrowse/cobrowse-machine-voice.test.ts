// The session machine for voice: the caller types the join code on the website and Genesys sends
// the agent no CoBrowse event, so the end of the offer time proves nothing. Only evidence moves
// the session: the conversation listing it (connected / disconnected) or the guest route's 404.
import { describe, expect, it } from 'vitest';
import type { ObservedEvent } from '../../../../src/background/cobrowse/events';
import {
  type Command,
  type MachineEvent,
  resume,
  type Transition,
  transition,
} from '../../../../src/background/cobrowse/machine';
import type { SessionSnapshot } from '../../../../src/shared/session';
import { statusKey } from '../../../../src/shared/session-status';

const CID = 'c0000000-0000-4000-8000-0000000000bb';
const OTHER = 'c0000000-0000-4000-8000-0000000000cc';
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const OFFER_ENDS = T0 + 120_000;

const start = (over: Partial<Extract<MachineEvent, { type: 'start' }>> = {}): MachineEvent => ({
  type: 'start',
  conversationId: CID,
  media: 'call',
  profile: 'genesys',
  origin: 'command',
  customerName: 'Caller',
  whenOffline: 'ask',
  ...over,
});
const created: MachineEvent = {
  type: 'created',
  session: {
    id: 'voice-1',
    joinCode: '605368',
    dateOfferEnds: new Date(OFFER_ENDS).toISOString(),
    communicationType: 'Call',
  },
};
const listed = (subType: 'alerting' | 'connected' | 'disconnected', sessionId = 'voice-1') =>
  ({ type: 'voice', subType, sessionId, key: `${sessionId}:voice:${subType}` }) as ObservedEvent;

function run(events: MachineEvent[], from?: SessionSnapshot, t = T0) {
  let snap = from;
  let last: Transition = { snapshot: snap, commands: [] };
  const commands: Command[] = [];
  for (const [i, e] of events.entries()) {
    last = transition(snap, e, t + i);
    snap = last.snapshot;
    commands.push(...last.commands);
  }
  return { snapshot: snap as SessionSnapshot, last, commands };
}
const steps = (s: SessionSnapshot) =>
  s.timeline.map((x) => (x.detail ? `${x.step}:${x.detail}` : x.step));
const offered = () => run([start(), created]).snapshot;
const unknown = () =>
  transition(offered(), { type: 'tick' }, OFFER_ENDS).snapshot as SessionSnapshot;

describe('voice: the offer', () => {
  it('a created voice session has its offer end armed and is checked every so often', () => {
    const { snapshot, last } = run([start(), created]);
    expect(snapshot).toMatchObject({ state: 'offered', joinCode: '605368', sessionId: 'voice-1' });
    expect(last.commands).toEqual([
      { kind: 'schedule-check' },
      { kind: 'schedule-expiry', at: OFFER_ENDS },
    ]);
    expect(statusKey(snapshot)).toBe('ov_status_offered_call');
  });

  it('never asks about a Messenger: voice starts at once', () => {
    expect(transition(undefined, start(), T0).commands).toEqual([{ kind: 'post' }]);
  });

  it('the end of the offer time is no expiry: the outcome is unknown, and it looks', () => {
    const r = transition(offered(), { type: 'tick' }, OFFER_ENDS);
    expect(r.snapshot).toMatchObject({ state: 'offered', outcomeUnknown: true });
    expect(steps(r.snapshot as SessionSnapshot)).not.toContain('expired');
    expect(steps(r.snapshot as SessionSnapshot).at(-1)).toBe('offer-time-over');
    expect(r.commands).toEqual([{ kind: 'check' }]);
    expect(statusKey(r.snapshot as SessionSnapshot)).toBe('ov_status_call_unknown');
    // A second tick changes nothing.
    expect(transition(r.snapshot, { type: 'tick' }, OFFER_ENDS + 5).snapshot).toBe(r.snapshot);
  });

  it('a POST answered after its offer time already ended: unknown, not expired', () => {
    const late = transition(run([start()]).snapshot, created, OFFER_ENDS + 1);
    expect(late.snapshot).toMatchObject({ state: 'offered', outcomeUnknown: true });
    expect(late.commands).toEqual([{ kind: 'schedule-check' }, { kind: 'check' }]);
  });
});

describe('voice: evidence', () => {
  it('the conversation lists the session connected: active (caller joined), before or after the offer time', () => {
    for (const from of [offered(), unknown()]) {
      const r = transition(from, listed('connected'), OFFER_ENDS + 10);
      expect(r.snapshot).toMatchObject({ state: 'active' });
      expect(r.snapshot?.outcomeUnknown).toBeUndefined();
      expect(steps(r.snapshot as SessionSnapshot).at(-1)).toBe('joined');
      expect(r.commands).toEqual([{ kind: 'cancel-expiry' }]);
      expect(statusKey(r.snapshot as SessionSnapshot)).toBe('ov_status_active_call');
    }
  });

  it('never shows an expiry after the caller joined', () => {
    const joined = transition(offered(), listed('connected'), T0 + 30_000).snapshot;
    const later = run(
      [{ type: 'tick' }, { type: 'check-due' }, listed('alerting'), { type: 'tick' }],
      joined,
      OFFER_ENDS + 1,
    ).snapshot;
    expect(later.state).toBe('active');
    expect(steps(later)).not.toContain('expired');
    expect(steps(later)).not.toContain('offer-time-over');
  });

  it('alerting says nothing; a listing of another session is not ours', () => {
    const s = offered();
    expect(transition(s, listed('alerting'), T0 + 5).snapshot?.state).toBe('offered');
    expect(transition(s, listed('connected', 'voice-0'), T0 + 5).snapshot?.state).toBe('offered');
  });

  it('disconnected ends it; a replayed listing moves nothing', () => {
    const joined = transition(offered(), listed('connected'), T0 + 30_000).snapshot;
    const ended = transition(joined, listed('disconnected'), T0 + 60_000).snapshot;
    expect(ended).toMatchObject({ state: 'ended' });
    const again = transition(
      { ...(joined as SessionSnapshot), seenEvents: ended?.seenEvents },
      listed('disconnected'),
      T0 + 61_000,
    );
    expect(again.snapshot?.state).toBe('active');
  });

  it('the guest route answering 404 ends it without claiming who or how (never "expired")', () => {
    const r = transition(unknown(), { type: 'session-gone' }, OFFER_ENDS + 2_000);
    expect(r.snapshot).toMatchObject({ state: 'ended' });
    expect(r.snapshot?.outcomeUnknown).toBeUndefined();
    expect(steps(r.snapshot as SessionSnapshot).at(-1)).toBe('ended:gone');
    expect(statusKey(r.snapshot as SessionSnapshot)).toBe('ov_status_call_over');
  });

  it('session-gone and listings do not touch web messaging or closed sessions', () => {
    const messaging = run([start({ media: 'message', customerOnline: true }), created]).snapshot;
    expect(transition(messaging, { type: 'session-gone' }, T0 + 5).snapshot).toBe(messaging);
    expect(transition(messaging, { type: 'check-due' }, T0 + 5).commands).toEqual([]);
    const ended = run([{ type: 'end' }], unknown()).snapshot;
    expect(transition(ended, { type: 'session-gone' }, T0 + 5).snapshot).toBe(ended);
    expect(transition(ended, { type: 'check-due' }, T0 + 5).commands).toEqual([]);
  });
});

describe('voice: checks, End, a new start, a worker restart', () => {
  it('each check-due looks and re-arms while the session may be on', () => {
    for (const s of [offered(), unknown()]) {
      expect(transition(s, { type: 'check-due' }, T0 + 10_000).commands).toEqual([
        { kind: 'check' },
        { kind: 'schedule-check' },
      ]);
    }
  });

  it('End works while the outcome is unknown', () => {
    const r = transition(unknown(), { type: 'end' }, OFFER_ENDS + 3_000);
    expect(r.snapshot).toMatchObject({ state: 'ended' });
    expect(r.snapshot?.outcomeUnknown).toBeUndefined();
    expect(steps(r.snapshot as SessionSnapshot).at(-1)).toBe('ended:agent');
  });

  it('a new start replaces an outcome-unknown session instead of returning it', () => {
    const r = transition(unknown(), start({ origin: 'menu' }), OFFER_ENDS + 4_000);
    expect(r.commands).toEqual([{ kind: 'post' }]);
    expect(r.snapshot).toMatchObject({ state: 'creating', origin: 'menu' });
    expect(r.snapshot?.outcomeUnknown).toBeUndefined();
    expect(r.snapshot?.joinCode).toBeUndefined();
    // Before the offer time is over it is single flight, as ever.
    const s = offered();
    expect(transition(s, start(), T0 + 5).snapshot).toBe(s);
    // Another conversation's start is a session of its own.
    const other = transition(unknown(), start({ conversationId: OTHER }), OFFER_ENDS + 4_000);
    expect(other.snapshot).toMatchObject({ conversationId: OTHER, state: 'creating' });
  });

  it('resume re-arms the offer end and the checks; a passed offer time is unknown, not expired', () => {
    expect(resume(offered(), T0 + 10).commands).toEqual([
      { kind: 'schedule-expiry', at: OFFER_ENDS },
      { kind: 'schedule-check' },
    ]);
    const past = resume(offered(), OFFER_ENDS + 60_000);
    expect(past.snapshot).toMatchObject({ state: 'offered', outcomeUnknown: true });
    expect(past.commands).toEqual([{ kind: 'check' }, { kind: 'schedule-check' }]);
    const joined = transition(offered(), listed('connected'), T0 + 5).snapshot as SessionSnapshot;
    expect(resume(joined, OFFER_ENDS + 60_000)).toEqual({
      snapshot: joined,
      commands: [{ kind: 'check' }, { kind: 'schedule-check' }],
    });
    expect(resume(unknown(), OFFER_ENDS + 60_000).commands).toEqual([
      { kind: 'check' },
      { kind: 'schedule-check' },
    ]);
  });
});
