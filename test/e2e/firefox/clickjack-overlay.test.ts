// Firefox, headful under Xvfb: a page paints over the panel with something that is not an element
// the host's look can find. A view transition's pseudo-elements (::view-transition) are painted
// above the whole top layer; the page makes them opaque, lets clicks through them, and stretches
// the transition for ten minutes. The agent sees no panel, so the panel must drop their real
// click; the control reads the screen (the cover's colour where the button is) and counts the
// click as reaching the panel's window; once the transition is over, the same click counts.
// In a Firefox of its own: run after the other attacks in one browser, its screen check saw the
// panel's colours where the cover should be (not yet understood).
import { describe, expect, it } from 'vitest';
import { useFirefox, useFirefoxSandbox } from './harness';
import { COVER, countClicks, useAccepted } from './panel-screen';

describe('Firefox: a page that paints over the panel without an element', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);
  const start = useAccepted(ff, sandbox);

  it('gets no click through an opaque view transition that lets clicks pass', async () => {
    const s = sandbox.current;
    const { conv, page, panel, screen } = await start('Vera Transition');
    const clicks = await countClicks(panel);
    expect(await screen()).not.toEqual(COVER);
    await page.evaluate((rgb) => {
      const style = document.createElement('style');
      style.textContent = `
        ::view-transition-group(*), ::view-transition-old(*), ::view-transition-new(*) {
          animation-duration: 600s !important; }
        ::view-transition { background: rgb(${rgb}); pointer-events: none; }
        ::view-transition-old(root), ::view-transition-new(root) { opacity: 0 !important; }`;
      document.head.append(style);
      const transition = document.startViewTransition(() => undefined);
      (window as unknown as { skip: () => void }).skip = () => transition.skipTransition();
    }, COVER.join(','));
    // Control: the agent sees the cover where the button is.
    await expect.poll(screen, { timeout: 10_000 }).toEqual(COVER);
    await panel.press('button', m('ov_end'), { ready: false });
    await expect.poll(clicks, { timeout: 10_000 }).toEqual({ reached: 1, through: 0 });
    expect(s.sessions().find((x) => x.conversationId === conv.id)?.state).toBe('active');

    // Control: the transition over, the panel settles and the same real click ends the session.
    await page.evaluate(() => (window as unknown as { skip: () => void }).skip());
    await panel.press('button', m('ov_end'));
    await expect.poll(clicks, { timeout: 10_000 }).toEqual({ reached: 2, through: 1 });
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));
  });
});
