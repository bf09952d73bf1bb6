import { describe, expect, it } from 'vitest';
import { judge, KB } from '../../../bench/targets';

const summary = (p95: number) => ({ n: 30, min: 1, p50: p95 - 10, p95, max: p95 + 5, mean: 1 });
const byId = (figures: ReturnType<typeof judge>) => new Map(figures.map((f) => [f.id, f]));

describe('bench targets', () => {
  it('judges trigger → code against the raw p95 plus 40 ms', () => {
    const within = byId(
      judge({
        rawCreateRoundTrip: { summary: summary(160) },
        triggerToCode: { summary: summary(200) },
      }),
    ).get('triggerToCode');
    expect(within).toMatchObject({ value: 200, met: true, overBy: 0, target: { limit: 200 } });

    const over = byId(
      judge({
        rawCreateRoundTrip: { summary: summary(160) },
        triggerToCode: { summary: summary(350) },
      }),
    ).get('triggerToCode');
    expect(over).toMatchObject({ met: false, overBy: 150 });
  });

  it('does not judge trigger → code when raw is missing, but keeps its figure', () => {
    const f = byId(judge({ triggerToCode: { summary: summary(180) } })).get('triggerToCode');
    expect(f).toMatchObject({ value: 180, met: null });
    expect(f?.notJudged).toMatch(/raw/);
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
        gzipTotalJs: { value: 60 * KB },
        requestsPerSessionWarm: { value: 7 },
        acceptToOverlayPush: { summary: summary(299) },
        nothingOnUnactedPages: { ok: false },
        gzipPopup: { value: 99_999 },
      }),
    );
    expect(figures.get('gzipContent')).toMatchObject({ met: false, overBy: 1 });
    expect(figures.get('gzipTotalJs')).toMatchObject({ met: true, overBy: 0 });
    expect(figures.get('requestsPerSessionWarm')).toMatchObject({ met: false, overBy: 1 });
    expect(figures.get('acceptToOverlayPush')).toMatchObject({ value: 299, met: true });
    expect(figures.get('nothingOnUnactedPages')).toMatchObject({ value: false, met: false });
    // A figure the issue asks for without a target.
    expect(figures.get('gzipPopup')).toMatchObject({ value: 99_999, target: null, met: null });
  });
});
