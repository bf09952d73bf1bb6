// Page scripts a hostile page would run, shared by the Chromium and Firefox attack suites (a
// plain function for Playwright's or puppeteer's page.evaluate: it closes over nothing).

export interface ForgedPanel {
  /** The panel page's URL, as the page learnt it. */
  src: string;
  /** The panel's init message type (PANEL_INIT). */
  init: string;
  /** The id of the page's own iframe. */
  id: string;
}

/**
 * The page frames the extension's panel page itself and, once it loads, hands it a key of its
 * own and a message channel, as the real host does with the tab's key.
 */
export function embedPanelWithForgedKey({ src, init, id }: ForgedPanel): void {
  const frame = document.createElement('iframe');
  frame.id = id;
  frame.src = src;
  frame.addEventListener('load', () => {
    const channel = new MessageChannel();
    frame.contentWindow?.postMessage({ type: init, key: 'forged-key-0123456789abcdef0123' }, '*', [
      channel.port2,
    ]);
  });
  document.body.append(frame);
}
