// The soak's judgement: raw observations in, each figure with its bound and verdict out. Pure, so
// every bound is tested on its own (test/unit/scripts/soak-checks.test.ts).
import { requiredStarts } from './plan';

/** One start as the driver saw it settle. */
export interface StartRecord {
  n: number;
  trigger: string;
  outcome: string;
  conversationId: string;
  /** ms since the run began, at the trigger */
  at: number;
  /** trigger → join code shown in the panel; undefined when no code came */
  latencyMs?: number;
  workerStopped: boolean;
  /** The extension's final state for the conversation (storage.session), 'none' if absent. */
  extensionState: string;
  /** The sandbox's final state of the latest session made in this start, 'none' if none. */
  sandboxState: string;
  /** Whether the extension's session id is the sandbox's one (or both have none). */
  sameSession: boolean;
  createPosts: number;
  /**
   * Create POSTs refused before anything was made: 401 (the token had expired; the extension
   * renews it and sends again) or 429 (the server asked for a later retry).
   */
  createPostsRefused: number;
  /** The create POSTs' statuses in order (0: no answer). */
  createStatuses?: number[];
  sessionsCreated: number;
  /** Retries the agent asked for (Retry clicked in the panel). */
  agentRetries: number;
  /** Phases: the customer's or agent's outcome, the wait for both sides final, the whole start. */
  outcomeMs?: number;
  settleMs?: number;
  durationMs?: number;
  /** Triggers made again because nothing at all happened within 5 s (input lost on the way). */
  repeats: number;
  /** The extension's error code when it ended failed (e.g. a chaos 503). */
  error?: string;
  /** Why it did not settle, if it did not. */
  problem?: string;
}

export interface Observations {
  minutes: number;
  /** Real seconds the shift ran. */
  seconds: number;
  starts: StartRecord[];
  /** Max notification channels alive for any one agent, at any sample. */
  maxChannelsPerAgent: number;
  /** Channels the extension created (create POSTs answered 200). */
  channelsCreated: number;
  /** Longest time (ms) a socket stayed open on the server without a live channel. */
  orphanSocketMs: number;
  /** Longest time (ms) each view showed a state other than the sandbox's. */
  staleMs: { panel: number; badge: number; popup: number };
  apiRequests: number;
  /** API requests the sandbox's chaos failed (each one allows one retry). */
  chaosFailures: number;
  /** 429 answers not injected (rate limit reached by the extension itself). */
  ownThrottles: number;
  heap: { worker: { start: number; end: number }; panel: { start: number; end: number } };
  consoleErrors: string[];
  uncaught: string[];
}

export interface Figure {
  id: string;
  label: string;
  value: number;
  bound: string;
  pass: boolean;
}

/** A real minute of the soak stands for an hour of a shift: 10 minutes, a 10-hour shift. */
export const SIMULATED_HOURS_PER_MINUTE = 1;
/** Bounds. */
export const MAX_CHANNELS_PER_AGENT = 2;
/** ~0.7 renewals per simulated hour (90 s channels), plus sign-ins and account switches. */
export const MAX_CHANNELS_PER_SIMULATED_HOUR = 3;
export const MAX_STALE_MS = 5_000;
/** A socket's close handshake takes a moment: under one sampling gap is not an orphan. */
export const ORPHAN_SOCKET_GRACE_MS = 1_000;
/** The README's API budget: whole session warm ≤ 5, with the worker stopped ≤ 6. */
export const BUDGET_WARM = 5;
export const BUDGET_STOPPED = 6;
/** Heap at the end ≤ start × 1.5 + 2 MB (after a forced GC at both ends). */
export const HEAP_FACTOR = 1.5;
export const HEAP_SLACK_BYTES = 2 * 1024 * 1024;

const SANDBOX_OF: Record<string, string> = {
  ended: 'ended',
  declined: 'declined',
  expired: 'expired',
  offered: 'offered',
  active: 'active',
};

/** Whether the extension's final state is the one the sandbox holds. */
export function settledAlike(s: StartRecord): boolean {
  if (s.problem) return false;
  if (s.sandboxState === 'none') return s.extensionState === 'failed';
  return SANDBOX_OF[s.extensionState] === s.sandboxState && s.sameSession;
}

/**
 * A start doubled: more sessions than one plus the agent's retries, or more create POSTs than
 * that plus those the server refused unprocessed (401, 429, a chaos failure before the route).
 */
