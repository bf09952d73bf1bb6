import { describe, expect, it } from 'vitest';
import { backoff, backoffCap } from '../../../../src/background/notifications/backoff';

const opts = { baseMs: 1000, maxMs: 60_000 };

describe('backoff (exponential, full jitter)', () => {
  it('doubles the cap per attempt up to maxMs', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffCap(n, opts))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('draws uniformly under the cap: random 0 → 0, random → 1 approaches the cap', () => {
    expect(backoff(3, { ...opts, random: () => 0 })).toBe(0);
    expect(backoff(3, { ...opts, random: () => 0.5 })).toBe(4000);
    expect(backoff(3, { ...opts, random: () => 0.999_999 })).toBe(7999);
  });

  it('differs between clients with different random draws (jitter)', () => {
    const a = backoff(4, { ...opts, random: () => 0.1 });
    const b = backoff(4, { ...opts, random: () => 0.9 });
    expect(a).not.toBe(b);
  });

  it('stays finite and within bounds for huge, negative or odd input', () => {
    for (const attempt of [1e9, Number.POSITIVE_INFINITY, -3, Number.NaN, 2.7]) {
      const d = backoff(attempt, { ...opts, random: () => 0.999 });
      expect(Number.isFinite(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(opts.maxMs);
    }
    expect(backoffCap(-3, opts)).toBe(1000);
    expect(backoffCap(2.7, opts)).toBe(4000);
    // A broken random source never yields a negative or over-cap delay.
    expect(backoff(2, { ...opts, random: () => Number.NaN })).toBe(0);
    expect(backoff(2, { ...opts, random: () => 7 })).toBe(4000);
    expect(backoff(2, { ...opts, random: () => -1 })).toBe(0);
  });
});
