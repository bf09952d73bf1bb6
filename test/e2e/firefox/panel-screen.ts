// What the agent sees of the panel and what their clicks do in it, for the Firefox clickjacking
// suites: the screen's colour at a point (Xvfb's own picture), where a panel button is on the
// screen, and how many clicks reached the panel's window and got past its guard.
import { inflateSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { afterEach, expect } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { type FirefoxPanel, firefoxPanel } from '../../../tools/browser/firefox-panel';
import { pressStartOn, type useFirefox, type useFirefoxSandbox } from './harness';

export const COVER: [number, number, number] = [255, 0, 255];

/** RGB at (x, y) of a PNG as xwd-png.ts writes it (8-bit RGB, one IDAT, filter 0 on each row). */
export function pixel(png: Buffer, x: number, y: number): [number, number, number] {
  const width = png.readUInt32BE(16);
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT')
      parts.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(parts));
  const i = Math.round(y) * (1 + width * 3) + 1 + Math.round(x) * 3;
  return [raw[i] ?? 0, raw[i + 1] ?? 0, raw[i + 2] ?? 0];
}

/** Counts clicks reaching the panel's window (capture) and those no guard stopped (bubble). */
export async function countClicks(panel: FirefoxPanel) {
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

/** Where on the screen the centre of the panel's button named `name` is. */
export const onScreen = (panel: FirefoxPanel, name: string) =>
  panel.frame.evaluate((name) => {
    const el = [...document.querySelectorAll('button')].find((b) => b.textContent === name);
    const box = el?.getBoundingClientRect();
    if (!box) return undefined;
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return {
      x: w.mozInnerScreenX + box.x + box.width / 2,
      y: w.mozInnerScreenY + box.y + box.height / 2,
    };
  }, name);

/**
 * Signed in, a new messaging conversation started by the real shortcut and accepted: its page,
 * its panel, and the screen's colour where the panel's End button is.
 */
export async function accepted(
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

/**
 * `accepted` for a suite: each start's agent page is closed after its test (only those: the
 * harness's own extension page serves the later tests).
 */
export function useAccepted(
  ff: ReturnType<typeof useFirefox>,
  sandbox: ReturnType<typeof useFirefoxSandbox>,
) {
  const pages: Page[] = [];
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });
  return async (customerName: string) => {
    const started = await accepted(ff, sandbox.current, customerName);
    pages.push(started.page);
    return started;
  };
}
