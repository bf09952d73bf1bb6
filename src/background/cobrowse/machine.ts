// The cobrowse session state machine as a pure reducer. The glue feeds it events (agent
// intents, the POST outcome, push/REST events, clock ticks) and executes the commands it
// returns; it never calls fetch or browser.* itself.
//
//   waiting ─Join / send-anyway─▶ creating ─200─▶ offered ─Accepted─▶ active ─End─▶ ended
//                                    │               ├─Rejected─▶ declined
//                                    └─error─▶ failed└─Expired / offerEndsAt passed─▶ expired
//
// Rules: events for a final state, and replays (same event key), never move the state; a
// timeline step is recorded once per attempt; a start while a session is not final returns
// that session and sends nothing (single flight).
import type { Models } from 'purecloud-platform-client-v2';
import { mayHaveReachedGenesys } from '../../shared/errors';
import type { WhenCustomerOffline } from '../../shared/protocol';
import {
  type AutoCopyOutcome,
  isFinal,
  type Media,
  type Origin,
  type Profile,
  type SessionError,
  type SessionSnapshot,
} from '../../shared/session';
import { type ObservedEvent, presenceOnline } from './events';
import {
  addStep,
  type Command,
  change,
  endedHereOnly,
  finish,
  none,
  type Transition,
  trim,
} from './machine-steps';
import { checkDue, offerTimeOver, resumeVoice, sessionGone, voiceObserved } from './machine-voice';

export type { Command, Transition };

export type MachineEvent =
  | {
      type: 'start';
      conversationId: string;
      media: Media;
      profile: Profile;
      origin: Origin;
      customerName?: string;
      /** Last known Messenger presence (ConversationSummary.customerOnline). */
      customerOnline?: boolean;
      /** What to do when the customer's Messenger is offline (the setting). */
      whenOffline: WhenCustomerOffline;
    }
  /** The agent's answers to the offline prompt. */
  | { type: 'send-anyway' }
  | { type: 'send-when-back' }
  /** POST …/cobrowse answered 200 with this body. */
  | { type: 'created'; session: Models.CobrowseWebMessagingSession }
  /** POST …/cobrowse failed (already explained). */
  | { type: 'failed'; error: SessionError }
  /** CoBrowse / Presence message events, from push or REST (see events.ts). */
  | ObservedEvent
  /** The clock: expires an offer once offerEndsAt has passed. */
  | { type: 'tick' }
  /** The clock: the Retry-After wait of a 429 is over. */
  | { type: 'retry-due' }
  /** Voice: the runner's check interval came round. */
  | { type: 'check-due' }
  /** Voice: the guest route answered 404 for this session. */
  | { type: 'session-gone' }
  /** The reconcile after an ambiguous failure has run (whatever it found). */
  | { type: 'reconciled' }
  /** The agent ends (or cancels) the session. */
  | { type: 'end' }
  /** After End: Genesys could not be told (no guest route, or its DELETE failed). */
  | { type: 'ended-here-only' }
  | { type: 'conversation-ended' }
  /** After decline, expiry or failure: one click starts a new attempt. */
  | { type: 'offer-again'; origin?: Origin }
  /** The background copied the join code as it arrived (the autoCopy setting). */
  | { type: 'auto-copied'; outcome: AutoCopyOutcome };

/** A server expiry this long before our own offerEndsAt belongs to an earlier offer. */
export const STALE_EXPIRY_MS = 15_000;
/** 429s are retried this many times per attempt, each after its Retry-After. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** When a 429 carries no Retry-After. */
export const DEFAULT_RETRY_AFTER_S = 30;
/** How many seen event keys a session keeps (the newest). */
export const MAX_SEEN = 200;

