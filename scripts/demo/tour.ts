// The scripted tour: sign in, the options page, then a cobrowse from each trigger with the
// customer accepting, declining, and coming back online, a permission error, and the panel on
// hard pages. Every step asserts what the agent would see (status line, join code = the sandbox
// session's) and leaves screenshots; the report says what was done, what was seen, pass or fail.
import { existsSync } from 'node:fs';
import { signIn } from '../../tools/browser/agent';
import { SEED } from '../../tools/sandbox/index';
import { configureAndSignIn, DEMO_AGENT } from './agent';
import { clickOverlayButton, overlay, overlayText, waitForStatus } from './overlay';
import type { StepResult } from './report';
import { offTabStep, voiceStep } from './tour-day';
import { hardPagesStep } from './tour-hard-pages';
import { createTourKit, type TourContext } from './tour-kit';

export type { TourContext } from './tour-kit';

export async function runTour(ctx: TourContext): Promise<StepResult[]> {
  const kit = createTourKit(ctx);
  const { session, sandbox, driver, steps, step, casePage, sandboxSession } = kit;
  const { joinCodeMatches, sandboxState } = kit;
  // 1. Sign-in through the real launchWebAuthFlow window. Nothing else can work without it.
  const signedIn = await step(
    `Sign in as the demo agent (${DEMO_AGENT})`,
    'Options saved through settings.save (custom base URL = the sandbox, the seeded PKCE client); popup → Sign in; on the sandbox login page chose the agent and Allow.',
    async (t) => {
      const popup = await configureAndSignIn(session, sandbox, {
        beforeAllow: async (login) => {
          await t.shot(login, 'sign-in-page');
        },
      });
      await popup.getByText(SEED.org.name, { exact: true }).waitFor({ timeout: 10_000 });
      t.see(`the popup shows ${DEMO_AGENT} of ${SEED.org.name} and the agent's conversations`);
      await popup
        .getByRole('button', { name: session.message('popup_start') })
        .waitFor({ timeout: 10_000 });
      await t.shot(popup, 'popup-signed-in', { element: popup.locator('body > *').first() });
      await popup.close();
    },
  );

  if (!signedIn) return steps;

  // 2. The options page, with Test connection.
  await step(
    'Options page: Test connection',
    'Opened the options page and pressed Test connection.',
    async (t) => {
      const options = await session.openOptions();
      await options
        .getByRole('button', { name: session.message('options_test_connection') })
        .click();
      const report = options.getByRole('region', {
        name: session.message('options_report_heading'),
      });
      await report.getByText(session.message('options_report_ready')).waitFor({ timeout: 10_000 });
      t.see(`"${session.message('options_report_ready')}"`);
      await t.shot(options, 'options-test-connection', { fullPage: true });
      await options.close();
    },
  );

  // 3. The in-house agent tool.
  await step(
    'The agent tool',
    `Opened ${sandbox.url}/sandbox/agent-tool, an in-house tool listing the agent's conversations.`,
    async (t) => {
      const workPage = await kit.workTab('/sandbox/agent-tool');
      const rows = await workPage.locator('tbody tr').count();
      t.check(rows === 5, `expected the agent's 5 conversations, saw ${rows}`);
      t.see(`${rows} conversations, each with its conversation id and a Genesys Cloud link`);
      await t.shot(workPage, 'agent-tool');
    },
  );

  // 4. Popup → the customer accepts.
  const accepted = SEED.conversations.agent.messagingOnline;
  await step(
    'Toolbar popup → the customer accepts',
    `On the case page of a web messaging conversation (customer online): opened the popup and pressed Start cobrowse; then the customer accepted in their Messenger (sandbox), and the agent pressed End. Input: ${driver.real ? 'real' : 'background request'}.`,
    async (t) => {
      const page = await casePage(accepted);
      const popupShot = t.reserve('popup-session');
      for (const line of await driver.start('popup', page, accepted, popupShot.path)) t.see(line);
      if (existsSync(popupShot.path)) popupShot.taken();
      t.see(`overlay: "${await waitForStatus(session, page, 'ov_status_offered')}"`);
      await joinCodeMatches(t, page, accepted);
      await t.shot(page, 'overlay-offered');

      const customer = await session.context.newPage();
      await customer.goto(`${sandbox.url}/sandbox/`);
      const accept = customer
        .getByRole('article', { name: 'محمد الأحمد' })
        .getByRole('button', { name: 'Accept offer' });
      await accept.waitFor({ timeout: 10_000 });
      await accept.scrollIntoViewIfNeeded();
      t.see("the customer's page (/sandbox/) shows the offer with Accept offer / Decline offer");
      await t.shot(customer, 'customer-page-offer');
      await customer.close();

      sandbox.customer(accepted, 'accept');
      t.see(
        `customer accepted → overlay: "${await waitForStatus(session, page, 'ov_status_active')}"`,
      );
      await t.shot(page, 'overlay-accepted');
      await clickOverlayButton(session, page, 'ov_end');
      t.see(`End → overlay: "${await waitForStatus(session, page, 'ov_status_ended')}"`);
      await sandboxState(t, accepted, 'ended');
    },
  );

  // 5. Right-click menu → the customer declines.
  await step(
    'Right-click menu → the customer declines',
    `On the case page of a new web messaging conversation: right-click → "${session.message('popup_start')}"; then the customer declined.`,
    async (t) => {
      const conv = sandbox.addConversation({ media: 'message', customerName: 'Lukas Müller' });
      const page = await casePage(conv.id);
      for (const line of await driver.start('menu', page, conv.id)) t.see(line);
      t.see(`overlay: "${await waitForStatus(session, page, 'ov_status_offered')}"`);
      await joinCodeMatches(t, page, conv.id);
      sandbox.customer(conv.id, 'decline');
      t.see(
        `customer declined → overlay: "${await waitForStatus(session, page, 'ov_status_declined')}"`,
      );
      await (await overlay(session, page))
        .button(session.message('ov_offer_again'))
        .waitFor({ timeout: 5_000 });
      t.see(`"${session.message('ov_offer_again')}" is offered`);
      await t.shot(page, 'overlay-declined');
      await sandboxState(t, conv.id, 'declined');
    },
  );

  // 6. Keyboard shortcut → the customer is offline, the offer goes out when they are back.
  const offline = SEED.conversations.agent.messagingOffline;
  await step(
    `Shortcut ${session.manifest.commands?.['start-cobrowse']?.suggested_key?.default} → an offline customer, sent when back`,
    `On the case page of a web messaging conversation whose Messenger is offline: the shortcut; chose "${session.message('ov_send_when_back')}"; then the customer's Messenger came online; the offer went out; the agent pressed End.`,
    async (t) => {
      const page = await casePage(offline);
      for (const line of await driver.start('command', page, offline)) t.see(line);
      const sendWhenBack = (await overlay(session, page)).button(
        session.message('ov_send_when_back'),
      );
      await sendWhenBack.waitFor({ timeout: 15_000 });
      t.see(
        `overlay asks: "${session.message('ov_send_when_back')}" or "${session.message('ov_send_anyway')}"`,
      );
      await t.shot(page, 'overlay-customer-offline');
      await sendWhenBack.click();
      t.see(`overlay: "${await waitForStatus(session, page, 'ov_status_waiting')}"`);
      t.check(
        sandboxSession(offline) === undefined,
        'a session was created while the customer was offline',
      );
      t.see('no session created yet at the sandbox (the offer would be lost)');
      await t.shot(page, 'overlay-waiting');
      sandbox.customer(offline, 'go-online');
      t.see(
        `customer online → overlay: "${await waitForStatus(session, page, 'ov_status_offered')}"`,
      );
      await joinCodeMatches(t, page, offline);
      const delivered = await sandbox.waitFor(() => sandboxSession(offline)?.delivered, 5_000);
      t.check(delivered === true, 'the offer did not reach the Messenger');
      t.see("the offer reached the customer's Messenger");
      await t.shot(page, 'overlay-offer-after-return');
      await clickOverlayButton(session, page, 'ov_end');
      t.see(`End → overlay: "${await waitForStatus(session, page, 'ov_status_ended')}"`);
      await sandboxState(t, offline, 'ended');
    },
  );

  // 7. A voice call, told truly.
  await voiceStep(kit);

  // 8. The accept noticed from another tab.
  await offTabStep(kit);

  // 9. A permission error, explained.
  const voice = SEED.conversations.messagingOnly.voice;
  const voicePermission = 'conversation:cobrowseVoice:add';
  await step(
    'Permission error: voice cobrowse without the voice permission',
    `Signed in as 山田 花子 (roles grant conversation:cobrowse:add only); on the case page of her voice call: the shortcut.`,
    async (t) => {
      await session.request('auth.signOut', {});
      sandbox.settings({ autoApproveUserId: SEED.users.messagingOnly });
      await signIn(session, sandbox);
      const status = await session.request('auth.status', {});
      t.check(status.user?.id === SEED.users.messagingOnly, `signed in as ${status.user?.name}`);
      t.see(`signed in as ${status.user?.name}`);
      const page = await casePage(voice);
      for (const line of await driver.start('command', page, voice)) t.see(line);
      // Refused before any request: the extension knows her permissions from users/me.
      const title = await (await overlay(session, page)).root
        .getByRole('heading', { level: 3 })
        .first()
        .textContent({ timeout: 15_000 });
      t.check(
        title === session.message('err_missing_permissions_title'),
        `unexpected error title "${title}"`,
      );
      t.see(`overlay: "${title}"`);
      const text = await overlayText(session, page);
      t.check(
        text.toLowerCase().includes(voicePermission.toLowerCase()),
        `the error does not name ${voicePermission}: ${text}`,
      );
      t.see(`the error names ${voicePermission} and says what to do`);
      await t.shot(page, 'overlay-permission-error');
      t.check(sandboxSession(voice) === undefined, 'a session was created');
      t.see('no session was created at the sandbox');
    },
  );

  // 10. The panel on pages that make an on-page panel hard to use.
  await hardPagesStep(kit);

  // 11. Nothing went wrong behind the scenes.
  await step(
    'No unexpected errors in the extension',
    "Read the console errors and uncaught exceptions of the extension's pages and service worker.",
    async (t) => {
      session.expectNoErrors();
      t.see('none: no console error or uncaught exception in any extension page or the worker');
    },
  );

  return steps;
}
