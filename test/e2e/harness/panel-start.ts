// A start on a page a test writes itself: a fresh conversation of the agent shown on it, the
// shortcut pressed there, and the panel showing the sandbox's session. Shared by the panel's
// attack and isolation suites.
import type { Frame } from 'playwright-core';
import { expect } from 'vitest';
import { pressCommand, sandboxSession } from '../../../tools/browser/agent';
import { freshConversation } from '../../../tools/browser/cobrowse';
import { overlayOn, waitForPanelFrame } from '../../../tools/browser/overlay';
import type { useFixturePages } from './fixture-pages';
import type { AgentSuite } from './suite';

export async function startOnPage(
  suite: Pick<AgentSuite, 'ext' | 'sandbox' | 'open' | 'endAfter'>,
  fixtures: ReturnType<typeof useFixturePages>,
  customerName: string,
  name: string,
  html: (conversationId: string) => string,
) {
  const { ext, sandbox } = suite;
  const id = suite.endAfter(freshConversation(sandbox.current, { customerName }));
  const page = await suite.open(fixtures.page(name, html(id)));
  await pressCommand(ext.current, page);
  const issued = await sandboxSession(sandbox.current, id);
  const overlay = await overlayOn(page, ext.current);
  await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
  expect(await overlay.sessionId()).toBe(issued.id);
  const frame = await waitForPanelFrame(page);
  return { id, page, overlay, frame, joinCode: issued.joinCode, sessionId: issued.id };
}

/** The panel takes pointer clicks (visible and settled: `data-ready` on its <html>). */
export const panelReady = (frame: Frame) =>
  frame.locator('html[data-ready]').waitFor({ state: 'attached' });

/** A case page showing one conversation id and a notes field (somewhere the agent types). */
export const caseDeskPage = (conversationId: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Case desk</title></head>
<body>
  <h1>Case desk</h1>
  <p>Conversation ID: <code>${conversationId}</code></p>
  <label>Notes <textarea></textarea></label>
</body></html>`;
