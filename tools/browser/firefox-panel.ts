// The on-page panel in Firefox, as the agent reads it, on puppeteer-core: the panel frame (the
// add-on's panel page inside the content script's closed shadow root; BiDi lists it among the
// page's frames, though under about:blank, see firefox.ts), and its controls by role and name.
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import type { FirefoxSession } from './firefox';
import { waitFor } from './wait';

/** Puppeteer's ARIA selector: the element with this role and accessible name. */
export const byRole = (role: string, name: string) =>
  `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;

export interface FirefoxPanel {
  frame: Frame;
  /** The value under a field's visible label (e.g. the join code's digits, without the gaps). */
  field(labelKey: string): Promise<string>;
  joinCode(): Promise<string>;
  sessionId(): Promise<string>;
  /** The status line. */
  status(): Promise<string>;
  /** Waits for a control by role and name, inside the panel's dialog. */
  control(role: string, name: string): Promise<ElementHandle>;
  /**
   * A real click (xdotool) on a control by role and name, as the agent's mouse; headful only.
   * Aimed once the panel takes clicks, unless `ready: false` (a click the guard should drop).
   */
  press(role: string, name: string, options?: { ready?: boolean }): Promise<void>;
}

async function isPanel(frame: Frame, origin: string): Promise<boolean> {
  return frame
    .evaluate((o) => location.href.startsWith(`${o}/src/panel/`), origin)
    .catch(() => false);
}

/**
 * The panel on `page`, once the content script made it and it takes clicks (data-ready), or
 * with `ready: false` once its dialog shows (on a page that keeps it from taking clicks).
 */
export async function firefoxPanel(
  page: Page,
  session: FirefoxSession,
  { ready = true } = {},
): Promise<FirefoxPanel> {
  const frame = await waitFor(
    async () => {
      for (const f of page.frames()) {
        if (f !== page.mainFrame() && (await isPanel(f, session.origin))) return f;
      }
      return undefined;
    },
    { timeout: 20_000, message: 'the panel frame on the page' },
  );
  const dialog = await frame.waitForSelector(
    `${ready ? 'html[data-ready] ' : ''}${byRole('dialog', session.message('ov_dialog_name'))}`,
    { timeout: 20_000 },
  );
  if (!dialog) throw new Error('no panel dialog');
  const field = (labelKey: string) =>
    frame.evaluate((label) => {
      const fields = [...document.querySelectorAll('.field')];
      const mine = fields.find((f) => [...f.children].some((c) => c.textContent === label));
      return mine?.querySelector('.code, .sid')?.textContent ?? '';
    }, session.message(labelKey));
  const control = async (role: string, name: string) => {
    const found = await frame.waitForSelector(byRole(role, name), { timeout: 20_000 });
    if (!found) throw new Error(`no ${role} "${name}" in the panel`);
    return found;
  };
  return {
    frame,
    field,
    joinCode: () => field('ov_join_code'),
    sessionId: () => field('ov_session_id'),
    status: () => frame.evaluate(() => document.querySelector('p.status')?.textContent ?? ''),
    control,
    async press(role, name, { ready = true } = {}) {
      const target = await control(role, name);
      await page.bringToFront();
      // Aim once the panel takes clicks (data-ready: its clickjacking guard counts a click only
      // once the frame has stayed put for a moment since it last moved, resized or restyled),
      // the control has stopped moving and is the topmost element at its centre.
      // mozInnerScreenX/Y: Firefox's own, where this frame's viewport is on the screen.
      let last = '';
      const at = await waitFor(
        async () => {
          const point = await target.evaluate((el, ready) => {
            el.scrollIntoView({ block: 'nearest' });
            const box = el.getBoundingClientRect();
            const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
            const hit = document.elementFromPoint(cx, cy);
            if (!hit || !(hit === el || el.contains(hit))) return undefined;
            if (ready && !document.documentElement.hasAttribute('data-ready')) return undefined;
            const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
            return { x: w.mozInnerScreenX + cx, y: w.mozInnerScreenY + cy };
          }, ready);
          const seen = JSON.stringify(point);
          const steady = point && seen === last;
          last = seen;
          return steady ? point : undefined;
        },
        { message: `the panel's ${role} "${name}" in place` },
      );
      await session.clickAt(at.x, at.y);
    },
  };
}
