// The session machine's voice steps. For voice the caller types the join code on the website;
// Genesys sends the agent no CoBrowse event, so the end of the offer time proves nothing: the
// caller may have joined, or not. What may tell (each unverified, each a sandbox assumption):
// the conversation listing the session in a participant's `cobrowsesessions[]` (connected /
// disconnected), and the guest route answering 404 once the session is gone. Without such
// evidence the session is "outcome unknown": never called expired, End and Open viewer kept, and
// a new start replaces it.
import type { SessionSnapshot } from '../../shared/session';
import { ENDED_GONE } from '../../shared/session-status';
import type { VoiceObserved } from './events';
import { addStep, change, finish, none, type Transition } from './machine-steps';

const watching = (s: SessionSnapshot) =>
  s.media === 'call' && (s.state === 'offered' || s.state === 'active');

/** The offer time is over and nothing says whether the caller joined: say so, and look. */
export function offerTimeOver(s: SessionSnapshot, now: number): Transition {
  if (s.outcomeUnknown || s.state !== 'offered') return none(s);
  const timeline = addStep(s.timeline, 'offer-time-over', now);
  return {
    snapshot: change(s, { outcomeUnknown: true, timeline }, now),
    commands: [{ kind: 'check' }],
  };
}

/** The runner's check interval came round: look again while the session may still be on. */
export function checkDue(s: SessionSnapshot): Transition {
  if (!watching(s)) return none(s);
  return { snapshot: s, commands: [{ kind: 'check' }, { kind: 'schedule-check' }] };
}

/** The conversation lists this session: connected = the caller joined; disconnected = over. */
export function voiceObserved(s: SessionSnapshot, e: VoiceObserved, now: number): Transition {
  if (!watching(s) || !s.sessionId || e.sessionId !== s.sessionId) return none(s);
  if (e.subType === 'connected' && s.state === 'offered') {
    const timeline = addStep(s.timeline, 'joined', now);
    return {
      snapshot: change(s, { state: 'active', timeline, outcomeUnknown: undefined }, now),
      commands: [{ kind: 'cancel-expiry' }],
    };
  }
  if (e.subType === 'disconnected') return finish(s, 'ended', undefined, now);
  return none(s);
}

/** The guest route answered 404: the session is over at Genesys (joined or not, unknown). */
export function sessionGone(s: SessionSnapshot, now: number): Transition {
  if (!watching(s)) return none(s);
  return finish(s, 'ended', ENDED_GONE, now);
}

/** After a worker restart: re-arm the offer's end and the checks of a voice session. */
export function resumeVoice(s: SessionSnapshot, now: number): Transition {
  if (s.state === 'offered' && s.offerEndsAt !== undefined && !s.outcomeUnknown) {
    if (now >= s.offerEndsAt) {
      const over = offerTimeOver(s, now);
      return { ...over, commands: [...over.commands, { kind: 'schedule-check' }] };
    }
    return {
      snapshot: s,
      commands: [{ kind: 'schedule-expiry', at: s.offerEndsAt }, { kind: 'schedule-check' }],
    };
  }
  return { snapshot: s, commands: [{ kind: 'check' }, { kind: 'schedule-check' }] };
}
