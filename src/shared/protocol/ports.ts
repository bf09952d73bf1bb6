// The runtime port names. Plain constants, no schema library: the content script imports them
// and must stay small.

/** Extension pages (popup, options) receive pushes from the background here. */
export const PORT_VIEWS = 'views';
/**
 * The on-demand content script's port (src/content/ ↔ src/background/overlay.ts). The content
 * script reads the page's conversation hints and hosts the panel frame; it renders nothing of
 * its own and holds no session data, so a page script finds nothing to read or press there.
 */
export const PORT_OVERLAY = 'overlay';
/**
 * The panel page's port (src/panel/, an extension page in a frame on the agent's page). It
 * proves it is the frame the content script made with a one-time key the page never sees.
 */
export const PORT_PANEL = 'panel';

/** The panel page, in the extension (the manifest's one web-accessible resource). */
export const PANEL_PAGE = 'src/panel/index.html';
