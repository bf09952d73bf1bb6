// Whether the page is hiding or disguising the panel's frame, for browsers whose frames cannot
// tell for themselves. Chrome's IntersectionObserver v2 (`trackVisibility`, `isVisible`) lets
// the panel see a filter, opacity or cover that the page applies; Firefox has no v2, and there a
// page's `filter` or `opacity` on <html>/<body> does reach the frame in the top layer (a blurred
// panel still taking clicks). There the host looks instead, on the page's side: an effect on an
// ancestor (filter, opacity, blend, clip, mask, a transform that does more than move), or another
// top-layer element (popover, modal dialog, fullscreen) over the frame.
// https://developer.mozilla.org/docs/Web/API/IntersectionObserverEntry (no isVisible in Firefox)
import { BUILD_BROWSER } from '../shared/build-browser';
import type { HostToPanel } from '../shared/panel-link';

/** How often the host looks while the panel is shown (Chrome's v2 reports within 100 ms). */
export const COVER_CHECK_MS = 100;

/** True where the browser has IntersectionObserver v2: the panel watches itself there. */
export function frameSeesItself(win: Window & typeof globalThis): boolean {
  return 'isVisible' in (win.IntersectionObserverEntry?.prototype ?? {});
}

type Rect = Pick<DOMRect, 'left' | 'top' | 'right' | 'bottom'>;

const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

// A property left at its initial value ('' where a DOM implementation does not compute it).
const set = (value: string | undefined, initial: string) =>
  value !== undefined && value !== '' && value !== initial;

/**
 * A computed transform (a browser computes it as matrix(...) or matrix3d(...)) that does more
 * than move: Chrome's v2 lets a 2D translation pass and nothing else.
 */
export function scaledOrTurned(transform: string | undefined): boolean {
  if (!set(transform, 'none')) return false;
  const m = /^matrix\(([^)]*)\)$/.exec(transform ?? '');
  const [a, b, c, d] = (m?.[1] ?? '').split(',').map(Number);
  return !(a === 1 && b === 0 && c === 0 && d === 1);
}

/** What the page does to the frame that the agent would not see through. */
function disguised(style: CSSStyleDeclaration): boolean {
  return (
    set(style.filter, 'none') ||
    (set(style.opacity, '1') && Number(style.opacity) < 1) ||
    set(style.mixBlendMode, 'normal') ||
    scaledOrTurned(style.transform) ||
    set(style.clipPath, 'none') ||
    set(style.maskImage, 'none')
  );
}

/**
 * A view transition is running: its pseudo-elements (::view-transition) are painted above the
 * whole top layer, and a page can make them opaque and let clicks through them. It runs while
 * its animations do (`:active-view-transition` where the browser knows it).
 */
function transitioning(doc: Document): boolean {
  try {
    if (doc.documentElement.matches(':active-view-transition')) return true;
  } catch {
    // a browser without the pseudo-class: the animations tell
  }
  return (doc.getAnimations?.() ?? []).some((a) => {
    const effect = a.effect as KeyframeEffect | null;
    return effect?.pseudoElement?.startsWith('::view-transition') ?? false;
  });
}

/** The page hides or disguises `host`: an effect on an ancestor, or a top-layer element over it. */
export function obscured(host: HTMLElement): boolean {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  if (!win || transitioning(doc)) return true;
  for (let el = host.parentElement; el; el = el.parentElement) {
    if (disguised(win.getComputedStyle(el))) return true;
  }
  const box = host.getBoundingClientRect();
  for (const other of doc.querySelectorAll(':popover-open, dialog:modal, :fullscreen')) {
    if (other === host || other.contains(host)) continue;
    if (overlaps(box, other.getBoundingClientRect())) return true;
  }
  return false;
}

/**
 * Tells `tell` the verdict every COVER_CHECK_MS while the panel is shown (where the frame cannot
 * see itself): each time, not only on a change, so a panel page that just loaded learns it too.
 * `(true)` starts, `(false)` stops.
 */
export function watchCover(
  host: HTMLElement,
  tell: (obscured: boolean) => void,
  raise: () => void,
) {
  const win = host.ownerDocument.defaultView as Window & typeof globalThis;
  let timer: number | undefined;
  const look = () => tell(obscured(host));
  // A popover shown after the panel is painted above it, and its paint reaches past the box the
  // look compares (a box-shadow, an outline, a fixed child, its ::backdrop): the host goes back
  // on top of it, hidden until a rendering update has passed (Firefox puts a popover hidden and
  // shown again before that back at its old place, under the page's). Capture on the window:
  // `toggle` does not bubble.
  const onToggle = (e: Event) => {
    const opened = (e as Event & { newState?: string }).newState === 'open';
    if (e.target === host || !opened || !host.matches(':popover-open')) return;
    host.hidePopover();
    tell(true);
    win.requestAnimationFrame(() => win.setTimeout(raise));
  };
  return (start: boolean) => {
    if (timer !== undefined) win.clearInterval(timer);
    timer = undefined;
    win.removeEventListener('toggle', onToggle, true);
    if (!start || frameSeesItself(win)) return;
    win.addEventListener('toggle', onToggle, true);
    look();
    timer = win.setInterval(look, COVER_CHECK_MS);
  };
}

/** The host's look, in the Firefox build only (Chrome's frame sees for itself). */
export function coverWatch(
  host: HTMLElement,
  tell: (message: HostToPanel) => void,
  raise: () => void,
) {
  return BUILD_BROWSER === 'firefox'
    ? watchCover(host, (obscured) => tell({ type: 'obscured', obscured }), raise)
    : undefined;
}
