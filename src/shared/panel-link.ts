// The private line between the panel frame (src/panel/) and the content script that hosts it
// (src/content/host.ts): a MessageChannel whose far end is handed to the frame in one
// postMessage addressed to the extension's origin, so page scripts never hold either end.
// It carries layout only (size, moves, close, focus, coming back): session data goes through the background.

/** The `type` of the one window message that hands the panel its key and port. */
export const PANEL_INIT = 'cobrowse-launcher:panel-init';

export interface PanelInit {
  type: typeof PANEL_INIT;
  /** Proves to the background that this frame is the one the content script made. */
  key: string;
}

/** Host → panel. */
export type HostToPanel =
  /** Shown by the agent's trigger: put the keyboard focus in the panel. */
  | { type: 'focus' }
  /** The frame appeared, moved or was restyled: clicks wait until it has settled again. */
  | { type: 'changed' }
  /** The closed panel is shown again on its own (see `reveal`): show the pill, take no focus. */
  | { type: 'revealed' }
  /**
   * The page hides or disguises the frame (see content/host-cover.ts): clicks wait. Sent only
   * where the frame cannot see it itself (no IntersectionObserver v2).
   */
  | { type: 'obscured'; obscured: boolean }
  /** The background showed the panel (a start on this page): be connected for its view. */
  | { type: 'shown' };

/** Panel → host. */
export type PanelToHost =
  /** The panel's content size in CSS pixels; the host sizes the frame (clamped to the window). */
  | { type: 'size'; width: number; height: number }
  /** Close (Esc, Close, Cancel): the host hides the frame and gives focus back to the page. */
  | { type: 'close' }
  /** Move by this many pixels (a pointer drag's step or an arrow key); `done` ends a move. */
  | { type: 'move'; dx: number; dy: number; done: boolean }
  /**
   * The session changed: if the agent closed the panel, show it again (no focus taken; the
   * host then says `revealed`). A shown panel stays as it is.
   */
  | { type: 'reveal' };
