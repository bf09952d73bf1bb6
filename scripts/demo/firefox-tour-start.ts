// Firefox tour, first part: the options page (the Firefox redirect URI, Test connection), sign-in
// through the real identity.launchWebAuthFlow window, the agent tool, and a cobrowse started
// from the real toolbar popup (its shortcut, then a real click on Start) that the customer
// accepts and the agent ends.
import { byRole } from '../../tools/browser/firefox-panel';
import { SEED } from '../../tools/sandbox/index';
import { DEMO_AGENT } from './agent';
import type { FirefoxTourKit } from './firefox-kit';

export async function optionsStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, m, step } = kit;
  return step(
    'Options page: the Firefox redirect URI, and Test connection',
    'Opened the options page; read the redirect URI to register; pressed Test connection.',
    async (t) => {
      const options = await session.openOptions();
      try {
        const field = await options.waitForSelector(byRole('textbox', m('options_redirect_uri')));
        const uri = await field?.evaluate((el) => (el as HTMLInputElement).value);
        t.check(/\.extensions\.allizom\.org\/$/.test(uri ?? ''), `redirect URI ${uri}`);
        t.see(`the redirect URI to register: ${uri}`);
        await (
          await options.waitForSelector(byRole('button', m('options_test_connection')))
        )?.click();
        const report = await options.waitForSelector(byRole('region', m('options_report_heading')));
        await report?.waitForSelector(`::-p-text(${m('options_report_ready')})`, {
          timeout: 20_000,
        });
        t.see(`Test connection: "${m('options_report_ready')}"`);
        await t.shot(options, 'options-test-connection');
      } finally {
        await options.close();
      }
    },
  );
}

export async function signInStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, sandbox, m, step } = kit;
  return step(
    `Sign in as the demo agent (${DEMO_AGENT})`,
    'Options saved through settings.save (custom base URL = the sandbox, the seeded PKCE client); popup → Sign in; on the sandbox login page chose the agent and Allow.',
    async (t) => {
      await session.request('settings.save', {
        environment: { kind: 'custom', baseUrl: sandbox.url },
        clientId: SEED.clients.pkce,
      });
      const popup = await session.openPopup();
      try {
        const authTarget = session.browser.waitForTarget(
          (target) => target.url().startsWith(`${sandbox.url}/oauth/authorize`),
          { timeout: 20_000 },
        );
        await (await popup.waitForSelector(byRole('button', m('popup_sign_in'))))?.click();
        const login = await (await authTarget).page();
        if (!login) throw new Error('the sign-in window has no page');
        await (await login.waitForSelector(byRole('radio', DEMO_AGENT)))?.click();
        await t.shot(login, 'sign-in-page');
        t.see('the launchWebAuthFlow window showed the sandbox login page');
        await (await login.waitForSelector(byRole('button', 'Allow')))?.click();
        await popup.waitForSelector(`::-p-text(${SEED.org.name})`, { timeout: 20_000 });
        await popup.waitForSelector(byRole('button', m('popup_start')), { timeout: 20_000 });
        t.see(`the popup shows ${DEMO_AGENT} of ${SEED.org.name} and the agent's conversations`);
        await t.shot(popup, 'popup-signed-in');
      } finally {
        await popup.close();
      }
    },
  );
}

export async function agentToolStep(kit: FirefoxTourKit): Promise<boolean> {
  const { sandbox, step } = kit;
  return step(
    'The agent tool',
    `Opened ${sandbox.url}/sandbox/agent-tool, an in-house tool listing the agent's conversations.`,
    async (t) => {
      const page = await kit.workTab('/sandbox/agent-tool');
      const rows = await page.$$eval('tbody tr', (all) => all.length);
      t.check(rows === 5, `expected the agent's 5 conversations, saw ${rows}`);
      t.see(`${rows} conversations, each with its conversation id and a Genesys Cloud link`);
      await t.shot(page, 'agent-tool');
    },
  );
}

export async function popupAcceptStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, sandbox, m, step } = kit;
  const id = SEED.conversations.agent.messagingOnline;
  return step(
    'Toolbar popup → the customer accepts',
    'On the case page of a web messaging conversation (customer online): the popup’s shortcut opened the real toolbar popup; a real click on Start cobrowse; the customer accepted in their Messenger (sandbox); the agent pressed End.',
    async (t) => {
      const page = await kit.casePage(id);
      const key = await kit.pressCommand(page, '_execute_action');
      const start = await session.popupControl('button', m('popup_start'));
      t.see(`${key} opened the toolbar popup, this page's conversation preselected`);
      await t.screen('popup-over-page');
      await session.clickAt(start.x, start.y);
      await session.closeToolbarPopup();
      const panel = await kit.panel(page);
      t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_offered')}"`);
      await kit.joinCodeMatches(t, panel, id);
      await t.shot(page, 'panel-offered');

      sandbox.customer(id, 'accept');
      t.see(`customer accepted → panel: "${await kit.waitForStatus(panel, 'ov_status_active')}"`);
      await panel.control('button', m('ov_open_viewer'));
      t.see(`"${m('ov_open_viewer')}" is offered`);
      await t.shot(page, 'panel-accepted');
      await panel.press('button', m('ov_end'));
      t.see(`End → panel: "${await kit.waitForStatus(panel, 'ov_status_ended')}"`);
      await kit.sandboxState(t, id, 'ended');
    },
  );
}
