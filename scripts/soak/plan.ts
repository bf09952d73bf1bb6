// The scripted shift, as data: what the agent and the customer do, start after start, drawn from
// a seed so a failing run can be repeated. Pure: the driver (scripts/soak.ts) carries it out
// until the time is up; the plan holds more than the fastest run can use.
import { seededRandom } from '../../tools/sandbox/chaos';

export const TRIGGERS = ['shortcut', 'menu', 'popup'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * What the customer (or the agent) does once the offer is out. The customer closing an accepted
 * web-messaging cobrowse on their side is not in the list: Genesys sends the agent no event for
 * it (no CoBrowse subtype, no conversation change), so no view could follow it.
 */
export const OUTCOMES = [
  'accept-agent-end',
  'accept-conversation-end',
  'decline',
  'offline-online',
  'conversation-end',
  'expire',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Shift events between starts. */
export type ShiftEvent =
  | 'expire-token'
  | 'force-sign-in'
  | 'switch-account'
  | 'drop-sockets'
  | 'stop-worker';

export interface StartStep {
  kind: 'start';
  /** 1-based number of the start in the plan. */
  n: number;
  trigger: Trigger;
  /** Which of the agent's tabs (across the windows) the start is made on. */
  tab: number;
  outcome: Outcome;
  /** Chrome stops the idle worker right before this start. */
  stopWorker: boolean;
}

export interface EventStep {
  kind: 'event';
  event: ShiftEvent;
}

export type Step = StartStep | EventStep;

export interface PlanOptions {
  minutes: number;
  seed: number;
  tabs: number;
}

/**
 * Starts per minute of shift (≥ 300 in 10 minutes). A run makes every start of its plan, however
 * long the machine takes: the plan, not the clock, ends it, and the wall time is reported.
 */
export const STARTS_PER_MINUTE = 30;

// Weights: mostly accepted sessions, some declined, a few conversations ending or offers
// running out (slow: the offer lifetime), as a day of cobrowsing goes.
const OUTCOME_WEIGHTS: Record<Outcome, number> = {
  'accept-agent-end': 40,
  'accept-conversation-end': 20,
  decline: 20,
  'offline-online': 10,
  'conversation-end': 8,
  expire: 2,
};

function weighted<T extends string>(weights: Record<T, number>, x: number): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = x * total;
  for (const [key, w] of entries) {
    left -= w;
    if (left < 0) return key;
  }
  return (entries.at(-1) as [T, number])[0];
}

/**
 * The shift: starts with their trigger, tab, outcome and worker stops; a token expiry now and
 * then, a forced sign-in at a third of the plan, an account switch at the half (the second
 * account works until two thirds, then the first one again), dropped sockets at random.
 */
export function shiftPlan(options: PlanOptions): Step[] {
  if (!(options.minutes > 0)) throw new Error('minutes must be > 0');
  if (!(Number.isInteger(options.tabs) && options.tabs >= 2)) throw new Error('tabs must be ≥ 2');
  const random = seededRandom(options.seed);
  const starts = requiredStarts(options.minutes);
  const reach = Math.max(12, starts);
  const at = new Map<number, ShiftEvent[]>();
  const put = (n: number, e: ShiftEvent) => at.set(n, [...(at.get(n) ?? []), e]);
  put(Math.round(reach / 3), 'force-sign-in');
  put(Math.round(reach / 2), 'switch-account');
  put(Math.round((reach * 2) / 3), 'switch-account');
  for (let n = 10; n <= starts; n += 25) put(n, 'expire-token');
  const steps: Step[] = [];
  for (let n = 1; n <= starts; n++) {
    for (const event of at.get(n) ?? []) steps.push({ kind: 'event', event });
    if (random() < 0.03) steps.push({ kind: 'event', event: 'drop-sockets' });
    // Every trigger in turn keeps the mix even on short runs; the tab is random.
    const trigger = TRIGGERS[(n - 1) % TRIGGERS.length] as Trigger;
    const tab = Math.floor(random() * options.tabs);
    const outcome = weighted(OUTCOME_WEIGHTS, random());
    steps.push({ kind: 'start', n, trigger, tab, outcome, stopWorker: random() < 0.25 });
  }
  return steps;
}

/** How many starts a shift of this length makes (≥ 300 in 10 minutes). */
export function requiredStarts(minutes: number): number {
  return Math.ceil(minutes * STARTS_PER_MINUTE);
}
