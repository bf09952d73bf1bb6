// The offscreen document (reason CLIPBOARD): writes the clipboard when the service worker asks,
// for the auto-copy of a join code. Only the worker is heard: a message from any other sender
// (an extension page, the content script in a web page's tab) is ignored, so nothing a page
// can reach chooses what lands on the agent's clipboard.
import { writeClipboard } from '../shared/clipboard';
import { OFFSCREEN_COPY, type OffscreenCopy } from '../shared/offscreen';

// An offscreen document gets only part of chrome.runtime (no getManifest): the worker is the
// sender of this extension that is neither in a tab nor a document (pages have a documentId).
const fromWorker = (sender: chrome.runtime.MessageSender) =>
  sender.id === chrome.runtime.id &&
  !sender.tab &&
  sender.documentId === undefined &&
  sender.url?.startsWith(`${location.origin}/`) === true;

chrome.runtime.onMessage.addListener((raw: unknown, sender, reply) => {
  const message = raw as Partial<OffscreenCopy> | null;
  if (message?.type !== OFFSCREEN_COPY || typeof message.text !== 'string') return false;
  if (!fromWorker(sender)) return false;
  writeClipboard(document, message.text).then(
    (ok) => reply({ ok }),
    () => reply({ ok: false }),
  );
  return true;
});
