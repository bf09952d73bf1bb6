// The offscreen document: what the service worker cannot do itself, done when the worker asks —
// write the clipboard (reason CLIPBOARD, the auto-copy of a join code) and play the alert tone
// (reason AUDIO_PLAYBACK). Only the worker is heard: a message from any other sender (an
// extension page, the content script in a web page's tab) is ignored, so nothing a page can
// reach chooses what lands on the agent's clipboard or makes a sound.
import { writeClipboard } from '../shared/clipboard';
import { OFFSCREEN_COPY, OFFSCREEN_TONE, type OffscreenCopy } from '../shared/offscreen';
import { playTone } from '../shared/tone';

// chrome.* rather than the polyfill's browser.*: offscreen documents exist only in Chromium
// (Firefox's background page does this itself), and this document then loads nothing else.
// An offscreen document gets only part of chrome.runtime (no getManifest): the worker is the
// sender of this extension that is neither in a tab nor a document (pages have a documentId).
const fromWorker = (sender: chrome.runtime.MessageSender) =>
  sender.id === chrome.runtime.id &&
  !sender.tab &&
  sender.documentId === undefined &&
  sender.url?.startsWith(`${location.origin}/`) === true;

let audio: AudioContext | undefined;

chrome.runtime.onMessage.addListener((raw: unknown, sender, reply) => {
  const message = raw as Partial<OffscreenCopy> | { type?: unknown } | null;
  if (!fromWorker(sender)) return false;
  if (message?.type === OFFSCREEN_TONE) {
    audio ??= new AudioContext();
    const ctx = audio;
    playTone(ctx).then(
      () => reply({ played: true, state: ctx.state }),
      () => reply({ played: false, state: ctx.state }),
    );
    return true;
  }
  const copy = message as Partial<OffscreenCopy> | null;
  if (copy?.type !== OFFSCREEN_COPY || typeof copy.text !== 'string') return false;
  writeClipboard(document, copy.text).then(
    (ok) => reply({ ok }),
    () => reply({ ok: false }),
  );
  return true;
});
