import { describe, expect, it } from 'vitest';
import type { ObservedEvent } from '../../../../src/background/cobrowse/events';
import {
  type Command,
  DEFAULT_RETRY_AFTER_S,
  MAX_RATE_LIMIT_RETRIES,
  type MachineEvent,
  resume,
  STALE_EXPIRY_MS,
  type Transition,
  transition,
} from '../../../../src/background/cobrowse/machine';
import { explain } from '../../../../src/shared/errors';
import type { WhenCustomerOffline } from '../../../../src/shared/protocol';
import { isFinal, type SessionSnapshot } from '../../../../src/shared/session';

const CID = 'c0000000-0000-4000-8000-0000000000aa';
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const OFFER_ENDS = T0 + 120_000;

const startEvent = (
  over: Partial<Extract<MachineEvent, { type: 'start' }>> = {},
): MachineEvent => ({
  type: 'start',
  conversationId: CID,
  media: 'message',
  profile: 'genesys',
  origin: 'popup',
  customerName: 'Ada',
  customerOnline: true,
  whenOffline: 'ask',
  ...over,
});

const createdEvent: MachineEvent = {
  type: 'created',
  session: {
    id: 'sess-1',
    joinCode: '123456',
    dateOfferEnds: new Date(OFFER_ENDS).toISOString(),
    communicationType: 'Message',
    websocketUrl: 'wss://x',
  },
};

const cob = (subType: Extract<ObservedEvent, { type: 'cobrowse' }>['subType'], key?: string) =>
  ({ type: 'cobrowse', subType, ...(key ? { key } : {}) }) as ObservedEvent;
const pres = (subType: Extract<ObservedEvent, { type: 'presence' }>['subType'], key?: string) =>
  ({ type: 'presence', subType, ...(key ? { key } : {}) }) as ObservedEvent;

/** Run events in order, one ms apart; returns the last transition and every command. */
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
const posts = (c: Command[]) => c.filter((x) => x.kind === 'post').length;

describe('start', () => {
  it('creates a session and sends the POST when the customer is online', () => {
    const r = transition(undefined, startEvent(), T0);
    expect(r.commands).toEqual([{ kind: 'post' }]);
    expect(r.snapshot).toMatchObject({
      conversationId: CID,
      media: 'message',
      profile: 'genesys',
      origin: 'popup',
      customerName: 'Ada',
      customerOnline: true,
      state: 'creating',
      updatedAt: T0,
    });
    expect(steps(r.snapshot as SessionSnapshot)).toEqual(['requested:popup']);
  });

  it('is single flight: a start while a session is live returns it and sends nothing', () => {
    const { snapshot } = run([startEvent(), createdEvent]);
    for (const origin of ['menu', 'command', 'popup'] as const) {
      const r = transition(snapshot, startEvent({ origin }), T0 + 50);
      expect(r.snapshot).toBe(snapshot);
      expect(r.commands).toEqual([]);
    }
    const waiting = transition(undefined, startEvent({ customerOnline: false }), T0).snapshot;
    expect(transition(waiting, startEvent({ whenOffline: 'send-anyway' }), T0 + 1)).toEqual({
      snapshot: waiting,
      commands: [],
    });
  });

  it('starts afresh once the previous session is final', () => {
    const { snapshot } = run([startEvent(), createdEvent, { type: 'end' }]);
    const r = transition(snapshot, startEvent({ origin: 'menu' }), T0 + 100);
    expect(r.commands).toEqual([{ kind: 'post' }]);
    expect(r.snapshot?.state).toBe('creating');
    expect(r.snapshot?.joinCode).toBeUndefined();
    expect(steps(r.snapshot as SessionSnapshot)).toEqual(['requested:menu']);
  });

  it('ignores Messenger presence for voice', () => {
    const r = transition(undefined, startEvent({ media: 'call', customerOnline: false }), T0);
    expect(r.commands).toEqual([{ kind: 'post' }]);
    expect(r.snapshot?.customerOnline).toBeUndefined();
  });

  it('asks like an offline start when the presence is unknown (the offer may not arrive)', () => {
    for (const whenOffline of ['ask', 'send-when-back'] as const) {
      const r = transition(undefined, startEvent({ customerOnline: undefined, whenOffline }), T0);
      expect(r.commands).toEqual([]);
      expect(r.snapshot).toMatchObject({ state: 'waiting', prompt: 'customer-offline' });
      expect(r.snapshot?.customerOnline).toBeUndefined();
      // Neither "offline" (not seen) nor "waiting" (not chosen) is claimed.
      expect(steps(r.snapshot as SessionSnapshot)).toEqual(['requested:popup']);
    }
    const anyway = startEvent({ customerOnline: undefined, whenOffline: 'send-anyway' });
    expect(transition(undefined, anyway, T0).commands).toEqual([{ kind: 'post' }]);
  });
});

