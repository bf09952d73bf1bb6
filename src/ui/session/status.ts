// Pure decisions the overlay makes from a snapshot: which actions, whether the countdown runs.
// Kept apart from the components so they are tested without a DOM. The status line is in
// shared/session-status.ts, because the background's badge says it too.
import type { SessionError, SessionSnapshot, SessionState, StepKind } from '../../shared/session';

export type SessionAction =
  | 'end'
  | 'offerAgain'
  | 'openViewer'
  | 'retry'
  | 'sendWhenBack'
  | 'sendAnyway';

const ACTIONS: Record<SessionState, SessionAction[]> = {
  // Armed to send on the customer's return; the agent may still send now.
  waiting: ['sendAnyway', 'end'],
  creating: ['end'],
  offered: ['end'],
  // Opening the viewer before the customer accepted may create a session of its own
  // (unverified at Genesys), so it is offered only here.
  active: ['openViewer', 'end'],
  ended: [],
  declined: ['offerAgain'],
  expired: ['offerAgain'],
  failed: ['retry'],
};

/** The actions for a snapshot, the primary one first. */
export function actionsFor(
  s: Pick<SessionSnapshot, 'state' | 'prompt'> & Partial<Pick<SessionSnapshot, 'outcomeUnknown'>>,
): SessionAction[] {
  // The race question, asked inside the waiting session (settings say 'ask').
  if (s.state === 'waiting' && s.prompt === 'customer-offline') {
    return ['sendWhenBack', 'sendAnyway', 'end'];
  }
  // Voice after the offer time, outcome unknown: the caller may be in the session.
  if (s.state === 'offered' && s.outcomeUnknown) return ['openViewer', 'end'];
  return ACTIONS[s.state];
}

/**
 * The one primary (main) button among the actions: the first, unless that is "Send anyway" (the
 * choice the waiting states warn against) or End (it stops what the agent set out to do): the
 * main button is always the safe one.
 */
export function primaryAction(actions: readonly SessionAction[]): SessionAction | undefined {
  const first = actions[0];
  return first === 'sendAnyway' || first === 'end' ? undefined : first;
}

/** One word per state, for the minimised pill. */
export const STATE_WORD: Record<SessionState, string> = {
  waiting: 'ov_state_waiting',
  creating: 'ov_state_creating',
  offered: 'ov_state_offered',
  active: 'ov_state_active',
  ended: 'ov_step_ended',
  declined: 'ov_state_declined',
  expired: 'ov_state_expired',
  failed: 'ov_step_failed',
};

/** A timeline step's i18n key: "customer-offline" → ov_step_customer_offline. */
export const stepKey = (step: StepKind): string => `ov_step_${step.replaceAll('-', '_')}`;

/** The countdown to offerEndsAt runs only while an offer is out and not yet past. */
export const isCounting = (s: SessionSnapshot, now: number): boolean =>
  s.state === 'offered' && s.offerEndsAt !== undefined && s.offerEndsAt > now;

/** "4:05", or "1:02:03" past an hour; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Whole seconds left before a retry is allowed, 0 when it is. */
export function retryWait(error: SessionError, since: number, now: number): number {
  if (!error.retryAfterSeconds) return 0;
  return Math.max(0, Math.ceil((since + error.retryAfterSeconds * 1000 - now) / 1000));
}
