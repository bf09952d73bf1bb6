// What the bench watches inside web pages.
//
// overlayProbe(): an init script for the page's main world. It records, on the shared epoch
// clock (performance.timeOrigin + performance.now(), comparable across the page, the worker and
// Node within a millisecond or so), when the overlay's open shadow root first shows a join code
// (a leaf element whose text is exactly six digits), the "active" status line and the "ended"
// one. Times are taken in MutationObserver callbacks, i.e. when the DOM changed, before paint.
//
// watchExtensionWorlds(): every execution context Chromium creates in a page, over CDP; an
// extension script in a page runs in an isolated world whose origin is chrome-extension://<id>.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Page scripts are sent as function source. tsx (esbuild, keepNames) rewrites named inner
 * functions to call a `__name` helper that only exists in Node; the page script gets a local no-op.
 */
export const KEEP_NAMES_SHIM = 'const __name = (f) => f;';

/** HOST_TAG of src/content/mount.ts (not imported: that module pulls in Preact and CSS). */
export const OVERLAY_HOST_TAG = 'cobrowse-launcher-overlay';

export interface OverlayMarks {
  /** the last keydown the page saw (the shortcut's modifiers; Chrome keeps the command key) */
  keyAt: number | null;
  hostAt: number | null;
  code: string | null;
  codeAt: number | null;
  activeAt: number | null;
  endedAt: number | null;
}

declare global {
  interface Window {
    __bench?: OverlayMarks;
  }
}

/** The init script's source, with the localized status lines it waits for. */
export function overlayProbe(texts: { active: string; ended: string }, hostTag: string): string {
  const body = (t: { active: string; ended: string }, tag: string) => {
    const marks: OverlayMarks = {
      keyAt: null,
      hostAt: null,
      code: null,
      codeAt: null,
      activeAt: null,
      endedAt: null,
    };
    window.__bench = marks;
    const now = () => performance.timeOrigin + performance.now();
    // event.timeStamp: when the browser received the input, on the page's clock.
    addEventListener(
      'keydown',
      (e) => {
        marks.keyAt = performance.timeOrigin + e.timeStamp;
      },
      true,
    );
    const scan = (root: ShadowRoot, at: number) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.childElementCount > 0) continue;
        const text = (el.textContent ?? '').trim();
        if (marks.codeAt === null && /^\d{6}$/.test(text)) {
          marks.code = text;
          marks.codeAt = at;
        }
        if (marks.activeAt === null && text === t.active) marks.activeAt = at;
        if (marks.endedAt === null && text === t.ended) marks.endedAt = at;
      }
    };
    const watchHost = (host: Element) => {
      const root = host.shadowRoot;
      if (!root) return false;
      marks.hostAt ??= now();
      new MutationObserver(() => scan(root, now())).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      scan(root, now());
      return true;
    };
    // The host is appended to <html> (mount.ts). Init scripts run before <html> exists, so
    // watch the whole document until the host shows up, then only its shadow root.
    const top = new MutationObserver(() => {
      const host = document.querySelector(tag);
      if (host && watchHost(host)) top.disconnect();
    });
    top.observe(document, { childList: true, subtree: true });
  };
  return `(() => { ${KEEP_NAMES_SHIM} (${body.toString()})(${JSON.stringify(texts)}, ${JSON.stringify(hostTag)}); })();`;
}

export async function readMarks(page: Page): Promise<OverlayMarks | undefined> {
  return page.evaluate(() => window.__bench);
}

export interface WorldEvent {
  type: string;
  origin: string;
  name: string;
}

/** Starts recording the page's execution contexts (Runtime.enable replays existing ones). */
export async function watchExtensionWorlds(context: BrowserContext, page: Page, origin: string) {
  const cdp = await context.newCDPSession(page);
  const worlds: WorldEvent[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    const aux = (c.auxData ?? {}) as { type?: string };
    worlds.push({ type: aux.type ?? 'default', origin: c.origin, name: c.name });
  });
  await cdp.send('Runtime.enable');
  return {
    /** isolated worlds of this extension seen so far */
    extensionWorlds: () => worlds.filter((w) => w.type === 'isolated' && w.origin === origin),
    all: () => [...worlds],
    detach: () => cdp.detach().catch(() => {}),
  };
}