describe('the timeline in true order', () => {
  it('an Offering that overtakes the POST answer: "Session created" still comes before "Offer sent"', () => {
    const { snapshot } = run([startEvent(), cob('Offering', 'o1'), createdEvent]);
    expect(steps(snapshot)).toEqual(['requested:popup', 'created', 'offered']);
    const inOrder = run([startEvent(), createdEvent, cob('Offering', 'o1')]).snapshot;
    expect(steps(inOrder)).toEqual(['requested:popup', 'created', 'offered']);
  });
});

describe('the race: customer offline at start (web messaging)', () => {
  it("'ask' waits with a prompt and sends nothing", () => {
    const r = transition(undefined, startEvent({ customerOnline: false }), T0);
    expect(r.commands).toEqual([]);
    expect(r.snapshot).toMatchObject({
      state: 'waiting',
      prompt: 'customer-offline',
      customerOnline: false,
    });
    // "Waiting for the customer" only once the agent chose to wait.
    expect(steps(r.snapshot as SessionSnapshot)).toEqual(['requested:popup', 'customer-offline']);
    const chose = transition(r.snapshot, { type: 'send-when-back' }, T0 + 5).snapshot;
    expect(steps(chose as SessionSnapshot)).toEqual([
      'requested:popup',
      'customer-offline',
      'waiting-customer',
    ]);
  });

  it('"Send anyway" from the prompt sends the POST', () => {
    const { snapshot, commands } = run([
      startEvent({ customerOnline: false }),
      { type: 'send-anyway' },
    ]);
    expect(snapshot.state).toBe('creating');
    expect(snapshot.prompt).toBeUndefined();
    expect(posts(commands)).toBe(1);
  });

  it('"Send when back" from the prompt keeps waiting, then the next Join sends once', () => {
    const { snapshot, commands } = run([
      startEvent({ customerOnline: false }),
      { type: 'send-when-back' },
    ]);
    expect(snapshot).toMatchObject({ state: 'waiting' });
    expect(snapshot.prompt).toBeUndefined();
    expect(commands).toEqual([]);

    const back = run(
      [pres('Join', 'm1:Presence:Join'), pres('Join', 'm1:Presence:Join'), pres('Join')],
      snapshot,
    );
    expect(posts(back.commands)).toBe(1);
    expect(back.snapshot).toMatchObject({ state: 'creating', customerOnline: true });
    expect(steps(back.snapshot)).toEqual([
      'requested:popup',
      'customer-offline',
      'waiting-customer',
      'customer-online',
    ]);
  });

  it.each<[WhenCustomerOffline, string, number]>([
    ['send-when-back', 'waiting', 0],
    ['send-anyway', 'creating', 1],
  ])("setting '%s' → %s without a prompt", (whenOffline, state, postCount) => {
    const r = transition(undefined, startEvent({ customerOnline: false, whenOffline }), T0);
    expect(r.snapshot?.state).toBe(state);
    expect(r.snapshot?.prompt).toBeUndefined();
    expect(posts(r.commands)).toBe(postCount);
  });

  it('a Disconnect while waiting does not send', () => {
    const { commands, snapshot } = run([
      startEvent({ customerOnline: false, whenOffline: 'send-when-back' }),
      pres('Disconnect'),
      pres('SessionExpired'),
    ]);
    expect(commands).toEqual([]);
    expect(snapshot.state).toBe('waiting');
  });

  it('an offer that expires while the customer is offline says so, and Offer again waits for them', () => {
    const { snapshot } = run([
      startEvent({ customerOnline: false, whenOffline: 'send-anyway' }),
      createdEvent,
    ]);
    const expired = transition(snapshot, { type: 'tick' }, OFFER_ENDS).snapshot as SessionSnapshot;
    expect(expired.state).toBe('expired');
    expect(steps(expired).at(-1)).toBe('expired:customer-offline');

    const again = transition(expired, { type: 'offer-again' }, OFFER_ENDS + 10);
    expect(again.commands).toEqual([]);
    expect(again.snapshot).toMatchObject({ state: 'waiting' });
    const back = transition(again.snapshot, pres('Join'), OFFER_ENDS + 20);
    expect(back.commands).toEqual([{ kind: 'post' }]);
  });

  it('a customer who comes back after expiry gets the offer at once on Offer again', () => {
    // Near the offer's end, so the server's expiry is this offer's own.
    const { snapshot } = run(
      [
        startEvent({ customerOnline: false, whenOffline: 'send-anyway' }),
        createdEvent,
        cob('OfferingExpired'),
      ],
      undefined,
      OFFER_ENDS - 100,
    );
    expect(snapshot.state).toBe('expired');
    const before = snapshot;
    const joined = transition(before, pres('Join'), OFFER_ENDS + 5).snapshot as SessionSnapshot;
    expect(joined.customerOnline).toBe(true);
    expect(joined.timeline).toEqual(before.timeline);
    expect(transition(joined, { type: 'offer-again' }, OFFER_ENDS + 6).commands).toEqual([
      { kind: 'post' },
    ]);
  });
});