export function transition(
  current: SessionSnapshot | undefined,
  event: MachineEvent,
  now: number,
): Transition {
  if (event.type === 'start') return start(current, event, now);
  if (!current) return none(current);
  if (event.type === 'cobrowse' || event.type === 'presence' || event.type === 'voice') {
    return observed(current, event, now);
  }
  if (event.type === 'offer-again') return offerAgain(current, event.origin, now);
  if (event.type === 'reconciled') {
    return none(current.reconciling ? change(current, { reconciling: undefined }, now) : current);
  }
  // Kept only for the code the session still shows (an Offer again may have replaced it).
  if (event.type === 'auto-copied' && current.joinCode === event.outcome.joinCode)
    return none(change(current, { autoCopy: event.outcome }, now));
  if (event.type === 'ended-here-only') return endedHereOnly(current, now);
  if (isFinal(current.state) || event.type === 'auto-copied') return none(current);

  switch (event.type) {
    case 'send-anyway':
      if (current.state !== 'waiting') return none(current);
      return send(current, now);
    case 'send-when-back': {
      if (current.state !== 'waiting' || !current.prompt) return none(current);
      const timeline = addStep(current.timeline, 'waiting-customer', now);
      return none(change(current, { prompt: undefined, timeline }, now));
    }
    case 'created':
      return created(current, event.session, now);
    case 'failed':
      return failed(current, event.error, now);
    case 'retry-due':
      if (current.state !== 'creating' || current.retryAt === undefined) return none(current);
      if (now < current.retryAt) return none(current);
      return send(current, now);
    case 'tick':
      if (current.state !== 'offered' || current.offerEndsAt === undefined) return none(current);
      if (now < current.offerEndsAt) return none(current);
      // Voice: the caller may have joined unseen; the end of the offer time proves no expiry.
      return current.media === 'call' ? offerTimeOver(current, now) : expire(current, now);
    case 'check-due':
      return checkDue(current);
    case 'session-gone':
      return sessionGone(current, now);
    case 'end':
      return finish(current, 'ended', 'agent', now);
    case 'conversation-ended':
      return finish(current, 'ended', 'conversation-ended', now);
  }
}

/**
 * After a service worker restart: the commands that bring the stored snapshot back to life
 * (re-arm the expiry, reconcile a POST that was in flight), and an expiry that passed
 * while the worker was asleep.
 */
export function resume(snapshot: SessionSnapshot, now: number): Transition {
  // The reconcile of an ambiguous failure was cut short: run it again before any retry.
  if (snapshot.state === 'failed' && snapshot.reconciling) {
    return { snapshot, commands: [{ kind: 'reconcile' }] };
  }
  if (snapshot.state === 'creating') {
    // A 429 wait was not a POST in flight: just re-arm it.
    if (snapshot.retryAt !== undefined) {
      return { snapshot, commands: [{ kind: 'schedule-retry', at: snapshot.retryAt }] };
    }
    return { snapshot, commands: [{ kind: 'reconcile' }] };
  }
  if (snapshot.media === 'call' && (snapshot.state === 'offered' || snapshot.state === 'active')) {
    return resumeVoice(snapshot, now);
  }
  if (snapshot.state === 'offered' && snapshot.offerEndsAt !== undefined) {
    if (now >= snapshot.offerEndsAt) return expire(snapshot, now);
    return { snapshot, commands: [{ kind: 'schedule-expiry', at: snapshot.offerEndsAt }] };
  }
  return none(snapshot);
}

function start(
  current: SessionSnapshot | undefined,
  e: Extract<MachineEvent, { type: 'start' }>,
  now: number,
): Transition {
  // Single flight: any number of triggers for one conversation → one session, one POST. A voice
  // session whose outcome is unknown may be over: a new start replaces it (the service ends it
  // at Genesys first).
  if (
    current &&
    current.conversationId === e.conversationId &&
    !isFinal(current.state) &&
    !current.outcomeUnknown
  ) {
    return none(current);
  }
  // A failed POST that may have reached Genesys is being checked: a new POST now could double
  // the offer. Retry is the one way on (offer-again, after the reconcile).
  if (current?.reconciling) return none(current);
  const online = e.media === 'message' ? e.customerOnline : undefined;
  const fresh: SessionSnapshot = {
    conversationId: e.conversationId,
    media: e.media,
    profile: e.profile,
    origin: e.origin,
    state: 'creating',
    timeline: [{ at: now, step: 'requested', detail: e.origin }],
    updatedAt: now,
  };
  if (e.customerName !== undefined) fresh.customerName = e.customerName;
  if (online !== undefined) fresh.customerOnline = online;
  if (online === false) fresh.timeline.push({ at: now, step: 'customer-offline' });
  // The race: an offer sent now may never reach the Messenger. Offline, or not known to be
  // online (no Presence event seen), the agent decides; "wait" is recorded once chosen.
  if (e.media === 'message' && online !== true && e.whenOffline !== 'send-anyway') {
    fresh.state = 'waiting';
    // Waiting on a Join for a Messenger that may be open already could wait forever: ask.
    if (e.whenOffline === 'ask' || online === undefined) fresh.prompt = 'customer-offline';
    else fresh.timeline.push({ at: now, step: 'waiting-customer' });
    return none(fresh);
  }
  return { snapshot: fresh, commands: [{ kind: 'post' }] };
}

