// Firefox, headful under Xvfb: a page that hides or disguises the panel while letting the agent's
// clicks through gets none of them onto a panel button. Firefox has no IntersectionObserver v2 for
// the frame to notice, so the host looks from the page's side (src/content/host-cover.ts). Each
// attack has its control: the click path is real (a real xdotool click that reaches the panel's
// window) and the disguise is really on screen (Xvfb's picture, where the test reads one).
//
// - A blur on <html>: Firefox applies it to the host in the top layer; the click is dropped while
//   it is on, and the same click ends the session once it is gone.
// - A 1 px popover opened after the panel whose box-shadow covers the window: its box misses the
//   frame, its paint does not; the host goes back on top, so the agent clicks what they see.
// (The opaque view transition is in clickjack-overlay.test.ts: a browser of its own.)
import { describe, expect, it } from 'vitest';
import type { FirefoxPanel } from '../../../tools/browser/firefox-panel';
import { useFirefox, useFirefoxSandbox } from './harness';
import { COVER, countClicks, pixel, useAccepted } from './panel-screen';

const ready = (panel: FirefoxPanel) =>
  panel.frame.evaluate(() => document.documentElement.hasAttribute('data-ready'));

describe('Firefox: a page that hides the panel and lets clicks through', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);

  const start = useAccepted(ff, sandbox);

  it('gets no click through while the blur is on; the same real click counts once it is gone', async () => {
    const s = sandbox.current;
    const { conv, page, panel } = await start('Bea Blurred');
    const clicks = await countClicks(panel);

    // The page blurs everything it has (<html>, which holds the panel's host).
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.id = 'blur';
      style.textContent = 'html { filter: blur(3px) !important; }';
      document.head.append(style);
    });
    await expect.poll(() => ready(panel), { timeout: 10_000 }).toBe(false);
    await panel.press('button', m('ov_end'), { ready: false });
    await expect.poll(clicks, { timeout: 10_000 }).toEqual({ reached: 1, through: 0 });
    expect(s.sessions().find((x) => x.conversationId === conv.id)?.state).toBe('active');

    // Control: the blur removed, the panel settles and the same real click ends the session.
    await page.evaluate(() => document.getElementById('blur')?.remove());
    await panel.press('button', m('ov_end'));
    await expect.poll(clicks, { timeout: 10_000 }).toEqual({ reached: 2, through: 1 });
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));
  });

  it('keeps the panel above a later popover whose box misses the frame but whose shadow covers it', async () => {
    const { page, panel, screen } = await start('Cole Covered');
    const clicks = await countClicks(panel);
    expect(await screen()).not.toEqual(COVER);

    // A 1 px popover in the page's corner, shown after the panel (so above it in the top layer),
    // its box-shadow over the whole window, clicks passing through it.
    await page.evaluate((rgb) => {
      const cover = document.createElement('div');
      cover.popover = 'manual';
      cover.setAttribute(
        'style',
        `inset: 0 auto auto 0; margin: 0; padding: 0; border: 0; width: 1px; height: 1px;
         background: rgb(${rgb}); box-shadow: 0 0 0 5000px rgb(${rgb}); pointer-events: none`,
      );
      document.body.append(cover);
      cover.showPopover();
    }, COVER.join(','));
    // Control: the cover is painted (the page's top left corner shows it).
    const corner = await page.evaluate(() => {
      const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
      return { x: w.mozInnerScreenX + 40, y: w.mozInnerScreenY + 40 };
    });
    const at = (p: { x: number; y: number }) =>
      pixel(ff.current.screenImage?.() ?? Buffer.alloc(0), p.x, p.y);
    await expect.poll(() => at(corner), { timeout: 10_000 }).toEqual(COVER);
    // The panel back on top: the agent sees the button, not the cover, and their click counts.
    await expect.poll(screen, { timeout: 10_000 }).not.toEqual(COVER);
    expect(await at(corner)).toEqual(COVER);
    await panel.press('button', m('ov_end'));
    await expect.poll(clicks, { timeout: 10_000 }).toEqual({ reached: 1, through: 1 });
    expect(await screen()).not.toEqual(COVER);
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));
  });
});
