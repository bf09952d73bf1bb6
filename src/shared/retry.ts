// Trying a call again after a failure that a later try may not meet (an idempotent request
// after a 5xx, a 429 or no answer at all), with fixed pauses: the one way the background retries.

/** A failure a later try may not meet: no HTTP status at all (no answer), a 5xx or a 429. */
export function transient(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status >= 500 || status === 429;
}

export interface RetryOptions {
  /** The pause before each further try; their count is the number of retries. */
  delaysMs: readonly number[];
  /** Whether this failure is worth another try (default: `transient`). */
  retryable?: (err: unknown) => boolean;
  /** Told before each pause. */
  onRetry?: (err: unknown) => void;
  /** Waits `ms` (tests pass their own). */
  pause?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `call`'s answer, or its last failure once the pauses are spent or a failure is final. */
export async function withRetries<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = o.delaysMs[attempt];
      if (delay === undefined || !(o.retryable ?? transient)(err)) throw err;
      o.onRetry?.(err);
      await (o.pause ?? sleep)(delay);
    }
  }
}
