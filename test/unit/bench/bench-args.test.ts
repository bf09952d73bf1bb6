import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../bench/args';

describe('bench flags', () => {
  it('defaults to 150 ms latency and 100 samples (fallback too), building first', () => {
    expect(parseArgs([])).toMatchObject({
      latencyMs: 150,
      samples: 100,
      fallbackSamples: 100,
      build: true,
    });
    expect(parseArgs(['--samples', '20'])).toMatchObject({ samples: 20, fallbackSamples: 20 });
    expect(parseArgs(['--samples', '20', '--fallback-samples', '3'])).toMatchObject({
      fallbackSamples: 3,
    });
  });

  it('reads spaced and = forms', () => {
    expect(
      parseArgs(['--latency-ms', '0', '--samples=40', '--no-build', '--out', '/tmp/r.json']),
    ).toMatchObject({ latencyMs: 0, samples: 40, build: false, out: '/tmp/r.json' });
  });

  it('measures Chromium into bench/results.json unless --browser firefox, whose file is its own', () => {
    expect(parseArgs([])).toMatchObject({ browser: 'chromium', out: 'bench/results.json' });
    expect(parseArgs(['--browser', 'firefox'])).toMatchObject({
      browser: 'firefox',
      out: 'bench/results-firefox.json',
    });
    expect(parseArgs(['--browser=firefox', '--out', '/tmp/f.json']).out).toBe('/tmp/f.json');
    expect(parseArgs(['--browser', 'chromium']).out).toBe('bench/results.json');
    expect(() => parseArgs(['--browser', 'safari'])).toThrow(/chromium or firefox/);
    expect(() => parseArgs(['--browser'])).toThrow(/got nothing/);
  });

  it('refuses unknown flags and out-of-range or non-integer values', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown flag/);
    expect(() => parseArgs(['--samples', '0'])).toThrow(/whole number/);
    expect(() => parseArgs(['--samples', '1e9'])).toThrow(/whole number/);
    expect(() => parseArgs(['--latency-ms', '-1'])).toThrow(/whole number/);
    expect(() => parseArgs(['--latency-ms'])).toThrow(/got nothing/);
  });
});