describe('the offer', () => {
  it('the POST answer makes it offered with code, id, expiry and an expiry timer', () => {
    const r = run([startEvent(), createdEvent]);
    expect(r.snapshot).toMatchObject({
      state: 'offered',
      joinCode: '123456',
      sessionId: 'sess-1',
      offerEndsAt: OFFER_ENDS,
    });
    expect(r.last.commands).toEqual([{ kind: 'schedule-expiry', at: OFFER_ENDS }]);
    expect(steps(r.snapshot)).toEqual(['requested:popup', 'created', 'offered']);
  });

  it('accepted → active; replays change nothing and add no step', () => {
    const { snapshot } = run([
      startEvent(),
      createdEvent,
      cob('Offering', 'a'),
      cob('OfferingAccepted', 'b'),
    ]);
    expect(snapshot.state).toBe('active');
    expect(steps(snapshot)).toEqual(['requested:popup', 'created', 'offered', 'accepted']);
    const same = transition(snapshot, cob('OfferingAccepted', 'b'), T0 + 99);
    expect(same).toEqual({ snapshot, commands: [] });
    const keyless = transition(snapshot, cob('OfferingAccepted'), T0 + 99);
    expect(keyless.snapshot).toBe(snapshot);
  });

  it('cancels the expiry timer when accepted', () => {
    const r = run([startEvent(), createdEvent, cob('OfferingAccepted')]);
    expect(r.last.commands).toEqual([{ kind: 'cancel-expiry' }]);
  });

  it('declined is final: later events are ignored', () => {
    const { snapshot } = run([startEvent(), createdEvent, cob('OfferingRejected')]);
    expect(snapshot.state).toBe('declined');
    for (const e of [
      cob('OfferingAccepted'),
      cob('OfferingExpired'),
      createdEvent,
      { type: 'tick' } as const,
      { type: 'end' } as const,
      { type: 'failed', error: explain({ code: 'network' }) } as const,
      { type: 'send-anyway' } as const,
    ]) {
      expect(transition(snapshot, e, OFFER_ENDS + 1)).toEqual({ snapshot, commands: [] });
    }
  });

  it('expires on the clock only once offerEndsAt has passed', () => {
    const { snapshot } = run([startEvent(), createdEvent]);
    expect(transition(snapshot, { type: 'tick' }, OFFER_ENDS - 1).snapshot).toBe(snapshot);
    const r = transition(snapshot, { type: 'tick' }, OFFER_ENDS);
    expect(r.snapshot?.state).toBe('expired');
    expect(steps(r.snapshot as SessionSnapshot).at(-1)).toBe('expired');
    expect(r.commands).toEqual([{ kind: 'cancel-expiry' }, { kind: 'cancel-retry' }]);
  });

  it("ignores a server expiry long before this offer's end (an earlier offer's)", () => {
    const { snapshot } = run([startEvent(), createdEvent]);
    const early = OFFER_ENDS - STALE_EXPIRY_MS - 1;
    expect(transition(snapshot, cob('OfferingExpired'), early).snapshot?.state).toBe('offered');
    expect(transition(snapshot, cob('OfferingExpired'), OFFER_ENDS - 1000).snapshot?.state).toBe(
      'expired',
    );
  });

  it('an Offering event that overtakes the POST answer is not recorded twice', () => {
    const { snapshot } = run([startEvent(), cob('Offering'), createdEvent]);
    expect(snapshot.state).toBe('offered');
    expect(snapshot.joinCode).toBe('123456');
    expect(steps(snapshot).filter((s) => s === 'offered')).toHaveLength(1);
  });

  it('an accept that overtakes the POST answer stays active and gains the codes', () => {
    const { snapshot, last } = run([startEvent(), cob('OfferingAccepted'), createdEvent]);
    expect(snapshot).toMatchObject({ state: 'active', joinCode: '123456', sessionId: 'sess-1' });
    expect(last.commands).toEqual([]);
  });

  it('records the customer going away and coming back during an offer', () => {
    const { snapshot } = run([
      startEvent(),
      createdEvent,
      pres('Disconnect', 'k1'),
      pres('Disconnect', 'k2'),
      pres('Join', 'k3'),
      pres('Clear', 'k4'),
    ]);
    expect(steps(snapshot).slice(3)).toEqual([
      'customer-offline',
      'customer-online',
      'customer-offline',
    ]);
    const expired = transition(snapshot, { type: 'tick' }, OFFER_ENDS).snapshot as SessionSnapshot;
    expect(steps(expired).at(-1)).toBe('expired:customer-offline');
  });

  it('a POST answer that is already past its end expires at once', () => {
    const r = run([startEvent(), createdEvent], undefined, OFFER_ENDS + 1);
    expect(r.snapshot.state).toBe('expired');
  });

  it('keeps going without an offer end date (no timer)', () => {
    const r = run([startEvent(), { type: 'created', session: { id: 's', joinCode: 'j' } }]);
    expect(r.snapshot.state).toBe('offered');
    expect(r.snapshot.offerEndsAt).toBeUndefined();
    expect(r.last.commands).toEqual([]);
    expect(transition(r.snapshot, { type: 'tick' }, T0 + 10 ** 9).snapshot).toBe(r.snapshot);
  });
});