export function doubled(s: StartRecord): boolean {
  const allowed = 1 + s.agentRetries;
  return s.sessionsCreated > allowed || s.createPosts > allowed + s.createPostsRefused;
}

export const heapBound = (start: number): number => start * HEAP_FACTOR + HEAP_SLACK_BYTES;

export function judge(o: Observations): Figure[] {
  const starts = o.starts.length;
  const lost = o.starts.filter((s) => !settledAlike(s)).length;
  const twice = o.starts.filter(doubled).length;
  const budget = o.starts.reduce(
    (sum, s) => sum + (s.workerStopped ? BUDGET_STOPPED : BUDGET_WARM),
    0,
  );
  const simulatedHours = (o.seconds / 60) * SIMULATED_HOURS_PER_MINUTE;
  const perHour = simulatedHours > 0 ? o.channelsCreated / simulatedHours : 0;
  const perStart = starts > 0 ? o.apiRequests / starts : 0;
  const perStartBound = starts > 0 ? (budget + o.chaosFailures) / starts : 0;
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  const figures: Figure[] = [
    {
      id: 'starts',
      label: 'starts made',
      value: starts,
      bound: `≥ ${requiredStarts(o.minutes)} (30 per minute)`,
      pass: starts >= requiredStarts(o.minutes),
    },
    {
      id: 'startsLost',
      label: "starts not ending in the sandbox's state",
      value: lost,
      bound: '= 0',
      pass: lost === 0,
    },
    {
      id: 'startsDoubled',
      label: 'starts with more sessions or create POSTs than 1 + retries',
      value: twice,
      bound: '= 0',
      pass: twice === 0,
    },
    {
      id: 'maxChannelsPerAgent',
      label: 'notification channels alive per agent, at most',
      value: o.maxChannelsPerAgent,
      bound: `≤ ${MAX_CHANNELS_PER_AGENT}`,
      pass: o.maxChannelsPerAgent <= MAX_CHANNELS_PER_AGENT,
    },
    {
      id: 'channelsPerSimulatedHour',
      label: 'channels created per simulated hour (1 min = 1 h)',
      value: round(perHour),
      bound: `≤ ${MAX_CHANNELS_PER_SIMULATED_HOUR}`,
      pass: perHour <= MAX_CHANNELS_PER_SIMULATED_HOUR,
    },
    {
      id: 'orphanSocketMs',
      label: 'longest socket open without a live channel (ms)',
      value: o.orphanSocketMs,
      bound: `≤ ${ORPHAN_SOCKET_GRACE_MS} ms`,
      pass: o.orphanSocketMs <= ORPHAN_SOCKET_GRACE_MS,
    },
    ...(['panel', 'badge', 'popup'] as const).map((view) => ({
      id: `stale_${view}`,
      label: `longest ${view} state behind the sandbox (ms)`,
      value: o.staleMs[view],
      bound: `≤ ${MAX_STALE_MS} ms`,
      pass: o.staleMs[view] <= MAX_STALE_MS,
    })),
    {
      id: 'apiRequestsPerStart',
      label: 'API requests per start (all traffic / starts)',
      value: round(perStart),
      bound: `≤ ${round(perStartBound)} (${BUDGET_WARM} warm, ${BUDGET_STOPPED} worker stopped, +1 per chaos failure)`,
      pass: starts > 0 && perStart <= perStartBound,
    },
    {
      id: 'ownThrottles',
      label: '429 answers the extension caused (not injected)',
      value: o.ownThrottles,
      bound: '= 0',
      pass: o.ownThrottles === 0,
    },
    ...(['worker', 'panel'] as const).map((ctx) => ({
      id: `heap_${ctx}`,
      label: `${ctx} heap at the end (bytes; start ${o.heap[ctx].start})`,
      value: o.heap[ctx].end,
      bound: `≤ ${Math.round(heapBound(o.heap[ctx].start))} (start × ${HEAP_FACTOR} + 2 MB)`,
      pass: o.heap[ctx].start > 0 && o.heap[ctx].end <= heapBound(o.heap[ctx].start),
    })),
    {
      id: 'consoleErrors',
      label: 'console errors in extension contexts',
      value: o.consoleErrors.length,
      bound: '= 0',
      pass: o.consoleErrors.length === 0,
    },
    {
      id: 'uncaught',
      label: 'uncaught exceptions and unhandled rejections in extension contexts',
      value: o.uncaught.length,
      bound: '= 0',
      pass: o.uncaught.length === 0,
    },
  ];
  return figures;
}
