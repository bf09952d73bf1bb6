// Errors in the agent's words, in the panel on the page, against the sandbox's real refusals:
// an ended sign-in (the one action is Sign in; Chrome's developer text stays in the collapsed
// details) and a missing permission (the one action is copying the details for the admin; the
// admin's path and licence text and the extension's own check code are collapsed, the code
// labelled as the extension's).
import type { Frame, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../tools/browser/agent';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const POST_PATH = '/cobrowse$';

/** The error view titled `title` (an alert, or a session's region whose status says it). */
const errorView = (scope: Page | Frame | Locator, title: string) =>
  scope
    .getByRole('alert', { name: title, exact: true })
    .or(scope.getByRole('region', { name: title, exact: true }));

/** The text the agent sees: a closed disclosure's content is not rendered, so not in it. */
const shownText = (view: Locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
  view.innerText();

/** The accessible names of the view's buttons, in the order the agent meets them. */
const buttonNames = (view: Locator) =>
  view.getByRole('button').evaluateAll((all) => all.map((b) => b.textContent?.trim() ?? ''));

describe('errors in the agent’s words', () => {
  const { ext, sandbox, m, keep, start } = useAgentSuite({
    reset: (s) => s.settings({ autoApprove: true, autoApproveUserId: SEED.users.agent }),
  });

  beforeAll(async () => {
    // Copy writes the clipboard; the test reads it back in an extension page.
    await ext.current.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  it('an ended sign-in: Sign in is the one action; no developer text, no pointing elsewhere', async () => {
    const session = ext.current;
    const s = sandbox.current;
    s.settings({ autoApprove: false });
    s.endLoginSessions();
    s.fault({ method: 'POST', path: POST_PATH, status: 401, code: 'bad.credentials' });
    const { overlay } = await start({ customerName: 'Sina Signin' });
    const view = errorView(overlay.root, m('err_needs_signin_title'));
    await view.waitFor({ timeout: 20_000 });

    expect((await buttonNames(view))[0]).toBe(m('popup_sign_in'));
    const visible = await shownText(view);
    expect(visible).toContain(m('err_needs_signin_fix'));
    expect(visible).not.toMatch(/abortOnLoadForNonInteractive|popup/i);
    expect(visible).not.toContain('needs.signin');

    // The facts are one click away, the code labelled as the extension's own check.
    await view.getByText(m('ui_err_more_details'), { exact: true }).click();
    const facts = await shownText(view);
    expect(facts).toContain(m('ui_err_local_check'));
    expect(facts).toContain('needs.signin');
    expect(facts).not.toContain(m('ui_err_code'));
    // Positive control: Chrome's developer text was there all along, for support only.
    expect(facts).toMatch(
      new RegExp(`${m('ui_err_technical_message')}\\s+.*abortOnLoadForNonInteractive`),
    );

    // The one action works: Sign in, and the start resumes.
    const login = session.context.waitForEvent('page', {
      predicate: (p) => p.url().startsWith(`${s.url}/oauth/authorize`),
    });
    await view.getByRole('button', { name: m('popup_sign_in') }).click();
    const window = await login;
    await window.getByRole('radio', { name: 'Dana Whitfield' }).check();
    await window.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
  });

  it('a missing permission: copy for the admin is the primary action; admin text and our code collapsed', async () => {
    const session = ext.current;
    await session.request('auth.signOut', {});
    sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.noCobrowse });
    await signIn(session, sandbox.current);
    try {
      const { overlay } = await start({ userId: SEED.users.noCobrowse, customerName: 'Noa Perm' });
      const view = errorView(overlay.root, m('err_missing_permissions_title'));
      await view.waitFor({ timeout: 20_000 });

      const buttons = await buttonNames(view);
      expect(buttons[0]).toBe(m('ui_copy_for_admin'));
      const visible = await shownText(view);
      expect(visible).toContain(m('err_missing_permissions_fix'));
      for (const adminOnly of [
        'conversation:cobrowse:add',
        'CX 2',
        'preflight.missing.permission',
      ]) {
        expect(visible).not.toContain(adminOnly);
      }

      await view.getByText(m('ui_err_admin_details'), { exact: true }).click();
      const opened = await shownText(view);
      expect(opened).toContain('conversation:cobrowse:add');
      expect(opened).toMatch(
        new RegExp(`${m('ui_err_local_check')}\\s+preflight\\.missing\\.permission`),
      );
      expect(opened).not.toContain(m('ui_err_code'));

      // Copied for the admin, with their part (read back in an extension page).
      await view.getByRole('button', { name: m('ui_copy_for_admin') }).click();
      await view.getByRole('button', { name: m('ui_copied'), exact: true }).waitFor();
      const reader = keep(await session.openPopup());
      await reader.bringToFront();
      const copied = await reader.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('conversation:cobrowse:add');
      expect(copied).toContain(`${m('ui_err_local_check')}: preflight.missing.permission`);
    } finally {
      await session.request('auth.signOut', {});
      sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.agent });
      await signIn(session, sandbox.current);
    }
  });
});