describe('voice', () => {
  it('stays offered until the offer time is over, then says the outcome is unknown', () => {
    const { snapshot } = run([startEvent({ media: 'call' }), createdEvent, pres('Join')]);
    expect(snapshot.state).toBe('offered');
    expect(snapshot.customerOnline).toBeUndefined();
    const over = transition(snapshot, { type: 'tick' }, OFFER_ENDS);
    // The caller may have joined unseen: never an expiry without evidence.
    expect(over.snapshot).toMatchObject({ state: 'offered', outcomeUnknown: true });
    expect(steps(over.snapshot as SessionSnapshot).at(-1)).toBe('offer-time-over');
    expect(over.commands).toEqual([{ kind: 'check' }]);
  });

  it('or until the agent ends it', () => {
    const { snapshot } = run([startEvent({ media: 'call' }), createdEvent, { type: 'end' }]);
    expect(snapshot.state).toBe('ended');
    expect(steps(snapshot).at(-1)).toBe('ended:agent');
  });
});

describe('ending', () => {
  it.each([
    ['waiting', [startEvent({ customerOnline: false })]],
    ['creating', [startEvent()]],
    ['offered', [startEvent(), createdEvent]],
    ['active', [startEvent(), createdEvent, cob('OfferingAccepted')]],
  ] as [string, MachineEvent[]][])('the agent can end from %s', (state, events) => {
    const { snapshot } = run(events);
    expect(snapshot.state).toBe(state);
    const r = transition(snapshot, { type: 'end' }, T0 + 500);
    expect(r.snapshot?.state).toBe('ended');
    expect(r.snapshot?.prompt).toBeUndefined();
    expect(r.commands).toEqual([{ kind: 'cancel-expiry' }, { kind: 'cancel-retry' }]);
    expect(transition(r.snapshot, { type: 'end' }, T0 + 501).snapshot).toBe(r.snapshot);
  });

  it('the conversation ending ends the session with that reason', () => {
    const { snapshot } = run([startEvent(), createdEvent, { type: 'conversation-ended' }]);
    expect(steps(snapshot).at(-1)).toBe('ended:conversation-ended');
  });

  it('a POST answer after the agent ended is ignored', () => {
    const { snapshot } = run([startEvent(), { type: 'end' }, createdEvent]);
    expect(snapshot.state).toBe('ended');
    expect(snapshot.joinCode).toBeUndefined();
  });
});

