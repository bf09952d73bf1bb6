// The toolbar popup follows the tab it opens over, with real input under Xvfb: after a session of
// one conversation was declined on another tab, the popup opened (by its real shortcut) over the
// page of another conversation shows that page's conversation chosen and marked, not the finished
// session, which stays reachable. The panel's picker marks the page's conversations the same way.
import { describe, expect, it } from 'vitest';
import { pressCommand, sandboxSession } from '../../tools/browser/agent';
import { casePage, freshConversation, sessionWhere } from '../../tools/browser/cobrowse';
import { overlayOn } from '../../tools/browser/overlay';
import { focusByRole } from '../../tools/browser/popup-target';
import { findPopupTarget, RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

describe('the popup follows the tab', () => {
  const { ext, sandbox, m, keep, start, openAgentTool } = useAgentSuite({
    launch: { headful: true },
  });

  it('over a conversation’s page after a declined session elsewhere: that page’s conversation, chosen', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    // Conversation D: started on its own tab, then declined by the customer.
    const declined = await start({ customerName: 'Dora Declined' });
    await sandboxSession(sandbox.current, declined.id);
    sandbox.current.customer(declined.id, 'decline');
    await sessionWhere(session, declined.id, (s) => s.state === 'declined', 'D declined');

    // Conversation C, on a page of its own in another tab.
    const current = freshConversation(sandbox.current, { customerName: 'Cleo Current' });
    const page = keep(await casePage(session, sandbox.current, current));
    await input.focusBrowser(page);
    const shortcut = session.manifest.commands?._execute_action?.suggested_key?.default as string;
    await input.key(xdotoolChord(shortcut));
    const popup = await findPopupTarget(session);
    try {
      const radio = await popup.waitForRole('radio', 'Cleo Current', { timeout: 20_000 });
      expect(radio.checked).toBe(true);
      await popup.waitForRole('StaticText', m('picker_on_this_page'));
      // Same-named customers are told apart: the start time and the id's last four characters.
      const started = m('picker_started_at').replace('$TIME$', '');
      await popup.waitForRole(
        'StaticText',
        new RegExp(`${started}\\d.* · ID …${current.slice(-4)}$`),
      );
      await popup.waitForRole('button', m('popup_start'));
      // The list is shown, so the choice of view is made: D's finished session is not on screen.
      const names = (await popup.accessibleNodes()).map((n) => `${n.role}:${n.name}`);
      expect(names).not.toContain(`button:${m('ov_offer_again')}`);

      // Still reachable on purpose: the agent asks for it.
      await focusByRole(popup, 'button', m('popup_show_session'));
      await input.key('Return');
      await popup.waitForRole('button', m('ov_offer_again'), { timeout: 20_000 });
      expect(popup.errors).toEqual([]);
    } finally {
      popup.close();
    }
  });

  it('over the page of a live session: that session', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const live = await start({ customerName: 'Lena Live' });
    await sandboxSession(sandbox.current, live.id);
    await input.focusBrowser(live.page);
    const shortcut = session.manifest.commands?._execute_action?.suggested_key?.default as string;
    await input.key(xdotoolChord(shortcut));
    const popup = await findPopupTarget(session);
    try {
      await popup.waitForRole('button', m('ov_end'), { timeout: 20_000 });
      const names = (await popup.accessibleNodes()).map((n) => `${n.role}:${n.name}`);
      expect(names).not.toContain(`button:${m('popup_start')}`);
      expect(popup.errors).toEqual([]);
    } finally {
      popup.close();
    }
  });

  it('the panel’s picker marks the page’s conversations, with start time and id end', async () => {
    const session = ext.current;
    const id = SEED.conversations.agent.messagingOnline;
    // The agent tool's list page shows every conversation of the agent: the panel asks which.
    const page = await openAgentTool();
    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);
    const list = overlay.root.getByRole('list', { name: m('ov_picker_title') });
    await list.waitFor({ timeout: 20_000 });
    const started = m('picker_started_at').replace('$TIME$', '');
    const choice = list.getByRole('button', {
      name: new RegExp(
        `^محمد الأحمد ${m('picker_on_this_page')} .*${started}\\d.* · ID …${id.slice(-4)}$`,
      ),
    });
    expect(await choice.count()).toBe(1);
  });
});
