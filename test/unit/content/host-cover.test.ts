// @vitest-environment happy-dom
// Where the panel frame cannot see itself (Firefox, no IntersectionObserver v2), the host looks
// from the page's side: an effect on an ancestor, or another top-layer element over the frame.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { obscured, scaledOrTurned, watchCover } from '../../../src/content/host-cover';

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

describe('the host’s look at what it cannot compare by boxes', () => {
  it('sees a running view transition, whose pseudo-elements paint over the top layer', () => {
    const el = host();
    expect(obscured(el)).toBe(false);
    const original = document.getAnimations;
    const transition = [{ effect: { pseudoElement: '::view-transition-group(root)' } }];
    document.getAnimations = () => transition as unknown as Animation[];
    try {
      expect(obscured(el)).toBe(true);
      // Control: an animation of the page's own elements is no transition.
      transition[0] = { effect: { pseudoElement: '::before' } };
      expect(obscured(el)).toBe(false);
    } finally {
      document.getAnimations = original;
    }
  });

  it('raises the host over a page popover that opens, after a rendering update', async () => {
    const el = host();
    const raise = vi.fn();
    const told: boolean[] = [];
    let open = true;
    Object.assign(el, { matches: (s: string) => (s === ':popover-open' ? open : false) });
    el.hidePopover = () => {
      open = false;
    };
    const watch = watchCover(el, (o) => told.push(o), raise);
    watch(true);
    const toggle = (target: Element, newState: string) =>
      target.dispatchEvent(Object.assign(new Event('toggle'), { newState }));
    // Controls: its own toggle, and a page popover closing, raise nothing.
    toggle(el, 'open');
    const other = document.createElement('div');
    document.body.append(other);
    toggle(other, 'closed');
    expect(open).toBe(true);
    toggle(other, 'open');
    expect(open).toBe(false);
    expect(told.at(-1)).toBe(true);
    await vi.waitFor(() => expect(raise).toHaveBeenCalledOnce());
    watch(false);
  });
});