describe('failure and Offer again', () => {
  it('an ambiguous failure asks for a reconcile before any retry', () => {
    const error = explain({ status: 503, message: 'unavailable', contextId: 'c1' });
    const r = run([startEvent(), { type: 'failed', error }]);
    expect(r.snapshot).toMatchObject({ state: 'failed', error });
    expect(steps(r.snapshot).at(-1)).toBe('failed:http.503');
    expect(r.last.commands).toEqual([{ kind: 'cancel-expiry' }, { kind: 'reconcile' }]);
  });

  it('a start while the reconcile runs is refused: no fresh attempt, no POST', () => {
    const error = explain({ status: 503, message: 'unavailable' });
    const failed = run([startEvent(), { type: 'failed', error }]).snapshot;
    expect(failed.reconciling).toBe(true);
    const r = transition(failed, startEvent({ origin: 'command' }), T0 + 10);
    expect(r.snapshot).toBe(failed);
    expect(r.commands).toEqual([]);
  });

  it('the reconcile finding the offer brings an ambiguous failure back', () => {
    const error = explain({ code: 'timeout' });
    const failed = run([startEvent(), { type: 'failed', error }]).snapshot;
    const found = transition(failed, cob('Offering', 'late'), T0 + 50).snapshot as SessionSnapshot;
    expect(found.state).toBe('offered');
    expect(found.error).toBeUndefined();
    // An offer proves the session was created: that step comes first.
    expect(steps(found).slice(-3)).toEqual(['failed:timeout', 'created', 'offered']);
    expect(transition(found, cob('OfferingAccepted'), T0 + 60).snapshot?.state).toBe('active');
    // Straight to accepted also works (the offer was taken while we were in doubt).
    const accepted = transition(failed, cob('OfferingAccepted'), T0 + 50).snapshot;
    expect(accepted?.state).toBe('active');
  });

  it('a definite failure is not revived by events', () => {
    const error = explain({ status: 403, code: 'missing.any.permissions' });
    const failed = run([startEvent(), { type: 'failed', error }]).snapshot;
    expect(transition(failed, cob('Offering'), T0 + 50).snapshot).toBe(failed);
  });

  it('a definite failure does not reconcile', () => {
    const error = explain({ status: 403, code: 'missing.any.permissions', media: 'message' });
    const r = run([startEvent(), { type: 'failed', error }]);
    expect(r.last.commands).toEqual([{ kind: 'cancel-expiry' }]);
  });

  it('a failure after the offer exists changes nothing', () => {
    const { snapshot } = run([startEvent(), createdEvent]);
    const r = transition(snapshot, { type: 'failed', error: explain({ code: 'timeout' }) }, T0 + 9);
    expect(r).toEqual({ snapshot, commands: [] });
  });

  it('Offer again after a decline starts a clean attempt, keeping the history', () => {
    const { snapshot } = run([
      startEvent(),
      createdEvent,
      cob('Offering', 'old-offer'),
      cob('OfferingRejected', 'old-reject'),
    ]);
    const r = transition(snapshot, { type: 'offer-again' }, T0 + 100);
    expect(r.commands).toEqual([{ kind: 'post' }]);
    const s = r.snapshot as SessionSnapshot;
    expect(s.state).toBe('creating');
    expect(s.joinCode).toBeUndefined();
    expect(s.sessionId).toBeUndefined();
    expect(s.offerEndsAt).toBeUndefined();
    expect(steps(s)).toEqual([
      'requested:popup',
      'created',
      'offered',
      'declined',
      'requested:popup',
    ]);
    // The earlier attempt's events, replayed, cannot decline the new one.
    const next = run([createdEvent, cob('OfferingRejected', 'old-reject')], s, T0 + 200);
    expect(next.snapshot.state).toBe('offered');
    expect(steps(next.snapshot).slice(-2)).toEqual(['created', 'offered']);
  });

  it('Retry after a failure clears the error and marks the origin', () => {
    const { snapshot } = run([
      startEvent(),
      { type: 'failed', error: explain({ status: 409, code: 'request.conflict' }) },
    ]);
    const r = transition(snapshot, { type: 'offer-again' }, T0 + 5);
    expect(r.snapshot?.error).toBeUndefined();
    expect(r.snapshot?.origin).toBe('retry');
    expect(r.commands).toEqual([{ kind: 'post' }]);
  });

  it('Offer again is refused while a session is live or ended', () => {
    for (const events of [
      [startEvent()],
      [startEvent(), createdEvent, { type: 'end' }],
    ] as MachineEvent[][]) {
      const { snapshot } = run(events);
      expect(transition(snapshot, { type: 'offer-again' }, T0 + 9)).toEqual({
        snapshot,
        commands: [],
      });
    }
  });
});

