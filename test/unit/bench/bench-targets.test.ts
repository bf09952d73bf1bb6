import { describe, expect, it } from 'vitest';
import { judge, KB } from '../../../bench/targets';

const summary = (p95: number, n = 100) => ({
  n,
  min: 1,
  p50: p95 - 10,
  p95,
  max: p95 + 5,
  mean: 1,
});
const byId = (figures: ReturnType<typeof judge>) => new Map(figures.map((f) => [f.id, f]));

describe('bench targets', () => {
  it('judges each warm trigger case against its own paired raw p95 plus 25 ms', () => {
    const figures = byId(
      judge({
        rawWarmKnown: { summary: summary(160) },
        triggerWarmKnown: { summary: summary(185) },
        rawWarmNew: { summary: summary(150) },
        triggerWarmNew: { summary: summary(185) },
      }),
    );
    expect(figures.get('triggerWarmKnown')).toMatchObject({
      value: 185,
      met: true,
      overBy: 0,
      target: { limit: 185 },
    });
    // Judged against its own pair (150 + 25), not the other case's raw.
    expect(figures.get('triggerWarmNew')).toMatchObject({ met: false, overBy: 10 });
  });

  it('gives the worker-stopped cases 80 ms and the fresh browser no target', () => {
    const figures = byId(
      judge({
        rawColdNew: { summary: summary(160) },
        triggerColdNew: { summary: summary(241) },
        rawFreshNew: { summary: summary(160) },
        triggerFreshNew: { summary: summary(900) },
      }),
    );
    expect(figures.get('triggerColdNew')).toMatchObject({
      met: false,
      overBy: 1,
      target: { limit: 240 },
    });
    expect(figures.get('triggerFreshNew')).toMatchObject({ value: 900, target: null, met: null });
  });

  it('does not judge a trigger case whose paired raw is missing, but keeps its figure', () => {
    const f = byId(judge({ triggerWarmKnown: { summary: summary(180) } })).get('triggerWarmKnown');
    expect(f).toMatchObject({ value: 180, met: null, samples: 100 });
    expect(f?.notJudged).toMatch(/raw/);
  });

  it('carries the sample count and the load of each figure', () => {
    const load = { before: [1.5, 1, 1], after: [2.5, 1, 1] };
    const f = byId(judge({ workerStart: { summary: summary(61, 20), load } })).get('workerStart');
    expect(f).toMatchObject({ samples: 20, load, met: false, overBy: 1 });
    const size = byId(judge({ gzipPopup: { value: 1 } })).get('gzipPopup');
    expect(size).toMatchObject({ samples: null, load: null });
  });

  it('reports absent and explicitly unmeasured figures as not measured, never as a number', () => {
    const figures = byId(judge({ popupToList: { notMeasured: 'the popup list has not landed' } }));
    expect(figures.get('popupToList')).toMatchObject({
      value: null,
      met: null,
      notMeasured: 'the popup list has not landed',
    });
    expect(figures.get('gzipContent')).toMatchObject({ value: null, met: null });
    expect(figures.get('gzipContent')?.notMeasured).toBeTruthy();
  });

  it('uses 1 KB = 1024 bytes and the limits of the issue', () => {
    const figures = byId(
      judge({
        gzipContent: { value: 6 * KB + 1 },
        gzipServiceWorker: { value: 25 * KB },
        gzipTotalJs: { value: 55 * KB + 2 },
        requestsPerSessionWarm: { value: 6 },
        requestsPerSessionCold: { value: 6 },
        acceptToOverlayPush: { summary: summary(100) },
        localeMessagesClean: { ok: false },
        nothingOnUnactedPages: { ok: true },
        gzipPopup: { value: 99_999 },
      }),
    );
    expect(figures.get('gzipContent')).toMatchObject({ met: false, overBy: 1 });
    expect(figures.get('gzipServiceWorker')).toMatchObject({ met: true, overBy: 0 });
    expect(figures.get('gzipTotalJs')).toMatchObject({ met: false, overBy: 2 });
    expect(figures.get('requestsPerSessionWarm')).toMatchObject({ met: false, overBy: 1 });
    expect(figures.get('requestsPerSessionCold')).toMatchObject({ met: true });
    expect(figures.get('acceptToOverlayPush')).toMatchObject({ value: 100, met: true });
    expect(figures.get('localeMessagesClean')).toMatchObject({ value: false, met: false });
    expect(figures.get('nothingOnUnactedPages')).toMatchObject({ value: true, met: true });
    // A figure the issue asks for without a target.
    expect(figures.get('gzipPopup')).toMatchObject({ value: 99_999, target: null, met: null });
  });
});
