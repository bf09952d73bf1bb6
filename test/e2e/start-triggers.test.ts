// Starting a cobrowse from each trigger — the popup's Start, the right-click item on a link and
// on selected text, the keyboard command — against the sandbox: one create request for the
// conversation the agent meant, and the overlay on that page shows the very join code and
// session id the sandbox issued. (Headless: the menu click and the command arrive as Chrome
// delivers them to the worker; real-input-triggers.test.ts makes the same gestures for real.)
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  clickMenuItem,
  createRequests,
  openAgentPage,
  openPopupOver,
  pressCommand,
  sandboxSession,
  signIn,
} from './harness/agent';
import { useExtension } from './harness/fixture';
import { overlayOn, popupSession } from './harness/overlay';
import { SEED, useSandbox } from './harness/sandbox';

const agent = SEED.conversations.agent;

describe('start triggers', () => {
  const ext = useExtension();
  const sandbox = useSandbox(ext);
  const pages: Page[] = [];
  const open = async (path: string) => {
    const page = await openAgentPage(ext.current, `${sandbox.current.url}${path}`);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    await signIn(ext.current, sandbox.current);
  });

  // Each test leaves no offer out: the sandbox allows one pending session per agent.
  afterEach(async () => {
    for (const s of sandbox.current.sessions()) {
      if (s.state === 'offered' || s.state === 'active') {
        await ext.current.request('cobrowse.end', { conversationId: s.conversationId });
        await sandboxSession(sandbox.current, s.conversationId, ['ended']);
      }
    }
    for (const page of pages.splice(0)) await page.close();
  });

  /** The overlay on `page` shows the sandbox's session for this conversation, exactly. */
  async function expectOverlayShowsSandboxSession(page: Page, conversationId: string) {
    const session = ext.current;
    const issued = await sandboxSession(sandbox.current, conversationId);
    const overlay = overlayOn(page, session);
    await expect.poll(() => overlay.joinCode()).toBe(issued.joinCode);
    expect(await overlay.sessionId()).toBe(issued.id);
    expect(issued.joinCode).toMatch(/^\d{6}$/);
    return { issued, overlay };
  }

  it('the popup: the page’s conversation is preselected; Start shows the session on the page and in the popup', async () => {
    const session = ext.current;
    const page = await open(`/sandbox/agent-tool/${agent.messagingOnline}`);
    const popup = await openPopupOver(session, page);
    pages.push(popup);

    const radio = popup.getByRole('radio', { name: 'محمد الأحمد' });
    await expect.poll(() => radio.isChecked()).toBe(true);
    expect(createRequests(sandbox.current, agent.messagingOnline)).toEqual([]);
    await popup.getByRole('button', { name: session.message('popup_start') }).click();

    const { issued, overlay } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
    expect(createRequests(sandbox.current, agent.messagingOnline)).toHaveLength(1);
    expect(await overlay.status()).toBe(session.message('ov_status_offered'));
    const inPopup = popupSession(popup, session);
    await expect.poll(() => inPopup.joinCode()).toBe(issued.joinCode);
    expect(await inPopup.sessionId()).toBe(issued.id);
  });

  it('the right-click item on a link: the linked conversation, not the others on the page', async () => {
    const session = ext.current;
    // The agent tool lists every conversation of the agent: several ids on the page.
    const page = await open('/sandbox/agent-tool');
    const row = page.getByRole('row').filter({ hasText: agent.voice });
    const link = row.getByRole('link', { name: 'Open in Genesys Cloud' });
    const linkUrl = (await link.evaluate((a) => (a as HTMLAnchorElement).href)) as string;
    expect(linkUrl).toContain(agent.voice);

    const before = sandbox.current.sessions().length;
    await clickMenuItem(session, page, { linkUrl });

    const { overlay } = await expectOverlayShowsSandboxSession(page, agent.voice);
    expect(await overlay.status()).toBe(session.message('ov_status_offered_call'));
    expect(
      sandbox.current
        .sessions()
        .slice(before)
        .map((s) => s.conversationId),
    ).toEqual([agent.voice]);
  });

  it('the right-click item on selected text: the selected conversation id', async () => {
    const session = ext.current;
    const page = await open('/sandbox/agent-tool');
    // The agent selects "Conversation ID: …" in one row of the table.
    const cell = page
      .getByRole('cell')
      .filter({ hasText: `Conversation ID: ${agent.messagingOnline}` });
    const selectionText = await cell.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td.firstChild as Node);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    expect(selectionText).toContain(agent.messagingOnline);

    const before = sandbox.current.sessions().length;
    await clickMenuItem(session, page, { selectionText });

    const { issued, overlay } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
    expect(
      sandbox.current
        .sessions()
        .slice(before)
        .map((s) => s.id),
    ).toEqual([issued.id]);
    expect(await overlay.timeline()).toContain(`${session.message('ov_step_requested')} (menu)`);
  });

  it('the keyboard command: the page’s one conversation', async () => {
    const session = ext.current;
    // Chrome silently leaves a suggested key unassigned when it collides with its own.
    const suggested = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default;
    const assigned = await session.evalInWorker(async () =>
      (await chrome.commands.getAll()).find((c) => c.name === 'start-cobrowse'),
    );
    expect(assigned?.shortcut).toBe(suggested);
    const page = await open(`/sandbox/agent-tool/${agent.messagingOnline}`);
    const before = createRequests(sandbox.current, agent.messagingOnline).length;

    await pressCommand(session, page);

    const { overlay } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
    expect(createRequests(sandbox.current, agent.messagingOnline)).toHaveLength(before + 1);
    expect(await overlay.timeline()).toContain(`${session.message('ov_step_requested')} (command)`);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
