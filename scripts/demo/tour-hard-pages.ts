// Tour step: the panel on pages that make an on-page panel hard to use (hard-pages.ts), each
// photographed straight from the compositor and checked whole, in the window and clickable.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { waitForPanelFrame } from '../../tools/browser/overlay';
import { HARD_PAGES, serveHardPages } from './hard-pages';
import { overlay } from './overlay';
import type { StepTools, TourKit } from './tour-kit';

export async function hardPagesStep(kit: TourKit): Promise<boolean> {
  const { session, sandbox, driver, step } = kit;
  return step(
    'The panel on hard pages',
    `The shortcut on six pages: ${HARD_PAGES.map((p) => p.what).join('; ')}.`,
    async (t) => {
      const userId = (await session.request('auth.status', {})).user?.id;
      t.check(Boolean(userId), 'nobody is signed in');
      const conversations = new Map<string, string>();
      const urlOf = await serveHardPages(session.context, sandbox.url, (name) => {
        let id = conversations.get(name);
        if (!id) {
          id = sandbox.addConversation({
            media: 'message',
            customerName: 'Ilse Brandvold',
            userId: userId as string,
          }).id;
          conversations.set(name, id);
        }
        return id;
      });
      for (const hard of HARD_PAGES) {
        const page = await session.context.newPage();
        try {
          await page.goto(urlOf(hard.name));
          const id = conversations.get(hard.name) as string;
          for (const line of await driver.start('command', page, id)) t.see(line);
          const undo = await hard.arrange?.(page, session);
          try {
            await panelUsable(kit, t, page, hard.what);
            // Straight from the compositor: Playwright's own screenshot crops a zoomed tab.
            const file = t.reserve(`panel-${hard.name}`);
            const cdp = await session.context.newCDPSession(page);
            const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
            await cdp.detach();
            writeFileSync(file.path, Buffer.from(data, 'base64'));
            file.taken();
          } finally {
            await undo?.();
          }
          await session.request('cobrowse.end', { conversationId: id });
        } finally {
          await page.close();
        }
      }
    },
  );
}

/** The panel is wholly in the window and its header's Close button takes a click. */
async function panelUsable(kit: TourKit, t: StepTools, page: Page, what: string) {
  const { session } = kit;
  const panel = await overlay(session, page);
  const close = panel.button(session.message('ov_close'));
  await close.waitFor({ timeout: 15_000 });
  const frame = await waitForPanelFrame(page);
  const box = await (await frame.frameElement()).boundingBox();
  const view = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  t.check(
    box !== null &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= view.width + 0.5 &&
      box.y + box.height <= view.height + 0.5,
    `on ${what} the panel is not wholly in the window`,
  );
  const closeBox = await close.boundingBox();
  t.check(closeBox !== null && closeBox.width > 0, `on ${what} Close is not on screen`);
  t.see(`${what}: the panel is whole, in the window, and takes clicks (Close on screen)`);
}
