// The on-page panel keeps its own look and stays usable whatever the page does to itself: a
// right-to-left page, CSS zoom on <html>, hostile !important rules, a modal <dialog> of the
// page's own, the dark colour scheme, and the browser zoomed to 200 % in a narrow window. On
// each, the agent reaches and presses Minimise, the pill to restore, End and Close. The agent
// also moves the panel (pointer and keyboard) and finds it where it was left after a reload.
// Headful under Xvfb: the modal-dialog and browser-zoom cases click with the real mouse.
import type { ElementHandle, Frame, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pressCommand, sandboxSession, tabOf } from '../../tools/browser/agent';
import { overlayOn, type SessionPanel, waitForPanelFrame } from '../../tools/browser/overlay';
import { RealInput } from '../../tools/browser/realinput';
import { useFixturePages } from './harness/fixture-pages';
import { panelReady, startOnPage } from './harness/panel-start';
import { useAgentSuite } from './harness/suite';

const CUSTOMER = 'Ilse Brandvold';

/** An agent's page showing one conversation id (so the shortcut starts at once). */
function agentPage(conversationId: string, { html = 'lang="en"', head = '', body = '' } = {}) {
  return `<!doctype html>
<html ${html}><head><meta charset="utf-8"><title>Support desk</title>${head}</head>
<body>
  <h1 id="title">Support desk</h1>
  <p id="conversation">Conversation ID: <code>${conversationId}</code></p>
  ${body}
</body></html>`;
}

const ready = panelReady;

/** Until the frame has rendered twice: what the last change set off (resize, layout) has run. */
async function rendered(frame: Frame) {
  await frame.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

type Box = { x: number; y: number; width: number; height: number };

/** Whether a box lies wholly inside the page's viewport. */
async function inViewport(page: Page, box: Box | null) {
  const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width + 0.5 &&
    box.y + box.height <= viewport.height + 0.5
  );
}

