// Firefox, headful under Xvfb: the customer accepts while the agent reads another tab; the
// add-on's notification (Firefox allows no buttons on it) shows in Firefox's own notification
// window, and a real click on it brings the agent back to the session's tab.
import { describe, expect, it } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { firefoxPanel } from '../../../tools/browser/firefox-panel';
import { alertWindowsOf, parentScript } from '../../../tools/browser/firefox-parent';
import { waitFor } from '../../../tools/browser/wait';
import { pressStartOn, useFirefox, useFirefoxSandbox } from './harness';

describe('Firefox: the accept noticed from another tab', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);

  it('a notification says who accepted; a real click on it shows the session’s tab', async () => {
    const session = ff.current;
    const s = sandbox.current;
    const m = (key: string) => session.message(key);
    const inParent = parentScript(session.browser);
    s.settings({ autoApprove: true });
    expect((await session.request('auth.signIn', {})).signedIn).toBe(true);
    // Control: no notification window before the accept (this also picks Firefox's own windows).
    expect(await alertWindowsOf(inParent)).toEqual([]);
    const customer = 'Nora Notified';
    const conv = s.addConversation({ media: 'message', customerName: customer });
    const page = await pressStartOn(session, s, conv.id);
    await sandboxSession(s, conv.id);
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));

    const other = await session.openWebPage(`${s.url}/sandbox/agent-tool`);
    const visible = (p: typeof page) => p.evaluate(() => document.visibilityState);
    await expect.poll(() => visible(page)).toBe('hidden');
    s.customer(conv.id, 'accept');
    const [alert] = await waitFor(
      async () => {
        // Once the window has its text (it opens first, then fills in).
        const found = await alertWindowsOf(inParent);
        return found.length && found.every((a) => a.body) ? found : undefined;
      },
      { timeout: 20_000, message: 'the notification window' },
    );
    expect(alert?.body).toBe(m('alert_accepted_message').replace('$CUSTOMER$', customer));
    const listed = await session.evalInExtension(async () => {
      type N = { notifications: { getAll(): Promise<Record<string, { title: string }>> } };
      return await (globalThis as unknown as { browser: N }).browser.notifications.getAll();
    });
    expect(Object.values(listed).map((n) => n.title)).toEqual([m('alert_accepted_title')]);

    if (!alert) throw new Error('no notification');
    await session.clickAt(alert.x + alert.width / 2, alert.y + alert.height / 2);
    await expect.poll(() => visible(page), { timeout: 20_000 }).toBe('visible');
    expect(await visible(other)).toBe('hidden');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    await session.request('cobrowse.end', { conversationId: conv.id });
  });
});
