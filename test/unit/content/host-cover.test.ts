// @vitest-environment happy-dom
// Where the panel frame cannot see itself (Firefox, no IntersectionObserver v2), the host looks
// from the page's side: an effect on an ancestor, or another top-layer element over the frame.
import { afterEach, describe, expect, it } from 'vitest';
import { obscured, scaledOrTurned } from '../../../src/content/host-cover';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
});

function host() {
  const el = document.createElement('div');
  el.setAttribute('style', 'all: initial !important; position: fixed !important');
  document.body.append(el);
  return el;
}

describe('the host’s look at what the page does to the frame', () => {
  it('sees nothing on a plain page (control)', () => {
    expect(obscured(host())).toBe(false);
  });

  it.each([
    ['a filter', 'filter: blur(1px)'],
    ['opacity', 'opacity: 0.3'],
    ['a blend mode', 'mix-blend-mode: difference'],
    ['a scale', 'transform: scale(0.2)'],
  ])('sees %s on an ancestor, from a stylesheet', (_what, rule) => {
    const el = host();
    const style = document.createElement('style');
    style.textContent = `body { ${rule} !important; }`;
    document.head.append(style);
    expect(obscured(el)).toBe(true);
  });

  it('lets a transform that only moves pass, as Chrome’s v2 does (computed matrices)', () => {
    expect(scaledOrTurned('none')).toBe(false);
    expect(scaledOrTurned('matrix(1, 0, 0, 1, 4, 2)')).toBe(false);
    expect(scaledOrTurned('matrix(0.2, 0, 0, 0.2, 0, 0)')).toBe(true);
    expect(scaledOrTurned('matrix(0, 1, -1, 0, 0, 0)')).toBe(true);
    expect(scaledOrTurned('matrix3d(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)')).toBe(true);
  });
});