describe('without a session', () => {
  it('ignores every event but start', () => {
    for (const e of [
      createdEvent,
      cob('Offering'),
      pres('Join'),
      { type: 'tick' },
    ] as MachineEvent[]) {
      expect(transition(undefined, e, T0)).toEqual({ snapshot: undefined, commands: [] });
    }
  });
});

describe('resume after a service worker restart', () => {
  it('reconciles a POST that was in flight (never resends it)', () => {
    const s = transition(undefined, startEvent(), T0).snapshot as SessionSnapshot;
    expect(resume(s, T0 + 10).commands).toEqual([{ kind: 'reconcile' }]);
  });

  it('re-arms the expiry, or expires what passed while asleep', () => {
    const { snapshot } = run([startEvent(), createdEvent]);
    expect(resume(snapshot, T0 + 10).commands).toEqual([
      { kind: 'schedule-expiry', at: OFFER_ENDS },
    ]);
    expect(resume(snapshot, OFFER_ENDS + 1).snapshot?.state).toBe('expired');
    const active = run([cob('OfferingAccepted')], snapshot).snapshot;
    expect(resume(active, OFFER_ENDS + 1)).toEqual({ snapshot: active, commands: [] });
  });
});

describe('invariants over random event sequences', () => {
  // A small deterministic PRNG so a failure is reproducible.
  function prng(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s / 0x7fffffff;
    };
  }
  const pool: MachineEvent[] = [
    startEvent(),
    startEvent({ customerOnline: false }),
    startEvent({ customerOnline: false, whenOffline: 'send-when-back' }),
    { type: 'send-anyway' },
    { type: 'send-when-back' },
    createdEvent,
    { type: 'failed', error: explain({ status: 500 }) },
    cob('Offering', 'o1'),
    cob('OfferingAccepted', 'a1'),
    cob('OfferingRejected'),
    cob('OfferingExpired'),
    pres('Join'),
    pres('Disconnect'),
    { type: 'tick' },
    { type: 'end' },
    { type: 'conversation-ended' },
    { type: 'offer-again' },
    { type: 'failed', error: explain({ status: 429, retryAfterSeconds: 1 }) },
    { type: 'retry-due' },
  ];

  it('never more than one POST per attempt; final states move only by start/offer-again', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = prng(seed);
      let snap: SessionSnapshot | undefined;
      let postsInAttempt = 0;
      const trace: string[] = [];
      for (let i = 0; i < 40; i++) {
        const e = pool[Math.floor(rnd() * pool.length)] as MachineEvent;
        const now = T0 + i * 10_000;
        const before = snap;
        const r = transition(snap, e, now);
        snap = r.snapshot;
        trace.push(
          `${e.type}${'subType' in e ? `:${e.subType}` : ''} → ${snap?.state} ${r.commands.map((c) => c.kind)}`,
        );
        // A new attempt: a new session (first step changed) or one more 'requested' step.
        const requested = (x?: SessionSnapshot) =>
          x?.timeline.filter((t) => t.step === 'requested').length ?? 0;
        if (snap?.timeline[0] !== before?.timeline[0] || requested(snap) !== requested(before)) {
          postsInAttempt = 0;
        }
        postsInAttempt += posts(r.commands);
        // A 429 means Genesys refused that POST: it cannot have made an offer.
        if (r.commands.some((c) => c.kind === 'schedule-retry')) postsInAttempt -= 1;
        expect(postsInAttempt, `seed ${seed}:\n${trace.join('\n')}`).toBeLessThanOrEqual(1);
        const revivable = before?.state === 'failed' && e.type === 'cobrowse';
        if (
          before &&
          isFinal(before.state) &&
          !revivable &&
          e.type !== 'start' &&
          e.type !== 'offer-again'
        ) {
          expect(snap?.state).toBe(before.state);
          expect(snap?.timeline).toEqual(before.timeline);
        }
        if (snap) {
          const attempt = snap.timeline.slice(
            snap.timeline.findLastIndex((x) => x.step === 'requested'),
          );
          const once = attempt.filter((x) => !x.step.startsWith('customer-')).map((x) => x.step);
          expect(new Set(once).size, `seed ${seed}: ${once}`).toBe(once.length);
        }
      }
    }
  });
});

