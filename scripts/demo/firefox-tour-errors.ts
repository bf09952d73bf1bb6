// Firefox tour, errors with what to fix: Genesys refusing the start (a division the agent has no
// cobrowse access in), a voice cobrowse refused before any request for a missing permission, and
// at the end no error logged by any context of the add-on.
import { byRole } from '../../tools/browser/firefox-panel';
import { SEED } from '../../tools/sandbox/index';
import type { FirefoxStepTools, FirefoxTourKit } from './firefox-kit';

/** The panel's text (the collapsed details included), whitespace collapsed. */
async function panelText(kit: FirefoxTourKit, page: Parameters<FirefoxTourKit['panel']>[0]) {
  const panel = await kit.panel(page);
  return panel.frame.evaluate(() => (document.body.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** The shortcut on `conversationId`'s case page; waits for the error titled `titleKey`. */
async function startToError(
  kit: FirefoxTourKit,
  t: FirefoxStepTools,
  conversationId: string,
  titleKey: string,
) {
  const page = await kit.casePage(conversationId);
  t.see(`pressed ${await kit.pressCommand(page, 'start-cobrowse')}`);
  const panel = await kit.panel(page);
  await panel.frame.waitForSelector(byRole('heading', kit.m(titleKey)), { timeout: 20_000 });
  t.see(`panel: "${kit.m(titleKey)}"`);
  return page;
}

export async function faultStep(kit: FirefoxTourKit): Promise<boolean> {
  const { sandbox, m, step } = kit;
  return step(
    'Genesys refuses the start: what happened and what to do',
    'The sandbox answered the create request 403 missing.division.permission (the conversation is in a division where the agent may not cobrowse); the shortcut on its case page.',
    async (t) => {
      const conv = sandbox.addConversation({ media: 'message', customerName: 'Aiko Tanaka' });
      sandbox.fault({
        method: 'POST',
        path: '/cobrowse$',
        status: 403,
        code: 'missing.division.permission',
      });
      try {
        const page = await startToError(kit, t, conv.id, 'err_missing_division_permission_title');
        const text = await panelText(kit, page);
        t.check(text.includes(m('err_missing_division_permission_fix')), `no fix text: ${text}`);
        t.see(`what to do: "${m('err_missing_division_permission_fix')}"`);
        await t.shot(page, 'panel-division-error');
        t.check(kit.sandboxSession(conv.id) === undefined, 'a session was created');
      } finally {
        sandbox.clearFaults();
      }
    },
  );
}

export async function permissionStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, sandbox, step } = kit;
  const voice = SEED.conversations.messagingOnly.voice;
  const permission = 'conversation:cobrowseVoice:add';
  return step(
    'Permission error: voice cobrowse without the voice permission',
    'Signed in as 山田 花子 (roles grant conversation:cobrowse:add only); on the case page of her voice call: the shortcut.',
    async (t) => {
      await session.request('auth.signOut', {});
      sandbox.settings({ autoApprove: true, autoApproveUserId: SEED.users.messagingOnly });
      const status = await session.request('auth.signIn', {});
      t.check(status.user?.id === SEED.users.messagingOnly, `signed in as ${status.user?.name}`);
      t.see(`signed in as ${status.user?.name}`);
      const page = await startToError(kit, t, voice, 'err_missing_permissions_title');
      const text = await panelText(kit, page);
      t.check(text.toLowerCase().includes(permission.toLowerCase()), `${permission}? ${text}`);
      t.see(`the error names ${permission} and says what to do`);
      await t.shot(page, 'panel-permission-error');
      t.check(kit.sandboxSession(voice) === undefined, 'a session was created');
      t.see('no session was created at the sandbox');
    },
  );
}

export async function noErrorsStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, step } = kit;
  return step(
    'No unexpected errors in the add-on',
    "Read the console errors of the pages the tour opened, and the uncaught exceptions and script errors of every context of the add-on (its event page included) from Firefox's console service.",
    async (t) => {
      t.check(session.errors.length === 0, `page errors: ${session.errors.join('; ')}`);
      const addon = await session.extensionErrors();
      t.check(addon.length === 0, `add-on errors: ${addon.join('; ')}`);
      t.see('none');
    },
  );
}
