// Summary statistics for benchmark samples. Percentiles use the nearest-rank method (the value
// at rank ceil(p/100 · n) of the sorted samples): every reported figure is a real sample, never
// an interpolation between two, and p95 of 30 samples is the 29th fastest.

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank; throws on no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  if (samples.some((x) => !Number.isFinite(x))) throw new Error('samples must be finite numbers');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** n, min, p50, p95, max and mean, rounded to 0.1 (milliseconds in, milliseconds out). */
export function summarize(samples: readonly number[]): Summary {
  const max = percentile(samples, 100); // also validates the samples
  const round = (x: number) => Math.round(x * 10) / 10;
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    min: round(Math.min(...samples)),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    max: round(max),
    mean: round(sum / samples.length),
  };
}