describe('429: wait as told, bounded', () => {
  const limited = (seconds?: number) =>
    ({
      type: 'failed',
      error: explain({
        status: 429,
        code: 'too.many.requests',
        ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
      }),
    }) as const;

  it('stays creating with a countdown, then posts again when the wait is over', () => {
    const s0 = transition(undefined, startEvent(), T0).snapshot;
    const r = transition(s0, limited(12), T0 + 1);
    expect(r.snapshot).toMatchObject({ state: 'creating', retryAt: T0 + 1 + 12_000, retries: 1 });
    expect(r.snapshot?.error?.code).toBe('too.many.requests');
    expect(r.commands).toEqual([{ kind: 'schedule-retry', at: T0 + 1 + 12_000 }]);
    // An early timer does nothing; the due one sends exactly one POST and clears the error.
    expect(transition(r.snapshot, { type: 'retry-due' }, T0 + 5_000).snapshot).toBe(r.snapshot);
    const due = transition(r.snapshot, { type: 'retry-due' }, T0 + 13_001);
    expect(due.commands).toEqual([{ kind: 'post' }]);
    expect(due.snapshot?.error).toBeUndefined();
    expect(due.snapshot?.retryAt).toBeUndefined();
    expect(transition(due.snapshot, { type: 'retry-due' }, T0 + 13_002).commands).toEqual([]);
    const ok = transition(due.snapshot, createdEvent, T0 + 14_000).snapshot as SessionSnapshot;
    expect(ok.state).toBe('offered');
    expect(ok.error).toBeUndefined();
  });

  it('gives up after the bounded number of retries', () => {
    let s = transition(undefined, startEvent(), T0).snapshot;
    for (let i = 0; i < MAX_RATE_LIMIT_RETRIES; i++) {
      s = transition(s, limited(1), T0 + i * 10_000).snapshot;
      expect(s?.state).toBe('creating');
      s = transition(s, { type: 'retry-due' }, T0 + i * 10_000 + 5_000).snapshot;
    }
    const last = transition(s, limited(1), T0 + 99_000);
    expect(last.snapshot?.state).toBe('failed');
    expect(last.commands).toEqual([{ kind: 'cancel-expiry' }]);
    expect(steps(last.snapshot as SessionSnapshot).at(-1)).toBe('failed:too.many.requests');
  });

  it('uses a default wait without Retry-After, and Offer again resets the budget', () => {
    const s = run([startEvent(), limited()]).snapshot;
    expect(s.retryAt).toBe(T0 + 1 + DEFAULT_RETRY_AFTER_S * 1000);
    const end = transition(s, { type: 'end' }, T0 + 2);
    const ended = end.snapshot as SessionSnapshot;
    expect(ended.retryAt).toBeUndefined();
    // The pending wait's timer is cancelled with the session.
    expect(end.commands).toContainEqual({ kind: 'cancel-retry' });
    expect(transition(ended, { type: 'retry-due' }, T0 + 10 ** 6).commands).toEqual([]);
  });

  it('re-arms the wait after a worker restart instead of reconciling', () => {
    const s = run([startEvent(), limited(5)]).snapshot;
    expect(resume(s, T0 + 10).commands).toEqual([{ kind: 'schedule-retry', at: T0 + 1 + 5_000 }]);
  });
});
