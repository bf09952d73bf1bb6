// Named one-shot timers for the cobrowse service (an offer's expiry, a 429's retry). They live
// only as long as the service worker: after a restart, machine.resume() re-arms them from the
// stored snapshots. The clock and the platform timers are injected so tests drive time.

import { globalTimers } from '../../shared/timers';

/** setTimeout's delay is a signed 32-bit number; a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface KeyedTimers {
  /** Runs `fn` at epoch ms `at` (at once if past); replaces a timer with the same key. */
  at(key: string, at: number, fn: () => void): void;
  clear(key: string): void;
}

export function createKeyedTimers(now: () => number, timers = globalTimers): KeyedTimers {
  const armed = new Map<string, unknown>();

  function at(key: string, when: number, fn: () => void): void {
    clear(key);
    const arm = () => {
      const delay = when - now();
      const handle = timers.setTimeout(
        () => {
          // A long wait is split into steps no longer than setTimeout allows.
          if (when - now() > 0 && delay > MAX_DELAY_MS) return arm();
          armed.delete(key);
          fn();
        },
        Math.min(Math.max(0, delay), MAX_DELAY_MS),
      );
      armed.set(key, handle);
    };
    arm();
  }

  function clear(key: string): void {
    if (!armed.has(key)) return;
    timers.clearTimeout(armed.get(key));
    armed.delete(key);
  }

  return { at, clear };
}
