// Every trigger with real input, under Xvfb: the start-cobrowse shortcut and the popup's
// shortcut pressed with xdotool, and real right-clicks on a link and on selected text with
// Chrome's native menu navigated by keys. Each ends with the overlay on the page showing the
// sandbox's own join code and session id for the conversation the agent pointed at.
import { describe, expect, it } from 'vitest';
import { createRequests, selectConversationIdCell } from '../../tools/browser/agent';
import { focusByRole } from '../../tools/browser/popup-target';
import { findPopupTarget, RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const agent = SEED.conversations.agent;
/**
 * On a link and on a selection, Chrome's menu ends with the extension's item and "Inspect"
 * (no "View page source" there): the item is one above the bottom.
 */
const ITEM_FROM_BOTTOM = 1;

describe('real input triggers', () => {
  const { ext, sandbox, openAgentTool, expectOverlayShowsSandboxSession } = useAgentSuite({
    launch: { headful: true },
  });
  const shortcut = (command: string) => {
    const key = ext.current.manifest.commands?.[command]?.suggested_key?.default;
    if (!key) throw new Error(`no shortcut for ${command}`);
    return xdotoolChord(key);
  };

  // First: with no session yet, the popup opens on the conversation list (not a past session).
  it('the popup’s shortcut opens the real popup over the page; Start, pressed by key, starts', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const page = await openAgentTool(agent.messagingOnline);

    await input.focusBrowser(page);
    await input.key(shortcut('_execute_action'));
    const popup = await findPopupTarget(session);
    try {
      // The page's conversation is preselected, so Start is enabled.
      await popup.waitForRole('radio', 'محمد الأحمد', { timeout: 20_000 });
      await popup.waitForRole('button', session.message('popup_start'), { timeout: 20_000 });
      await focusByRole(popup, 'button', session.message('popup_start'));
      await input.key('Return');

      const { issued } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
      // The popup shows the same session: the code as a screen reader reads it (digit by digit,
      // in its groups), and under Details, opened by key, the session id.
      const spoken = `${[...issued.joinCode.slice(0, 3)].join(' ')}, ${[...issued.joinCode.slice(3)].join(' ')}`;
      await popup.waitForRole('StaticText', spoken, { timeout: 20_000 });
      await popup.waitForRole('button', session.message('ov_details'), { timeout: 20_000 });
      await focusByRole(popup, 'button', session.message('ov_details'));
      await input.key('Return');
      await popup.waitForRole('StaticText', issued.id, { timeout: 20_000 });
      expect(popup.errors).toEqual([]);
    } finally {
      popup.close();
    }
  });

  it('the start-cobrowse shortcut, pressed for real, starts for the page’s conversation', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const page = await openAgentTool(agent.messagingOnline);
    const before = createRequests(sandbox.current, agent.messagingOnline).length;

    await input.focusBrowser(page);
    await input.key(shortcut('start-cobrowse'));

    const { overlay } = await expectOverlayShowsSandboxSession(page, agent.messagingOnline);
    expect(createRequests(sandbox.current, agent.messagingOnline)).toHaveLength(before + 1);
    expect(await overlay.timeline()).toContain(
      `${session.message('ov_step_requested')} (${session.message('ov_detail_command')})`,
    );
  });

  it('a real right-click on a link, "Start cobrowse" chosen by keys: the linked conversation', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    // Every conversation of the agent is on this page; the link names one.
    const page = await openAgentTool();
    const link = page
      .getByRole('row')
      .filter({ hasText: agent.voice })
      .getByRole('link', { name: 'Open in Genesys Cloud' });
    const box = await link.boundingBox();
    if (!box) throw new Error('the link is not on screen');

    await input.focusBrowser(page);
    await input.rightClickInPage(page, box.x + box.width / 2, box.y + box.height / 2);
    await input.chooseContextMenuItemFromBottom(ITEM_FROM_BOTTOM);

    const { overlay } = await expectOverlayShowsSandboxSession(page, agent.voice);
    expect(await overlay.timeline()).toContain(
      `${session.message('ov_step_requested')} (${session.message('ov_detail_menu')})`,
    );
  });

  it('a real right-click on selected text, "Start cobrowse" chosen by keys: the selected id', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const page = await openAgentTool();
    await input.focusBrowser(page);
    // The agent selects the cell's "Conversation ID: …" line, then right-clicks on it.
    const box = await selectConversationIdCell(page, agent.messagingOnline);
    expect(box.text).toContain(agent.messagingOnline);
    const before = sandbox.current.sessions().length;

    await input.rightClickInPage(page, box.x + box.width / 2, box.y + box.height / 2);
    await input.chooseContextMenuItemFromBottom(ITEM_FROM_BOTTOM);

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

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
