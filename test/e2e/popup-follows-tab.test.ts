// The toolbar popup follows the tab it opens over, with real input under Xvfb: after a session of
// one conversation was declined on another tab, the popup opened (by its real shortcut) over the
// page of another conversation shows that page's conversation chosen and marked, not the finished
// session, which stays reachable.
import { describe, expect, it } from 'vitest';
import { sandboxSession } from '../../tools/browser/agent';
import { casePage, freshConversation, sessionWhere } from '../../tools/browser/cobrowse';
import { focusByRole } from '../../tools/browser/popup-target';
import { findPopupTarget, RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { useAgentSuite } from './harness/suite';

describe('the popup follows the tab', () => {
  const { ext, sandbox, m, keep, start } = useAgentSuite({ launch: { headful: true } });

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
});
