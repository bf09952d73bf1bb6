// Waiting on the on-page panel as an agent reads it: the harness's session panel (the dialog
// named "Cobrowse" in the panel frame) plus the status line and all its text.
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../../tools/browser/browser';
import { overlayOn, panelFrame, type SessionPanel } from '../../tools/browser/overlay';

const WAIT_MS = 15_000;

export function overlay(session: ExtensionSession, page: Page): Promise<SessionPanel> {
  return overlayOn(page, session);
}

/** Waits until the overlay's status line reads the message `key`; returns that text. */
export async function waitForStatus(
  session: ExtensionSession,
  page: Page,
  key: string,
): Promise<string> {
  const text = session.message(key);
  await (await overlay(session, page)).root
    .locator('p.status')
    .filter({ hasText: text })
    .waitFor({ timeout: WAIT_MS });
  return text;
}

export async function clickOverlayButton(
  session: ExtensionSession,
  page: Page,
  key: string,
): Promise<void> {
  await (await overlay(session, page)).button(session.message(key)).click({ timeout: WAIT_MS });
}

/** All the overlay's visible text, for the report. */
export async function overlayText(session: ExtensionSession, page: Page): Promise<string> {
  const frame = panelFrame(page);
  if (!frame) return '(no panel on the page)';
  const { root } = await overlay(session, page);
  if ((await root.count()) === 0) return '(no overlay on the page)';
  return ((await root.textContent({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim();
}
