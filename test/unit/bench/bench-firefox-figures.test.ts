import { describe, expect, it } from 'vitest';
import { FIREFOX_NOT_MEASURED, firefoxNotMeasured } from '../../../bench/firefox-figures';
import { judge } from '../../../bench/targets';

describe('bench: Firefox figures without a counterpart', () => {
  it('are reported as not measured with the reason, never as a number or a verdict', () => {
    const figures = judge({ gzipContent: { value: 5000 }, ...firefoxNotMeasured() });
    for (const id of Object.keys(FIREFOX_NOT_MEASURED)) {
      const f = figures.find((x) => x.id === id);
      expect(f?.value).toBeNull();
      expect(f?.met).toBeNull();
      expect(f?.notMeasured).toMatch(/^no Firefox counterpart here: .{40,}/);
    }
    expect(Object.keys(FIREFOX_NOT_MEASURED).sort()).toEqual([
      'gzipWorkerPages',
      'nothingOnUnactedPages',
      'popupToList',
    ]);
    expect(figures.find((x) => x.id === 'gzipContent')?.met).toBe(true);
  });
});
