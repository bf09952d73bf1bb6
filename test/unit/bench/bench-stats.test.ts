import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../../bench/stats';

describe('bench percentile (nearest rank)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => 30 - i); // 30..1, unsorted on purpose

  it('returns a real sample at rank ceil(p·n)', () => {
    expect(percentile(thirty, 50)).toBe(15);
    expect(percentile(thirty, 95)).toBe(29);
    expect(percentile(thirty, 100)).toBe(30);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples, non-finite samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
    expect(() => percentile([1], 0)).toThrow(/range/);
    expect(() => percentile([1], 101)).toThrow(/range/);
  });
});

describe('bench summarize', () => {
  it('gives n, min, p50, p95, max and mean rounded to 0.1', () => {
    const samples = [10.04, 20, 30, 40, 1000];
    expect(summarize(samples)).toEqual({
      n: 5,
      min: 10,
      p50: 30,
      p95: 1000,
      max: 1000,
      mean: 220,
    });
  });

  it('keeps a single outlier out of p50 but in p95 with 20 samples', () => {
    const samples = [...Array.from({ length: 19 }, () => 100), 900];
    const s = summarize(samples);
    expect(s.p50).toBe(100);
    expect(s.p95).toBe(100); // rank ceil(19) = 19th of 20: still 100
    expect(s.max).toBe(900);
  });
});
