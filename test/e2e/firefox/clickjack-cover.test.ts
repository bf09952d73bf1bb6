// Firefox, headful under Xvfb: a page covers the panel with something in the top layer whose own
// box misses the panel's frame but whose paint does not (a 1 px popover with a huge box-shadow,
// opened after the panel, letting clicks through). The host puts the panel back on top of it, so
// what the agent clicks is what they see. Read from the screen: the cover's colour in the page's
// corner (the control: the cover is really painted) and the End button where the agent clicks.
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { firefoxPanel } from '../../../tools/browser/firefox-panel';
import { pressStartOn, useFirefox, useFirefoxSandbox } from './harness';
import { COVER, countClicks, onScreen, pixel } from './panel-screen';

describe('Firefox: a page that covers the panel from the top layer', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);

  afterEach(async () => {
    for (const page of (await ff.current.browser.pages()).slice(1)) {
      await page.close().catch(() => undefined);
    }
  });

  it('keeps the panel above a later popover whose box misses the frame but whose shadow covers it', async () => {
    const s = sandbox.current;
    s.settings({ autoApprove: true });
    expect((await ff.current.request('auth.signIn', {})).signedIn).toBe(true);
    const conv = s.addConversation({ media: 'message', customerName: 'Cole Covered' });
    const page = await pressStartOn(ff.current, s, conv.id);
    const panel = await firefoxPanel(page, ff.current);
    await sandboxSession(s, conv.id);
    s.customer(conv.id, 'accept');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    const clicks = await countClicks(panel);
    const end = await onScreen(panel, m('ov_end'));
    if (!end) throw new Error('no End button');
    const screen = () => pixel(ff.current.screenImage?.() ?? Buffer.alloc(0), end.x, end.y);
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
