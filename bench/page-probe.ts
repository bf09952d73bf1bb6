// What the bench watches inside web pages.
//
// panelProbe(): an init script for every frame of the agent's page. In the page itself it
// records the last keydown (the shortcut's modifiers: Chrome keeps the command key); in the
// panel frame (the extension's panel page) it records, on the shared epoch clock
// (performance.timeOrigin + performance.now(), comparable across the page, its frames, the
// worker and Node within a millisecond or so), when the panel first shows a join code (a `.code`
// element whose digit groups make six digits, or a leaf element of exactly six digits), the "active" status line and the "ended" one.
// Each is stamped twice: when the DOM changed (MutationObserver callback, before any paint) and
// when that change was painted: a task posted from the first requestAnimationFrame callback
// after the mutation. The rAF callback runs in the rendering update that paints the change
// (style, layout, paint follow it in the same update); a posted task runs only once that update
// is over, so it is the first moment after the paint. Checked in Chromium 156 against its own
// stamp (Element Timing's `paintTime` on the code's text, reported only when the element is new):
// within 1-3 ms. A second rAF would stamp the NEXT frame's start, up to a frame (16.7 ms) late.
//
// watchExtensionWorlds(): every execution context Chromium creates in a page, over CDP; an
// extension script in a page runs in an isolated world whose origin is chrome-extension://<id>.
import type { BrowserContext, Page } from 'playwright-core';
import { panelFrame } from '../tools/browser/overlay';

/**
 * Page scripts are sent as function source. tsx (esbuild, keepNames) rewrites named inner
 * functions to call a `__name` helper that only exists in Node; the page script gets a local no-op.
 */
export const KEEP_NAMES_SHIM = 'const __name = (f) => f;';

export interface PanelMarks {
  /** the last keydown the page saw (the shortcut's modifiers; Chrome keeps the command key) */
  keyAt: number | null;
  /** when the panel page started (its frame loaded) */
  panelAt: number | null;
  code: string | null;
  /** painted (the first task after the rendering update that holds the DOM change) */
  codeAt: number | null;
  activeAt: number | null;
  endedAt: number | null;
  /** the DOM change itself (MutationObserver) */
  codeDomAt: number | null;
  activeDomAt: number | null;
  /**
   * The probe started after the panel already showed a code (Firefox: it is injected into the
   * panel frame once the frame exists, as no init script reaches an extension frame there).
   */
  codeBeforeProbe?: boolean;
}

declare global {
  interface Window {
    __bench?: PanelMarks;
  }
}

/** The init script's source, with the localized status lines it waits for. */
export function panelProbe(texts: { active: string; ended: string }): string {
  const body = (t: { active: string; ended: string }) => {
    const now = () => performance.timeOrigin + performance.now();
    const marks: PanelMarks = {
      keyAt: null,
      panelAt: null,
      code: null,
      codeAt: null,
      activeAt: null,
      endedAt: null,
      codeDomAt: null,
      activeDomAt: null,
    };
    window.__bench = marks;
    if (!/^(chrome|moz)-extension:\/\/[^/]+\/src\/panel\//.test(location.href)) {
      // event.timeStamp: when the browser received the input, on the page's clock.
      addEventListener(
        'keydown',
        (e) => {
          marks.keyAt = performance.timeOrigin + e.timeStamp;
        },
        true,
      );
      return;
    }
    marks.panelAt = now();
    const painted = (set: (at: number) => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => set(now());
        channel.port2.postMessage(null);
      });
    const scan = (at: number) => {
      // The code is shown in digit groups (<span class="code"><span class="group">683</span>…).
      for (const el of document.querySelectorAll('.code')) {
        const digits = (el.textContent ?? '').replace(/\s/g, '');
        if (marks.codeDomAt === null && /^\d{6}$/.test(digits)) {
          marks.code = digits;
          marks.codeDomAt = at;
          painted((p) => {
            marks.codeAt = p;
          });
        }
      }
      for (const el of document.querySelectorAll('body *')) {
        if (el.childElementCount > 0) continue;
        const text = (el.textContent ?? '').trim();
        if (marks.codeDomAt === null && /^\d{6}$/.test(text)) {
          marks.code = text;
          marks.codeDomAt = at;
          painted((p) => {
            marks.codeAt = p;
          });
        }
        if (marks.activeDomAt === null && text === t.active) {
          marks.activeDomAt = at;
          painted((p) => {
            marks.activeAt = p;
          });
        }
        if (marks.endedAt === null && text === t.ended) marks.endedAt = at;
      }
    };
    // Injected late (Firefox), a code already shown cannot be timed: the sample is discarded.
    if (/\d/.test(document.querySelector('.code')?.textContent ?? '')) marks.codeBeforeProbe = true;
    new MutationObserver(() => scan(now())).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  };
  return `(() => { ${KEEP_NAMES_SHIM} (${body.toString()})(${JSON.stringify(texts)}); })();`;
}

/** The page's key press with the panel frame's marks (undefined until the panel exists). */
export async function readMarks(page: Page): Promise<PanelMarks | undefined> {
  const frame = panelFrame(page);
  if (!frame) return undefined;
  const [own, panel] = await Promise.all([
    page.evaluate(() => window.__bench),
    frame.evaluate(() => window.__bench).catch(() => undefined),
  ]);
  return panel && { ...panel, keyAt: own?.keyAt ?? null };
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
