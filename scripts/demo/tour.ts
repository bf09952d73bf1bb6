// The scripted tour: sign in, the options page, then a cobrowse from each trigger with the
// customer accepting, declining, and coming back online, and a permission error. Every step
// asserts what the agent would see (status line, join code = the sandbox session's) and leaves
// screenshots; the report says what was done, what was seen, pass or fail.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { signIn } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import { waitForPanelFrame } from '../../tools/browser/overlay';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { configureAndSignIn, DEMO_AGENT } from './agent';
import { HARD_PAGES, serveHardPages } from './hard-pages';
import { clickOverlayButton, overlay, overlayText, waitForStatus } from './overlay';
import type { StepResult } from './report';
import type { TriggerDriver } from './triggers';

export interface TourContext {
  session: ExtensionSession;
  sandbox: Sandbox;
  driver: TriggerDriver;
  outDir: string;
  /** Progress on the console, one line per step. */
  progress: (step: StepResult, index: number) => void;
}

interface ShotOptions {
  /** Only this element (e.g. the popup's 360 px column in a 1280 px tab). */
  element?: Locator;
  fullPage?: boolean;
}

interface StepTools {
  see(line: string): void;
  /** Screenshot of `page` (or one element of it, or the whole page) into outDir; returns the file name. */
  shot(page: Page, name: string, options?: ShotOptions): Promise<string>;
  check(condition: boolean, message: string): void;
  /** A numbered screenshot path for a picture taken elsewhere; `taken()` lists it. */
  reserve(name: string): { path: string; taken(): void };
}

export async function runTour(ctx: TourContext): Promise<StepResult[]> {
  const { session, sandbox, driver } = ctx;
  const steps: StepResult[] = [];
  let shotCount = 0;
  // The tab the agent works in: the agent tool's case pages; where failures are photographed.
  let workPage: Page | undefined;

  function nextFile(name: string): string {
    shotCount += 1;
    return `${String(shotCount).padStart(2, '0')}-${name}.png`;
  }

  async function shot(page: Page, name: string, options: ShotOptions = {}): Promise<string> {
    const file = nextFile(name);
    const path = join(ctx.outDir, file);
    // A background tab paints no frames: bring it forward first.
    await page.bringToFront();
    if (options.element) await options.element.screenshot({ path, timeout: 10_000 });
    else await page.screenshot({ path, fullPage: options.fullPage ?? false, timeout: 10_000 });
    return file;
  }

  async function step(title: string, did: string, body: (tools: StepTools) => Promise<void>) {
    const result: StepResult = { title, did, saw: [], passed: false, screenshots: [], ms: 0 };
    const started = Date.now();
    const tools: StepTools = {
      see: (line) => result.saw.push(line),
      shot: async (page, name, options) => {
        const file = await shot(page, name, options);
        result.screenshots.push(file);
        return file;
      },
      check(condition, message) {
        if (!condition) throw new Error(message);
      },
      reserve(name) {
        const file = nextFile(name);
        return {
          path: join(ctx.outDir, file),
          taken: () => void result.screenshots.push(file),
        };
      },
    };
    try {
      await body(tools);
      result.passed = true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      result.saw.push(`FAILED: ${message}`);
      if (workPage && !workPage.isClosed()) {
        result.saw.push(`overlay showed: ${await overlayText(session, workPage).catch(() => '?')}`);
        await tools.shot(workPage, 'failure').catch(() => undefined);
      }
    }
    result.ms = Date.now() - started;
    steps.push(result);
    ctx.progress(result, steps.length);
    return result.passed;
  }

  const casePage = async (conversationId: string) => {
    workPage ??= session.context.pages()[0] ?? (await session.context.newPage());
    await workPage.goto(`${sandbox.url}/sandbox/agent-tool/${conversationId}`);
    return workPage;
  };
  const sandboxSession = (conversationId: string) =>
    sandbox
      .sessions()
      .filter((s) => s.conversationId === conversationId)
      .at(-1);

  /** The overlay's join code is the one the sandbox issued for this conversation. */
  async function joinCodeMatches(tools: StepTools, page: Page, conversationId: string) {
    const shown = (await (await overlay(session, page)).joinCode()).trim();
    const issued = await sandbox.waitFor(() => sandboxSession(conversationId), 5_000);
    tools.check(
      shown === issued.joinCode,
      `overlay join code ${shown} ≠ sandbox's ${issued.joinCode}`,
    );
    tools.see(`join code ${shown}, the same as the sandbox session ${issued.id}`);
  }

  async function sandboxState(tools: StepTools, conversationId: string, state: string) {
    await sandbox.waitFor(() => sandboxSession(conversationId)?.state === state, 10_000);
    tools.see(`the sandbox's session is ${state}`);
  }

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
      workPage ??= session.context.pages()[0] ?? (await session.context.newPage());
      await workPage.goto(`${sandbox.url}/sandbox/agent-tool`);
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
    `On the case page of a new web messaging conversation: right-click → "${session.message('menu_start')}"; then the customer declined.`,
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

  // 7. A permission error, explained.
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

  // 8. The panel on pages that make an on-page panel hard to use.
  await step(
    'The panel on hard pages',
    `The shortcut on six pages: ${HARD_PAGES.map((p) => p.what).join('; ')}.`,
    async (t) => {
      const userId = (await session.request('auth.status', {})).user?.id;
      t.check(Boolean(userId), 'nobody is signed in');
      const conversations = new Map<string, string>();
      const urlOf = await serveHardPages(session.context, sandbox.url, (name) => {
        let id = conversations.get(name);
        if (!id) {
          id = sandbox.addConversation({
            media: 'message',
            customerName: 'Ilse Brandvold',
            userId: userId as string,
          }).id;
          conversations.set(name, id);
        }
        return id;
      });
      for (const hard of HARD_PAGES) {
        const page = await session.context.newPage();
        try {
          await page.goto(urlOf(hard.name));
          const id = conversations.get(hard.name) as string;
          for (const line of await driver.start('command', page, id)) t.see(line);
          const undo = await hard.arrange?.(page, session);
          try {
            await panelUsable(t, page, hard.what);
            // Straight from the compositor: Playwright's own screenshot crops a zoomed tab.
            const file = t.reserve(`panel-${hard.name}`);
            const cdp = await session.context.newCDPSession(page);
            const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
            await cdp.detach();
            writeFileSync(file.path, Buffer.from(data, 'base64'));
            file.taken();
          } finally {
            await undo?.();
          }
          await session.request('cobrowse.end', { conversationId: id });
        } finally {
          await page.close();
        }
      }
    },
  );

  /** The panel is wholly in the window and its header's Close button takes a click. */
  async function panelUsable(t: StepTools, page: Page, what: string) {
    const panel = await overlay(session, page);
    const close = panel.button(session.message('ov_close'));
    await close.waitFor({ timeout: 15_000 });
    const frame = await waitForPanelFrame(page);
    const box = await (await frame.frameElement()).boundingBox();
    const view = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    t.check(
      box !== null &&
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= view.width + 0.5 &&
        box.y + box.height <= view.height + 0.5,
      `on ${what} the panel is not wholly in the window`,
    );
    const closeBox = await close.boundingBox();
    t.check(closeBox !== null && closeBox.width > 0, `on ${what} Close is not on screen`);
    t.see(`${what}: the panel is whole, in the window, and takes clicks (Close on screen)`);
  }

  // 9. Nothing went wrong behind the scenes.
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
