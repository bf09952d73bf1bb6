// The session machine's building blocks, shared by its messaging and voice steps: the commands
// a step returns, and the pure helpers that patch a snapshot and its timeline.
import type { SessionSnapshot, StepKind, TimelineStep } from '../../shared/session';
import { ENDED_HERE_ONLY } from '../../shared/session-status';

export type Command =
  /** Send POST /api/v2/conversations/{snapshot.conversationId}/cobrowse (or the gateway). */
  | { kind: 'post' }
  /** Feed a `tick` at this time (epoch ms). */
  | { kind: 'schedule-expiry'; at: number }
  | { kind: 'cancel-expiry' }
  /** Feed a `retry-due` at this time (epoch ms): a 429's Retry-After. */
  | { kind: 'schedule-retry'; at: number }
  | { kind: 'cancel-retry' }
  /** The POST may have reached Genesys: read the conversation before any retry. */
  | { kind: 'reconcile' }
  /** Voice: look at what Genesys lets the agent observe of the session now. */
  | { kind: 'check' }
  /** Voice: feed a `check-due` after the runner's check interval. */
  | { kind: 'schedule-check' };

export interface Transition {
  snapshot: SessionSnapshot | undefined;
  commands: Command[];
}

const MAX_TIMELINE = 100;

export const none = (snapshot: SessionSnapshot | undefined): Transition => ({
  snapshot,
  commands: [],
});

/** A new snapshot with the patch applied; `undefined` values remove the field. */
export function change(
  s: SessionSnapshot,
  patch: Partial<SessionSnapshot>,
  now: number,
): SessionSnapshot {
  const next = { ...s, ...patch, updatedAt: now } as SessionSnapshot;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
  }
  return next;
}

/**
 * Append a step unless this attempt (since the last `requested`) already has it. Presence
 * steps (`repeat`) may recur, but never twice in a row.
 */
export function addStep(
  timeline: TimelineStep[],
  step: StepKind,
  at: number,
  detail?: string,
  repeat = false,
): TimelineStep[] {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const t = timeline[i] as TimelineStep;
    if (t.step === step && (!repeat || i === timeline.length - 1)) return timeline;
    if (t.step === 'requested' || repeat) break;
  }
  const entry: TimelineStep = detail === undefined ? { at, step } : { at, step, detail };
  return trim([...timeline, entry]);
}

export function trim(timeline: TimelineStep[]): TimelineStep[] {
  return timeline.length > MAX_TIMELINE ? timeline.slice(-MAX_TIMELINE) : timeline;
}

/** Into a final state, with its step; the session's timers go with it. */
export function finish(
  s: SessionSnapshot,
  state: 'ended' | 'declined' | 'expired',
  detail: string | undefined,
  now: number,
): Transition {
  const step: StepKind = state;
  const timeline = addStep(s.timeline, step, now, detail);
  return {
    snapshot: change(
      s,
      { state, timeline, prompt: undefined, retryAt: undefined, outcomeUnknown: undefined },
      now,
    ),
    // A 429 wait may be pending too: its timer goes with the session.
    commands: [{ kind: 'cancel-expiry' }, { kind: 'cancel-retry' }],
  };
}

/**
 * The agent's End reached only this browser (Genesys could not be told): the end step says so.
 * Anything else (not ended by the agent, or already marked) stays as it is.
 */
export function endedHereOnly(s: SessionSnapshot, now: number): Transition {
  const i = s.timeline.findLastIndex((x) => x.step === 'ended');
  const step = s.timeline[i];
  if (s.state !== 'ended' || step?.detail !== 'agent') return none(s);
  const timeline = s.timeline.with(i, { ...step, detail: ENDED_HERE_ONLY });
  return none(change(s, { timeline }, now));
}
