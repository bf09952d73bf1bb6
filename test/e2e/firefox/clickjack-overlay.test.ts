// Firefox, headful under Xvfb: a page paints over the panel with something that is not an element
// the host's look can find. A view transition's pseudo-elements (::view-transition) are painted
// above the whole top layer; the page makes them opaque, lets clicks through them, and stretches
// the transition for ten minutes. The agent sees no panel, so the panel must drop their real click; the
// control reads the screen (the cover's colour where the button is) and counts the click as
// reaching the panel's window; once the transition is over, the same click counts.
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { firefoxPanel } from '../../../tools/browser/firefox-panel';
import { pressStartOn, useFirefox, useFirefoxSandbox } from './harness';
import { COVER, countClicks, onScreen, pixel } from './panel-screen';

async function started(
  ff: ReturnType<typeof useFirefox>,
  s: ReturnType<typeof useFirefoxSandbox>['current'],
  name: string,
) {
  s.settings({ autoApprove: true });
  expect((await ff.current.request('auth.signIn', {})).signedIn).toBe(true);
  const conv = s.addConversation({ media: 'message', customerName: name });
  const page = await pressStartOn(ff.current, s, conv.id);
  const panel = await firefoxPanel(page, ff.current);
  await sandboxSession(s, conv.id);
  s.customer(conv.id, 'accept');
  await expect
    .poll(() => panel.status(), { timeout: 20_000 })
    .toBe(ff.current.message('ov_status_active'));
  const end = await onScreen(panel, ff.current.message('ov_end'));
  if (!end) throw new Error('no End button');
  const screen = () => pixel(ff.current.screenImage?.() ?? Buffer.alloc(0), end.x, end.y);
  return { conv, page, panel, screen };
}

describe('Firefox: a page that paints over the panel without an element', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);

  afterEach(async () => {
    for (const page of (await ff.current.browser.pages()).slice(1)) {
      await page.close().catch(() => undefined);
    }
  });

  it('gets no click through an opaque view transition that lets clicks pass', async () => {
    const s = sandbox.current;
    const { conv, page, panel, screen } = await started(ff, s, 'Vera Transition');
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