function send(s: SessionSnapshot, now: number): Transition {
  return {
    snapshot: change(
      s,
      { state: 'creating', prompt: undefined, retryAt: undefined, error: undefined },
      now,
    ),
    commands: [{ kind: 'post' }],
  };
}

function created(
  s: SessionSnapshot,
  body: Models.CobrowseWebMessagingSession,
  now: number,
): Transition {
  // The POST answer is only meaningful while this attempt is live; an Offering or an
  // Accepted event may have overtaken it.
  if (s.state !== 'creating' && s.state !== 'offered' && s.state !== 'active') return none(s);
  const patch: Partial<SessionSnapshot> = { error: undefined, retryAt: undefined };
  if (typeof body.joinCode === 'string' && body.joinCode) patch.joinCode = body.joinCode;
  if (typeof body.id === 'string' && body.id) patch.sessionId = body.id;
  const ends = typeof body.dateOfferEnds === 'string' ? Date.parse(body.dateOfferEnds) : Number.NaN;
  if (Number.isFinite(ends)) patch.offerEndsAt = ends;
  if (s.state === 'creating') patch.state = 'offered';
  let timeline = addStep(s.timeline, 'created', now);
  timeline = addStep(timeline, 'offered', now);
  const next = change(s, { ...patch, timeline }, now);
  const commands: Command[] = [];
  // Voice: no event will tell; the runner looks every so often.
  if (next.media === 'call' && s.state === 'creating') commands.push({ kind: 'schedule-check' });
  if (next.state === 'offered' && next.offerEndsAt !== undefined) {
    if (now >= next.offerEndsAt) {
      if (next.media !== 'call') return expire(next, now);
      const over = offerTimeOver(next, now);
      return { ...over, commands: [...commands, ...over.commands] };
    }
    commands.push({ kind: 'schedule-expiry', at: next.offerEndsAt });
  }
  return { snapshot: next, commands };
}

function failed(s: SessionSnapshot, error: SessionError, now: number): Transition {
  // Only the POST in flight can fail; a late failure after an offer exists is moot.
  if (s.state !== 'creating') return none(s);
  // 429: Genesys did not take the request, so a retry cannot double the offer. Wait as told.
  const retries = s.retries ?? 0;
  if (error.status === 429 && retries < MAX_RATE_LIMIT_RETRIES) {
    const at = now + 1000 * (error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S);
    return {
      snapshot: change(s, { error, retryAt: at, retries: retries + 1 }, now),
      commands: [{ kind: 'schedule-retry', at }],
    };
  }
  const timeline = addStep(s.timeline, 'failed', now, error.code);
  // Never a blind retry: an ambiguous failure is reconciled first (did an offer go out?), and
  // Retry stays unavailable until that has run.
  const ambiguous = mayHaveReachedGenesys(error);
  const next = change(
    s,
    {
      state: 'failed',
      error,
      timeline,
      retryAt: undefined,
      reconciling: ambiguous ? true : undefined,
    },
    now,
  );
  const commands: Command[] = [{ kind: 'cancel-expiry' }];
  if (ambiguous) commands.push({ kind: 'reconcile' });
  return { snapshot: next, commands };
}

function observed(s: SessionSnapshot, e: ObservedEvent, now: number): Transition {
  if (e.key && s.seenEvents?.includes(e.key)) return none(s);
  // Remember the key even when the event changes nothing, so a replay after Offer again
  // cannot apply an old attempt's event to the new one.
  const seenEvents = e.key ? [...(s.seenEvents ?? []), e.key].slice(-MAX_SEEN) : s.seenEvents;
  const base = seenEvents === s.seenEvents ? s : { ...s, seenEvents };
  if (e.type === 'voice') return voiceObserved(base, e, now);
  return e.type === 'presence' ? presence(base, e.subType, now) : cobrowse(base, e, now);
}

