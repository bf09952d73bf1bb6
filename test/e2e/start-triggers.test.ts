// Starting a cobrowse from each trigger — the popup's Start, the right-click item on a link and
// on selected text, the keyboard command — against the sandbox: one create request for the
// conversation the agent meant, and the overlay on that page shows the very join code and
// session id the sandbox issued. (Headless: the menu click and the command arrive as Chrome
// delivers them to the worker; real-input-triggers.test.ts makes the same gestures for real.)
import { describe, expect, it } from 'vitest';
import {
  clickMenuItem,
  createRequests,
  openPopupOver,
  pressCommand,
  selectConversationIdCell,
} from '../../tools/browser/agent';
import { popupSession } from '../../tools/browser/overlay';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const agent = SEED.conversations.agent;

describe('start triggers', () => {
  const { ext, sandbox, keep, openAgentTool, expectOverlayShowsSandboxSession } = useAgentSuite();

  it('the popup: the page’s conversation is preselected; Start shows the session on the page and in the popup', async () => {
    const session = ext.current;
    const page = await openAgentTool(agent.messagingOnline);
    const popup = keep(await openPopupOver(session, page));

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
    const page = await openAgentTool();
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
    const page = await openAgentTool();
    // The agent selects "Conversation ID: …" in one row of the table.
    const { text: selectionText } = await selectConversationIdCell(page, agent.messagingOnline);
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
    expect(await overlay.timeline()).toContain(
      `${session.message('ov_step_requested')} (${session.message('ov_detail_menu')})`,
    );
  });

  it('the keyboard command: the page’s one conversation', async () => {
    const session = ext.current;
    // Chrome silently leaves a suggested key unassigned when it collides with its own.
    const suggested = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default;
    const assigned = await session.evalInWorker(async () =>
      (await chrome.commands.getAll()).find((c) => c.name === 'start-cobrowse'),
    );
    expect(assigned?.shortcut).toBe(suggested);
    const page = await openAgentTool(agent.messagingOnline);
    const before = createRequests(sandbox.current, agent.messagingOnline).length;

    await pressCommand(session, page);

    const { overlay } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
    expect(createRequests(sandbox.current, agent.messagingOnline)).toHaveLength(before + 1);
    expect(await overlay.timeline()).toContain(
      `${session.message('ov_step_requested')} (${session.message('ov_detail_command')})`,
    );
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
