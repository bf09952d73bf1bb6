// Reconnect delays: exponential backoff with "full jitter" (a uniformly random delay between 0
// and the exponential cap), so many agents dropped by the same outage do not reconnect in step.

export interface BackoffOptions {
  /** The cap for attempt 0; doubles per attempt. */
  baseMs: number;
  /** The cap never grows past this. */
  maxMs: number;
  /** [0, 1), as Math.random. */
  random: () => number;
}

/** The cap that attempt `attempt` draws under: min(maxMs, baseMs · 2^attempt). */
export function backoffCap(attempt: number, { baseMs, maxMs }: Omit<BackoffOptions, 'random'>) {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** n is Infinity for a huge n; min() keeps the cap finite.
  return Math.min(maxMs, baseMs * 2 ** Math.min(n, 52));
}

/** The delay before reconnect attempt `attempt` (0 for the first retry), in ms. */
export function backoff(attempt: number, options: BackoffOptions): number {
  const r = options.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(backoffCap(attempt, options) * unit);
}