function presence(
  s: SessionSnapshot,
  subType: Extract<ObservedEvent, { type: 'presence' }>['subType'],
  now: number,
): Transition {
  if (s.media !== 'message') return none(s);
  const online = presenceOnline(subType);
  if (isFinal(s.state)) {
    // No step on a closed session, but keep presence fresh for "Offer again".
    return none(s.customerOnline === online ? s : { ...s, customerOnline: online });
  }
  let next = s;
  if (s.customerOnline !== online) {
    const timeline = addStep(
      s.timeline,
      online ? 'customer-online' : 'customer-offline',
      now,
      undefined,
      true,
    );
    next = change(s, { customerOnline: online, timeline }, now);
  }
  // The customer is back: the waiting offer goes out now.
  if (online && next.state === 'waiting') return send(next, now);
  return none(next);
}

function cobrowse(
  s: SessionSnapshot,
  e: Extract<ObservedEvent, { type: 'cobrowse' }>,
  now: number,
): Transition {
  // A POST that failed ambiguously (5xx, timeout, network) may have made an offer after all:
  // the reconcile's (or the socket's) CoBrowse events bring that failed attempt back.
  const ambiguous = s.state === 'failed' && !!s.error && mayHaveReachedGenesys(s.error);
  const live = s.state === 'creating' || s.state === 'offered' || ambiguous;
  if (!live) return none(s);
  if (ambiguous) s = change(s, { error: undefined, reconciling: undefined }, now);
  switch (e.subType) {
    case 'Offering': {
      // The offer exists, whatever happens to the POST answer (it fills the codes later); an
      // offer proves the session was created, so that step comes first.
      const timeline = addStep(addStep(s.timeline, 'created', now), 'offered', now);
      if (s.state === 'offered' && timeline === s.timeline) return none(s);
      return none(
        change(s, { state: 'offered', timeline, retryAt: undefined, error: undefined }, now),
      );
    }
    case 'OfferingAccepted': {
      const timeline = addStep(s.timeline, 'accepted', now);
      return {
        snapshot: change(s, { state: 'active', timeline }, now),
        commands: [{ kind: 'cancel-expiry' }],
      };
    }
    case 'OfferingRejected':
      return finish(s, 'declined', undefined, now);
    case 'OfferingExpired':
      if (s.offerEndsAt !== undefined && now < s.offerEndsAt - STALE_EXPIRY_MS) return none(s);
      return expire(s, now);
  }
}

function expire(s: SessionSnapshot, now: number): Transition {
  // Say so when the customer was away: the overlay explains it and offers one-click retry.
  return finish(s, 'expired', s.customerOnline === false ? 'customer-offline' : undefined, now);
}

function offerAgain(s: SessionSnapshot, origin: Origin | undefined, now: number): Transition {
  if (s.state !== 'declined' && s.state !== 'expired' && s.state !== 'failed') return none(s);
  // Until the reconcile says whether the failed POST made an offer, a retry could double it.
  if (s.reconciling) return none(s);
  const o = origin ?? (s.state === 'failed' ? 'retry' : s.origin);
  const timeline = trim([...s.timeline, { at: now, step: 'requested', detail: o }]);
  const next: SessionSnapshot = {
    ...s,
    origin: o,
    state: 'creating',
    timeline,
    updatedAt: now,
  };
  delete next.joinCode;
  delete next.sessionId;
  delete next.offerEndsAt;
  delete next.error;
  delete next.prompt;
  delete next.retryAt;
  delete next.retries;
  delete next.conflictWith;
  if (s.media === 'message' && s.customerOnline === false) {
    // One click: the agent already saw that the customer is away, so wait for them.
    next.state = 'waiting';
    next.timeline = trim([...timeline, { at: now, step: 'waiting-customer' }]);
    return none(next);
  }
  return { snapshot: next, commands: [{ kind: 'post' }] };
}
