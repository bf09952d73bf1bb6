// The offscreen document that writes the clipboard and plays the alert tone for the background
// (a service worker has neither a clipboard nor sound): its page and its messages. Plain
// constants: the offscreen page loads only these, the clipboard writer and the tone.

/** The offscreen page, in the extension (built as an entry of its own). */
export const OFFSCREEN_PAGE = 'src/offscreen/index.html';
/** Worker → offscreen document: write `text` to the clipboard; answered with { ok }. */
export const OFFSCREEN_COPY = 'offscreen.copy';

/** Worker → offscreen document: play the alert tone once; answered with { played, state }. */
export const OFFSCREEN_TONE = 'offscreen.tone';

export interface OffscreenCopy {
  type: typeof OFFSCREEN_COPY;
  text: string;
}
