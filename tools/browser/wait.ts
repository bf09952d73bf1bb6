// Bounded polling: tests wait for a condition to become true, never for a fixed time.

export interface WaitOptions {
  /** give up after this many ms (default 10 s) */
  timeout?: number;
  /** poll interval in ms (default 50) */
  interval?: number;
  /** what was awaited, for the timeout error */
  message?: string;
}

/**
 * Polls `probe` until it returns a truthy value and resolves with it. A probe that throws counts
 * as "not yet"; its last error is reported if the wait times out.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeout = 10_000, interval = 50, message = 'condition' }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeout} ms waiting for ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
