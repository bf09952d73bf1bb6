// The one way the extension writes the clipboard, from its own documents (a view, the panel
// frame, the offscreen document) and never from the page's.
//
// Verified in Chromium 156: the panel frame on a plain-http page has navigator.clipboard, but
// its writeText is refused when the page's Permissions-Policy withholds clipboard-write (the
// frame's `allow` cannot grant what the embedder lacks), and it needs a focused document.
// document.execCommand('copy') in an extension document writes in both cases, with or
// without a user gesture; in the offscreen document it needs the clipboardWrite permission.
// The text goes through the copy event's clipboardData, so no selection or focus is moved.
// Page-only (takes a Document); the worker never loads it.

/** Writes `text` to the clipboard from `doc`; resolves true only when the write happened. */
export async function writeClipboard(doc: Document, text: string): Promise<boolean> {
  let wrote = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    e.stopImmediatePropagation();
    wrote = true;
  };
  doc.addEventListener('copy', onCopy, true);
  let done = false;
  try {
    done = doc.execCommand('copy') && wrote;
  } catch {
    done = false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
  }
  if (done) return true;
  // The async Clipboard API where execCommand is refused (a browser that drops it).
  const clipboard = globalThis.navigator?.clipboard;
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
