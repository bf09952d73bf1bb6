import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitToViewport, hostStyle, MARGIN } from '../../../src/content/host-layout';

describe('the panel frame’s geometry', () => {
  it('keeps the frame inside a small viewport, MARGIN from its edges', () => {
    const fit = fitToViewport(
      { width: 900, height: 700 },
      { right: -50, bottom: 5000 },
      {
        width: 400,
        height: 300,
      },
    );
    expect(fit).toEqual({
      width: 400 - 2 * MARGIN,
      height: 300 - 2 * MARGIN,
      place: { right: 0, bottom: 2 * MARGIN },
    });
  });

  it('leaves a frame that fits where the agent put it', () => {
    const fit = fitToViewport(
      DEFAULT_SIZE,
      { right: 40, bottom: 60 },
      { width: 1200, height: 800 },
    );
    expect(fit).toEqual({ ...DEFAULT_SIZE, place: { right: 40, bottom: 60 } });
  });

  it('styles the host with every declaration !important and hides it when not visible', () => {
    const css = hostStyle({
      visible: false,
      place: { right: 1, bottom: 2 },
      width: 3,
      height: 4,
      zoom: 1,
    });
    expect(css.split('; ').every((d) => d.endsWith(' !important'))).toBe(true);
    expect(css).toContain('display: none !important');
    expect(css).toContain('right: 1px !important');
  });
});
