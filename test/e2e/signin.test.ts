// Sign-in against the sandbox through the real identity.launchWebAuthFlow window, "Test
// connection" for three setups, sign-out that revokes, and silent renewal of an expired token.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointExtensionAt } from '../../tools/browser/agent';
import { useExtension } from './harness/fixture';
import { SEED, useSandbox } from './harness/sandbox';

/** Calls the sandbox API with a bearer token, as anyone holding it could. */
async function tokenWorks(baseUrl: string, token: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/v2/tokens/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.ok;
}

describe('sign-in against the sandbox', () => {
  const ext = useExtension();
  // Unconfigured: the first test sets the environment up through the real options page.
  const sandbox = useSandbox(ext, { configure: false });
  // Every window the sandbox's login host opens in the browser (launchWebAuthFlow's window).
  const oauthPages: Page[] = [];
  beforeAll(() => {
    ext.current.context.on('page', (page) => {
      if (page.url().startsWith(`${sandbox.current.url}/oauth/`)) oauthPages.push(page);
    });
  });
  const tokens = () =>
    sandbox.current.requests().flatMap((entry) => (entry.token ? [entry.token] : []));
  const routeCount = (key: string) => sandbox.current.counts().byRoute[key] ?? 0;
  // The profile's value: whether the sandbox's token answers carry a refresh token.
  const refreshTokensIssued = () => sandbox.current.settings().issueRefreshTokens;
  const liveRefreshTokens = () =>
    sandbox.current.refreshTokens().flatMap((r) => (r.live ? [r.token] : []));

  it('is configured through the options page: custom base URL and client id', async () => {
    const session = ext.current;
    const options = await session.openOptions();
    await options.getByRole('radio', { name: session.message('options_env_custom') }).check();
    await options
      .getByRole('textbox', { name: session.message('options_base_url') })
      .fill(sandbox.current.url);
    await options
      .getByRole('textbox', { name: session.message('options_client_id') })
      .fill(SEED.clients.pkce);
    await options.getByRole('button', { name: session.message('options_save') }).click();
    await expect
      .poll(() =>
        options
          .getByRole('status')
          .filter({ hasText: session.message('options_saved') })
          .count(),
      )
      .toBe(1);
    const view = await session.request('settings.get', {});
    expect(view.settings.environment).toEqual({ kind: 'custom', baseUrl: sandbox.current.url });
    expect(view.settings.clientId).toBe(SEED.clients.pkce);
    expect(view.redirectUri).toBe(SEED.redirectUri);
    await options.close();
  });

  it('signs in through the launchWebAuthFlow window; the popup shows the user and org', async () => {
    const session = ext.current;
    const popup = await session.openPopup();
    const authWindow = session.context.waitForEvent('page', {
      predicate: (page) => page.url().startsWith(`${sandbox.current.url}/oauth/authorize`),
    });
    await popup.getByRole('button', { name: session.message('popup_sign_in') }).click();
    const login = await authWindow;
    await login.getByRole('radio', { name: 'Dana Whitfield' }).check();
    await login.getByRole('button', { name: 'Allow' }).click();

    await popup.getByText('Dana Whitfield', { exact: true }).waitFor();
    await popup.getByText(SEED.org.name, { exact: true }).waitFor();
    const status = await session.request('auth.status', {});
    expect(status).toMatchObject({
      signedIn: true,
      user: { id: SEED.users.agent, name: 'Dana Whitfield' },
      org: { id: SEED.org.id, name: SEED.org.name },
    });
    await popup.close();
  });

  it('keeps the token (and a refresh token, when the org issues one) in storage.session only', async () => {
    const session = ext.current;
    const [token] = tokens();
    expect(token).toBeTruthy();
    const secrets = [token as string, ...liveRefreshTokens()];
    // Per value: a refresh token came with the sign-in exactly when the org issues them.
    expect(liveRefreshTokens()).toHaveLength(refreshTokensIssued() ? 1 : 0);
    const inSession = JSON.stringify(await session.sessionStorage());
    for (const secret of secrets) expect(inSession).toContain(secret);
    const persisted = await session.evalInWorker(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
    );
    for (const secret of secrets) expect(persisted).not.toContain(secret);
  });

  it('renews an expired token silently: no login page; with a refresh token by the refresh grant, else a second authorize', async () => {
    const session = ext.current;
    const authorizeBefore = routeCount('GET /oauth/authorize');
    const exchangeBefore = routeCount('POST /oauth/token');
    const pagesBefore = oauthPages.length;
    const refreshBefore = liveRefreshTokens();
    const expired = tokens().at(-1) as string;
    expect(sandbox.current.expireTokens()).toBeGreaterThan(0);

    const report = await session.request('connection.test', {});
    expect(report.user.name).toBe('Dana Whitfield');

    // The extension presented the expired token, was refused, and renewed without a window.
    expect(sandbox.current.requests({ token: expired }).at(-1)?.status).toBe(401);
    expect(routeCount('POST /oauth/token')).toBe(exchangeBefore + 1);
    if (refreshTokensIssued()) {
      // The refresh grant, no authorize; the used refresh token rotated away and the new one
      // is the one the extension keeps.
      expect(routeCount('GET /oauth/authorize')).toBe(authorizeBefore);
      const now = liveRefreshTokens();
      expect(now).toHaveLength(1);
      expect(refreshBefore).not.toContain(now[0]);
      const inSession = JSON.stringify(await session.sessionStorage());
      expect(inSession).toContain(now[0]);
      for (const old of refreshBefore) expect(inSession).not.toContain(old);
    } else {
      expect(routeCount('GET /oauth/authorize')).toBe(authorizeBefore + 1);
      expect(liveRefreshTokens()).toEqual([]);
    }
    // Silent: launchWebAuthFlow({interactive:false}) shows no window.
    expect(oauthPages.length).toBe(pagesBefore);
    const presented = tokens();
    expect(new Set(presented).size).toBeGreaterThan(1);
    expect(await tokenWorks(sandbox.current.url, presented.at(-1) as string)).toBe(true);
  });

  it('a refused refresh token falls back to the silent authorize (no window)', async () => {
    const session = ext.current;
    const authorizeBefore = routeCount('GET /oauth/authorize');
    const pagesBefore = oauthPages.length;
    const tokenAnswers = () =>
      sandbox.current.requests({ method: 'POST', route: '/oauth/token' }).map((r) => r.status);
    const answersBefore = tokenAnswers().length;
    // Revoked at the server: the next refresh grant is answered 400 invalid_grant.
    const revoked = sandbox.current.revokeRefreshTokens();
    expect(revoked).toBe(refreshTokensIssued() ? 1 : 0);
    sandbox.current.expireTokens();

    const report = await session.request('connection.test', {});
    expect(report.user.name).toBe('Dana Whitfield');

    // Per value: with a refresh token, the refused refresh grant and then the code exchange of
    // the silent authorize; without one, the silent authorize alone.
    expect(tokenAnswers().slice(answersBefore)).toEqual(refreshTokensIssued() ? [400, 200] : [200]);
    expect(routeCount('GET /oauth/authorize')).toBe(authorizeBefore + 1);
    expect(oauthPages.length).toBe(pagesBefore);
    // The silent sign-in's own answer brings a new refresh token when the org issues them.
    expect(liveRefreshTokens()).toHaveLength(refreshTokensIssued() ? 1 : 0);
  });

  it('signs out from the options page: the token is revoked and cleared', async () => {
    const session = ext.current;
    const token = tokens().at(-1) as string;
    expect(await tokenWorks(sandbox.current.url, token)).toBe(true);

    const options = await session.openOptions();
    await options.getByRole('button', { name: session.message('options_sign_out') }).click();
    await options.getByText(session.message('options_not_signed_in')).waitFor();

    const revokes = sandbox.current.requests({ method: 'DELETE', route: '/api/v2/tokens/me' });
    expect(revokes.map((entry) => entry.token)).toEqual([token]);
    expect(await tokenWorks(sandbox.current.url, token)).toBe(false);
    const left = JSON.stringify(await session.sessionStorage());
    expect(left).not.toContain(token);
    // A refresh token (when the org issued one) goes with it; positive control: there is one
    // to look for exactly when the profile issues them.
    const refreshTokens = sandbox.current.refreshTokens().map((r) => r.token);
    expect(refreshTokens.length > 0).toBe(refreshTokensIssued());
    for (const refresh of refreshTokens) expect(left).not.toContain(refresh);
    expect(await session.request('auth.status', {})).toMatchObject({ signedIn: false });
    await options.close();
  });

  describe('Test connection on the options page', () => {
    async function testConnectionAs(userId: string, clientId: string) {
      const session = ext.current;
      await session.request('auth.signOut', {});
      await pointExtensionAt(session, sandbox.current.url, clientId);
      // The sign-in itself is covered above; here the sandbox approves at once as this user.
      sandbox.current.settings({ autoApprove: true, autoApproveUserId: userId });
      const options = await session.openOptions();
      await options
        .getByRole('button', { name: session.message('options_test_connection') })
        .click();
      const report = options.getByRole('region', {
        name: session.message('options_report_heading'),
      });
      await report.waitFor();
      return { options, report };
    }

    /** Each gap the report lists: its kind label and the exact scope/permission it names. */
    async function gapsIn(report: Locator) {
      const items = report
        .getByRole('list', { name: ext.current.message('options_report_gaps_heading') })
        .getByRole('listitem');
      return items.evaluateAll((elements) =>
        elements.map((li) => ({
          kind: li.querySelector('strong')?.textContent ?? '',
          name: li.querySelector('code')?.textContent ?? '',
        })),
      );
    }

    it('a full agent: every scope and both cobrowse permissions, no gaps', async () => {
      const session = ext.current;
      const { options, report } = await testConnectionAs(SEED.users.agent, SEED.clients.pkce);
      await expect
        .poll(() => report.textContent())
        .toContain(session.message('options_report_ready'));
      const scopes = await report
        .getByRole('list', { name: session.message('options_report_scopes') })
        .getByRole('listitem')
        .allTextContents();
      expect(scopes.sort()).toEqual(['conversations', 'notifications', 'user-basic-info']);
      expect(
        await report
          .getByRole('list', { name: session.message('options_report_gaps_heading') })
          .count(),
      ).toBe(0);
      await options.close();
    });

    it('an agent without cobrowse permission: both permissions named as gaps', async () => {
      const session = ext.current;
      const { options, report } = await testConnectionAs(SEED.users.noCobrowse, SEED.clients.pkce);
      const gaps = await gapsIn(report);
      expect(gaps).toContainEqual({
        kind: session.message('options_gap_permission'),
        name: 'conversation:cobrowse:add',
      });
      expect(gaps).toContainEqual({
        kind: session.message('options_gap_permission'),
        name: 'conversation:cobrowseVoice:add',
      });
      expect(gaps.filter((gap) => gap.kind === session.message('options_gap_scope'))).toEqual([]);
      await options.close();
    });

    it('a client without the conversations scope: the scope named as the gap', async () => {
      const session = ext.current;
      const { options, report } = await testConnectionAs(
        SEED.users.agent,
        SEED.clients.noConversations,
      );
      expect(await gapsIn(report)).toEqual([
        { kind: session.message('options_gap_scope'), name: 'conversations' },
      ]);
      await options.close();
    });
  });

  it('logged no errors, except the 401 that triggered the silent renewal', () => {
    ext.current.expectNoErrors([/\b401\b/]);
  });
});
