// Firefox tour: the customer accepts while the agent reads another tab. The notification shows in
// Firefox's own notification window (alertWindowsOf: no desktop notification service under
// Xvfb), photographed from the screen; a real click on it brings the session's tab back.
import { alertWindowsOf, parentScript } from '../../tools/browser/firefox-parent';
import { waitFor } from '../../tools/browser/wait';
import type { FirefoxTourKit } from './firefox-kit';

export async function offTabStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, sandbox, m, step } = kit;
  return step(
    'The customer accepts while the agent is on another tab',
    'Started a web messaging cobrowse with the shortcut, then switched to the agent tool in another tab; the customer accepted; the agent clicked the notification, was back on the case, and pressed End.',
    async (t) => {
      const inParent = parentScript(session.browser);
      const customer = 'Ingrid Solberg';
      const conv = sandbox.addConversation({ media: 'message', customerName: customer });
      const page = await kit.casePage(conv.id);
      t.see(`pressed ${await kit.pressCommand(page, 'start-cobrowse')}`);
      const panel = await kit.panel(page);
      t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_offered')}"`);
      const other = await session.openWebPage(`${sandbox.url}/sandbox/agent-tool`);
      try {
        t.see('the agent switched to another tab (the agent tool)');
        sandbox.customer(conv.id, 'accept');
        const [alert] = await waitFor(
          async () => {
            const found = await alertWindowsOf(inParent);
            return found.length && found.every((a) => a.body) ? found : undefined;
          },
          { timeout: 20_000, message: 'the notification window' },
        );
        if (!alert) throw new Error('no notification');
        const expected = m('alert_accepted_message').replace('$CUSTOMER$', customer);
        t.check(alert.body === expected, `the notification says "${alert.body}"`);
        t.see(`notification: "${alert.body}" (Firefox allows no Open viewer button on it)`);
        await t.screen('notification');
        await session.clickAt(alert.x + alert.width / 2, alert.y + alert.height / 2);
        await waitFor(
          async () => (await page.evaluate(() => document.visibilityState)) === 'visible',
          { timeout: 20_000, message: "the session's tab in front" },
        );
        t.see("clicked it → the session's tab is in front");
        t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_active')}"`);
        await t.shot(page, 'back-on-the-session');
        await panel.press('button', m('ov_end'));
        t.see(`End → panel: "${await kit.waitForStatus(panel, 'ov_status_ended')}"`);
        await kit.sandboxState(t, conv.id, 'ended');
      } finally {
        await other.close();
      }
    },
  );
}