describe('panel isolation: legible and usable on any page', () => {
  const { ext, sandbox, open, endAfter } = useAgentSuite({ launch: { headful: true } });
  const fixtures = useFixturePages();
  const m = (key: string) => ext.current.message(key);

  async function startOn(name: string, html: (conversationId: string) => string) {
    const started = await startOnPage(
      { ext, sandbox, open, endAfter },
      fixtures,
      CUSTOMER,
      name,
      html,
    );
    return { ...started, frameElement: await started.frame.frameElement() };
  }

  /** The panel fits its frame (nothing clipped, no scrollbars) and the frame fits the window. */
  async function expectWhole(
    page: Page,
    frame: Frame,
    frameElement: ElementHandle,
    overlay: SessionPanel,
    { fits = true } = {},
  ) {
    await ready(frame);
    // Where the window is shorter than the panel, the frame fits the window and scrolls.
    expect(
      await frame.evaluate(() => ({
        tall: document.documentElement.scrollHeight <= innerHeight,
        wide: document.documentElement.scrollWidth <= innerWidth,
      })),
    ).toEqual({ tall: fits, wide: true });
    expect(await inViewport(page, await frameElement.boundingBox())).toBe(true);
    for (const key of fits ? ['ov_minimise', 'ov_close', 'ov_end'] : ['ov_minimise', 'ov_close']) {
      expect(await inViewport(page, await overlay.button(m(key)).boundingBox()), key).toBe(true);
    }
    await expect
      .poll(() => overlay.root.getByRole('heading', { name: m('ov_dialog_name') }).isVisible())
      .toBe(true);
  }

  /**
   * The agent minimises the panel, restores it from the pill, ends the session and closes the
   * panel, each with `click` (Playwright's trusted input, or the real mouse), once the panel
   * takes clicks again after the previous change.
   */
  async function useControls(
    { id, frame, frameElement, overlay }: Awaited<ReturnType<typeof startOn>>,
    click: (target: Locator) => Promise<void> = (target) => target.click(),
  ) {
    const press = async (target: Locator) => {
      await rendered(frame);
      await ready(frame);
      await click(target);
    };
    const pill = overlay.root.getByRole('button', { name: new RegExp(`${m('ov_restore')}$`) });
    await press(overlay.button(m('ov_minimise')));
    await pill.waitFor();
    expect(await overlay.button(m('ov_end')).count()).toBe(0);
    await press(pill);
    await overlay.button(m('ov_end')).waitFor();
    await press(overlay.button(m('ov_end')));
    await sandboxSession(sandbox.current, id, ['ended']);
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));
    await press(overlay.button(m('ov_close')));
    await expect.poll(() => frameElement.isVisible()).toBe(false);
  }

  /**
   * A point of the page's viewport (CSS pixels) on the X screen: the window sits at the screen's
   * origin (no window manager) and the browser's zoom scales CSS pixels by devicePixelRatio.
   */
  async function toScreen(page: Page, x: number, y: number): Promise<[number, number]> {
    const screen = await page.evaluate(() => {
      const zoom = devicePixelRatio;
      return {
        zoom,
        left: screenX + (outerWidth - innerWidth * zoom) / 2,
        top: screenY + (outerHeight - innerHeight * zoom),
      };
    });
    return [Math.round(screen.left + x * screen.zoom), Math.round(screen.top + y * screen.zoom)];
  }

  /** A real left click (xdotool) at the middle of `target` (scrolled into view first). */
  async function realClick(page: Page, target: Locator | Box) {
    if ('boundingBox' in target) await target.scrollIntoViewIfNeeded();
    const box = 'boundingBox' in target ? await target.boundingBox() : target;
    if (!box) throw new Error('nothing to click: the control is not on screen');
    const [x, y] = await toScreen(page, box.x + box.width / 2, box.y + box.height / 2);
    // No --sync: it waits for the pointer to move, forever when it is already there; the X
    // server keeps the move before the click anyway.
    await RealInput.for(ext.current).xdotool('mousemove', `${x}`, `${y}`, 'click', '1');
  }

  it('a right-to-left page: the panel stays English, left-to-right, its timeline in order', async () => {
    const started = await startOn('rtl.html', (id) =>
      agentPage(id, {
        html: 'lang="ar" dir="rtl"',
        body: '<p id="note">مرحبا بكم في مكتب الدعم</p>',
      }),
    );
    const { page, frame, frameElement, overlay } = started;
    // Positive control: the page itself is right-to-left.
    expect(
      await page.evaluate(
        () => getComputedStyle(document.getElementById('note') as Element).direction,
      ),
    ).toBe('rtl');

    expect(
      await frame.evaluate(() => ({
        dir: document.documentElement.dir,
        direction: getComputedStyle(document.querySelector('[role="dialog"]') as Element).direction,
      })),
    ).toEqual({ dir: 'ltr', direction: 'ltr' });
    expect(await overlay.status()).toBe(m('ov_status_offered'));
    expect(await overlay.timeline()).toEqual([
      `${m('ov_step_requested')} (${m('ov_detail_command')})`,
      m('ov_step_created'),
      m('ov_step_offered'),
    ]);
    // In order down the panel, each starting at the same left edge.
    const steps = await overlay.root
      .getByRole('list', { name: m('ov_timeline') })
      .getByRole('listitem')
      .evaluateAll((items) =>
        items
          .map((item) => item.getBoundingClientRect())
          .map((r) => ({ top: r.top, left: r.left })),
      );
    expect(steps.map((s) => s.top)).toEqual([...steps.map((s) => s.top)].sort((a, b) => a - b));
    expect(new Set(steps.map((s) => s.left)).size).toBe(1);
    await expectWhole(page, frame, frameElement, overlay);
    await useControls(started);
  });

  it('a page with html { zoom: 2 }: the panel is drawn at its own size, wholly in the window', async () => {
    const started = await startOn('zoomed.html', (id) =>
      agentPage(id, { head: '<style>html { zoom: 2 }</style>' }),
    );
    const { page, frame, frameElement, overlay } = started;
    // Positive control: the page is zoomed (its heading is twice its size).
    expect(await page.evaluate(() => document.documentElement.currentCSSZoom)).toBe(2);

    const box = await frameElement.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    await expectWhole(page, frame, frameElement, overlay);
    await useControls(started);
  });

  it('a page with hostile !important CSS on divs, iframes and everything else', async () => {
    const started = await startOn('hostile-css.html', (id) =>
      agentPage(id, {
        head: `<style>
          div, iframe { all: unset !important; display: none !important; }
          iframe { opacity: 0 !important; width: 0 !important; }
          * { pointer-events: none !important; filter: blur(3px) !important; }
          html > *:not(head):not(body) { transform: scale(0) !important; visibility: hidden !important; }
        </style>`,
        body: '<div id="own">The page’s own div</div>',
      }),
    );
    const { page, frame, frameElement, overlay } = started;
    // Positive control: the rules are in force on the page's own elements.
    expect(
      await page.evaluate(() => ({
        div: getComputedStyle(document.getElementById('own') as Element).display,
        pointer: getComputedStyle(document.body).pointerEvents,
      })),
    ).toEqual({ div: 'none', pointer: 'none' });

    await expectWhole(page, frame, frameElement, overlay);
    await useControls(started);
  });

  it('a modal <dialog> of the page opened over the panel: the real mouse still works the panel', async () => {
    const input = RealInput.for(ext.current);
    const started = await startOn('modal.html', (id) =>
      agentPage(id, {
        body: `<button id="outside" type="button">Outside</button>
          <dialog id="modal"><p>Transfer the customer?</p><button type="button">Not now</button></dialog>
          <script>
            window.outsideClicks = 0;
            document.getElementById('outside').addEventListener('click', () => window.outsideClicks++);
          </script>`,
      }),
    );
    const { page, frame, frameElement, overlay } = started;
    await input.focusBrowser(page);
    const outside = await page.getByRole('button', { name: 'Outside' }).boundingBox();
    if (!outside) throw new Error('the page’s button is not on screen');
    // Positive control first: before the dialog, a real click reaches the page's button...
    await realClick(page, outside);
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { outsideClicks: number }).outsideClicks),
      )
      .toBe(1);

    await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).showModal());

    // ...and with the modal dialog open, the rest of the page is inert to the real mouse.
    expect(await page.evaluate(() => document.getElementById('modal')?.matches(':modal'))).toBe(
      true,
    );
    await realClick(page, outside);
    await expectWhole(page, frame, frameElement, overlay);
    expect(
      await page.evaluate(() => (window as unknown as { outsideClicks: number }).outsideClicks),
    ).toBe(1);
    await useControls(started, (target) => realClick(page, target));
    expect(await page.evaluate(() => document.getElementById('modal')?.matches(':modal'))).toBe(
      true,
    );
  });

  it('dark colour scheme: the panel is drawn dark (light when the scheme is light)', async () => {
    const started = await startOn('dark.html', (id) => agentPage(id));
    const { page, frame, frameElement, overlay } = started;
    /** The dialog's background luminance (0 black – 1 white). */
    const luminance = () =>
      frame.evaluate(() => {
        const bg = getComputedStyle(
          document.querySelector('[role="dialog"]') as Element,
        ).backgroundColor;
        const [r, g, b] = (bg.match(/\d+(\.\d+)?/g) ?? []).map(Number);
        return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
      });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(luminance).toBeGreaterThan(0.9);

    await page.emulateMedia({ colorScheme: 'dark' });

    await expect.poll(luminance).toBeLessThan(0.2);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      true,
    );
    await expectWhole(page, frame, frameElement, overlay);
    await useControls(started);
    await page.emulateMedia({ colorScheme: null });
  });

  it('browser zoom 200 % in an 800 px window: Close and the rest are on screen and work', async () => {
    const session = ext.current;
    const started = await startOn('browser-zoom.html', (id) => agentPage(id));
    const { page, frame, frameElement, overlay } = started;
    const tab = await tabOf(session, page);
    // The agent's own zoom, as Ctrl+= sets it: the browser's zoom of the tab (tabs.setZoom is
    // the same setting), in a real window resized to 800 px; not device-metrics emulation,
    // which would not reflow the page the way a zoomed browser does.
    await session.evalInWorker(
      async ({ tabId, windowId }) => {
        await chrome.windows.update(windowId, { width: 800, height: 800 });
        await chrome.tabs.setZoom(tabId, 2);
      },
      { tabId: tab.id, windowId: tab.windowId },
    );
    try {
      await expect.poll(() => page.evaluate(() => devicePixelRatio)).toBe(2);
      await expect.poll(() => page.evaluate(() => innerWidth)).toBeLessThanOrEqual(400);
      await RealInput.for(session).focusBrowser(page);
      // About 400 × 350 CSS pixels: with Details closed the whole panel fits; with Details
      // open it is taller than the window, so it fits the width and scrolls.
      await expectWhole(page, frame, frameElement, overlay);
      await overlay.openDetails();
      await expectWhole(page, frame, frameElement, overlay, { fits: false });
      await useControls(started, (target) => realClick(page, target));
    } finally {
      await session.evalInWorker(
        async ({ tabId, windowId }) => {
          await chrome.tabs.setZoom(tabId, 0);
          await chrome.windows.update(windowId, { width: 1280, height: 800 });
        },
        { tabId: tab.id, windowId: tab.windowId },
      );
    }
  });

  it('the agent moves the panel by pointer and by keys; after a reload it opens where it was left', async () => {
    const session = ext.current;
    const { page, frame, frameElement, overlay } = await startOn('move.html', (id) =>
      agentPage(id),
    );
    const handle = overlay.button(m('ov_move'));
    const where = async () => {
      await rendered(frame);
      const box = await frameElement.boundingBox();
      if (!box) throw new Error('the panel is not on screen');
      return box;
    };
    const start = await where();

    // The real mouse: press on the handle, drag up and to the left in steps, let go.
    const input = RealInput.for(session);
    await input.focusBrowser(page);
    const grip = await handle.boundingBox();
    if (!grip) throw new Error('the Move handle is not on screen');
    await ready(frame);
    const [x, y] = await toScreen(page, grip.x + grip.width / 2, grip.y + grip.height / 2);
    await input.xdotool('mousemove', '--sync', `${x}`, `${y}`, 'mousedown', '1');
    for (let step = 1; step <= 10; step++) {
      await input.xdotool('mousemove', '--sync', `${x - 20 * step}`, `${y - 12 * step}`);
    }
    await input.xdotool('mouseup', '1');
    await expect
      .poll(async () => {
        const now = await where();
        return [Math.round(now.x - start.x), Math.round(now.y - start.y)];
      })
      .toEqual([-200, -120]);
    const dragged = await where();

    // Keys on the handle: two steps left, one up, then a large step left with Shift.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect
      .poll(async () => {
        const now = await where();
        return [Math.round(now.x - dragged.x), Math.round(now.y - dragged.y)];
      })
      .toEqual([-32 - 160, -16]);
    const left = await where();

    // Remembered for this site, as the distance from the window's right and bottom edges.
    const origin = new URL(page.url()).origin;
    const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    await expect
      .poll(async () => {
        const stored = await session.evalInWorker(() => chrome.storage.local.get('panel.places'));
        return (stored['panel.places'] as Record<string, { right: number; bottom: number }>)?.[
          origin
        ];
      })
      .toEqual({
        right: Math.round(viewport.width - left.x - left.width),
        bottom: Math.round(viewport.height - left.y - left.height),
      });

    await page.reload();
    await pressCommand(session, page);
    const again = await overlayOn(page, session);
    await again.root.waitFor();
    const frameAgain = await waitForPanelFrame(page);
    const elementAgain = await frameAgain.frameElement();
    await rendered(frameAgain);
    const reopened = await elementAgain.boundingBox();
    expect(reopened && [Math.round(reopened.x), Math.round(reopened.y)]).toEqual([
      Math.round(left.x),
      Math.round(left.y),
    ]);
    await session.evalInWorker(() => chrome.storage.local.remove('panel.places'));
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
