// Where the panel's frame sits on the agent's page and how it is styled: pure geometry, so the
// host (host.ts) only applies it.
import type { PanelPlace } from '../shared/protocol';

/** Space kept between the panel and the window's edges. */
export const MARGIN = 16;
export const DEFAULT_SIZE = { width: 340, height: 160 };

interface Size {
  width: number;
  height: number;
}

/** The frame's size and place, kept wholly inside the viewport (MARGIN from its edges). */
export function fitToViewport(
  size: Size,
  place: PanelPlace,
  vp: Size,
): Size & { place: PanelPlace } {
  const width = Math.max(0, Math.min(size.width, vp.width - 2 * MARGIN));
  const height = Math.max(0, Math.min(size.height, vp.height - 2 * MARGIN));
  return {
    width,
    height,
    place: {
      right: clamp(place.right, 0, vp.width - width),
      bottom: clamp(place.bottom, 0, vp.height - height),
    },
  };
}

/**
 * The host's inline style, all !important (inline !important beats any stylesheet rule):
 * `all: initial` resets every property a page could use against it (opacity, transform,
 * filter, clip-path, visibility, pointer-events, margins...). It leaves `direction`, which a
 * right-to-left page passes on, but the host only holds the frame at its own size and the
 * frame's document sets its own.
 */
export function hostStyle(p: {
  visible: boolean;
  place: PanelPlace;
  width: number;
  height: number;
  zoom: number;
}): string {
  return [
    'all: initial',
    `display: ${p.visible ? 'block' : 'none'}`,
    'position: fixed',
    `right: ${p.place.right}px`,
    `bottom: ${p.place.bottom}px`,
    `width: ${p.width}px`,
    `height: ${p.height}px`,
    'z-index: 2147483647',
    'color-scheme: light dark',
    `zoom: ${p.zoom}`,
  ]
    .map((d) => `${d} !important`)
    .join('; ');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
