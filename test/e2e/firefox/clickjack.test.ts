// Firefox, headful under Xvfb: a page that blurs itself blurs the panel too (Firefox applies a
// filter on <html> to the frame's host in the top layer, and has no IntersectionObserver v2 for
// the frame to notice). The host's own look from the page's side makes the panel drop the agent's
// real click on End while the blur is on; once it is gone, the same real click ends the session
// (the control: the click path is real and reaches the button).
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { type FirefoxPanel, firefoxPanel } from '../../../tools/browser/firefox-panel';
import { pressStartOn, useFirefox, useFirefoxSandbox } from './harness';

/** Counts clicks reaching the panel's window (capture) and those no guard stopped (bubble). */
async function countClicks(panel: FirefoxPanel) {
  await panel.frame.evaluate(() => {
    const w = window as unknown as { reached: number; through: number };
    w.reached = 0;
    w.through = 0;
    window.addEventListener('click', () => w.reached++, true);
    window.addEventListener('click', () => w.through++);
  });
  return () =>
    panel.frame.evaluate(() => {
      const w = window as unknown as { reached: number; through: number };
      return { reached: w.reached, through: w.through };
    });
}

const ready = (panel: FirefoxPanel) =>
  panel.frame.evaluate(() => document.documentElement.hasAttribute('data-ready'));

describe('Firefox: a page that blurs the panel', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);

  afterEach(async () => {
    for (const page of (await ff.current.browser.pages()).slice(1)) {
      await page.close().catch(() => undefined);
    }
  });

  it('gets no click through while the blur is on; the same real click counts once it is gone', async () => {
    const s = sandbox.current;
    s.settings({ autoApprove: true });
    expect((await ff.current.request('auth.signIn', {})).signedIn).toBe(true);
    const conv = s.addConversation({ media: 'message', customerName: 'Bea Blurred' });
    const page = await pressStartOn(ff.current, s, conv.id);
    const panel = await firefoxPanel(page, ff.current);
    await sandboxSession(s, conv.id);
    s.customer(conv.id, 'accept');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
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
});
