// The offscreen document that writes the clipboard for the background (a service worker has no
// clipboard): its page and its one message. Plain constants: the offscreen page loads nothing
// else of shared/.

/** The offscreen page, in the extension (built as an entry of its own). */
export const OFFSCREEN_PAGE = 'src/offscreen/index.html';
/** Worker → offscreen document: write `text` to the clipboard; answered with { ok }. */
export const OFFSCREEN_COPY = 'offscreen.copy';

export interface OffscreenCopy {
  type: typeof OFFSCREEN_COPY;
  text: string;
}
