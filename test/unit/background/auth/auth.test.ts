import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import {
  type AuthDeps,
  AuthError,
  createAuth,
  type StoredToken,
  switchedUser,
  TOKEN_KEY,
} from '../../../../src/background/auth';
import { challengeS256 } from '../../../../src/background/pkce';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/settings';

const REDIRECT = 'https://extid.chromiumapp.org/';
const LOGIN = 'https://login.mypurecloud.ie';
const BINDING = `${LOGIN}|client-1`;

interface TokenCall {
  url: string;
  form: Record<string, string>;
}

/** A fake authorization server: launchWebAuthFlow answers with a code; /oauth/token issues tokens. */
function harness(overrides: Partial<AuthDeps> = {}) {
  let now = 1_000_000;
  let issued = 0;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    clientId: 'client-1',
    environment: { kind: 'region', domain: 'mypurecloud.ie' },
  };
  const launches: { url: URL; interactive: boolean }[] = [];
  const tokenCalls: TokenCall[] = [];
  let tokenReply: (form: Record<string, string>) => Response = () => {
    issued += 1;
    return Response.json({ access_token: `at-${issued}`, token_type: 'bearer', expires_in: 3600 });
  };
  let redirectFor = (url: URL) =>
    `${REDIRECT}?code=code-${launches.length}&state=${url.searchParams.get('state')}`;
  const revoke = vi.fn(async (_token: string) => {});
  const onChange = vi.fn();

  const deps: AuthDeps = {
    launchWebAuthFlow: async ({ url, interactive }) => {
      const parsed = new URL(url);
      launches.push({ url: parsed, interactive });
      return redirectFor(parsed);
    },
    getRedirectURL: () => REDIRECT,
    storage: fakeBrowser.storage.session,
    fetch: async (input, init) => {
      const form = Object.fromEntries(new URLSearchParams(String(init?.body)));
      tokenCalls.push({ url: String(input), form });
      return tokenReply(form);
    },
    now: () => now,
    getSettings: async () => settings,
    revoke,
    loadProfile: async () => ({
      user: { id: 'u1', name: 'Ada Agent' },
      org: { id: 'o1', name: 'Acme' },
    }),
    onChange,
    ...overrides,
  };
  return {
    auth: createAuth(deps),
    settings,
    launches,
    tokenCalls,
    revoke,
    onChange,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
    setTokenReply: (fn: typeof tokenReply) => {
      tokenReply = fn;
    },
    setRedirect: (fn: typeof redirectFor) => {
      redirectFor = fn;
    },
  };
}

const stored = async () =>
  (await fakeBrowser.storage.session.get(TOKEN_KEY))[TOKEN_KEY] as StoredToken | undefined;

async function seed(token: Partial<StoredToken>) {
  await fakeBrowser.storage.session.set({
    [TOKEN_KEY]: { accessToken: 'old', expiresAt: 0, boundTo: BINDING, ...token },
  });
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as AuthError,
  );

/** A profile read that fails once (a 5xx), then answers Ada's profile. */
const failingOnce = () =>
  vi
    .fn(async () => ({ user: { id: 'u1', name: 'Ada Agent' }, org: { id: 'o1', name: 'Acme' } }))
    .mockRejectedValueOnce(new Error('HTTP 503'));

describe('interactive sign-in (PKCE)', () => {
  it('reads the profile again when its read after sign-in fails: the token names its user', async () => {
    // A token without a user made every worker start drop the stored channel (a new one each).
    const loadProfile = failingOnce();
    const h = harness({ loadProfile });
    const status = await h.auth.signIn();
    expect(loadProfile).toHaveBeenCalledTimes(2);
    expect((await stored())?.profile?.user.id).toBe('u1');
    expect(status).toMatchObject({ signedIn: true, user: { id: 'u1' } });
  });

  it('still signs in when every profile read fails (three tries)', async () => {
    const loadProfile = vi.fn(async () => {
      throw new Error('HTTP 503');
    });
    const h = harness({ loadProfile });
    expect(await h.auth.signIn()).toMatchObject({ signedIn: true });
    expect(loadProfile).toHaveBeenCalledTimes(3);
    expect((await stored())?.profile).toBeUndefined();
  });

  it('sends the S256 challenge of the verifier it later exchanges, and stores the token', async () => {
    const h = harness();
    const status = await h.auth.signIn();

    expect(h.launches).toHaveLength(1);
    const [launch] = h.launches;
    if (!launch) throw new Error('no launch');
    expect(launch.interactive).toBe(true);
    expect(launch.url.origin + launch.url.pathname).toBe(`${LOGIN}/oauth/authorize`);
    expect(launch.url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(launch.url.searchParams.get('code_challenge_method')).toBe('S256');

    expect(h.tokenCalls).toHaveLength(1);
    const [call] = h.tokenCalls;
    if (!call) throw new Error('no token call');
    expect(call.url).toBe(`${LOGIN}/oauth/token`);
    expect(call.form).toMatchObject({
      grant_type: 'authorization_code',
      code: 'code-1',
      client_id: 'client-1',
      redirect_uri: REDIRECT,
    });
    expect(call.form.code_verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(await challengeS256(call.form.code_verifier ?? '')).toBe(
      launch.url.searchParams.get('code_challenge'),
    );

    expect(await stored()).toEqual({
      accessToken: 'at-1',
      expiresAt: h.now() + 3600_000,
      boundTo: BINDING,
      apiBase: 'https://api.mypurecloud.ie',
      profile: { user: { id: 'u1', name: 'Ada Agent' }, org: { id: 'o1', name: 'Acme' } },
    });
    expect(status).toEqual({
      signedIn: true,
      environment: 'mypurecloud.ie',
      expiresAt: h.now() + 3600_000,
      user: { id: 'u1', name: 'Ada Agent' },
      org: { id: 'o1', name: 'Acme' },
    });
    expect(h.onChange).toHaveBeenCalled();
  });

  it('refuses a redirect whose state is not the one it sent, without exchanging the code', async () => {
    const h = harness();
    h.setRedirect(() => `${REDIRECT}?code=stolen&state=attacker`);
    const err = await failureOf(h.auth.signIn());
    expect(err).toBeInstanceOf(AuthError);
    expect(err.code).toBe('state.mismatch');
    expect(err.toSessionError().title).toBe('Sign-in answer refused');
    expect(h.tokenCalls).toHaveLength(0);
    expect(await stored()).toBeUndefined();
  });

  it('explains an invalid client / redirect URI error redirect, keeping the server’s words', async () => {
    const h = harness();
    h.setRedirect(
      (url) =>
        `${REDIRECT}?error=invalid_client&error_description=Unknown+client&state=${url.searchParams.get('state')}`,
    );
    const error = (await failureOf(h.auth.signIn())).toSessionError();
    expect(error.code).toBe('invalid_client');
    expect(error.title).toBe('OAuth client ID or redirect URI is invalid');
    expect(error.fix).toContain('redirect URI shown in Options, exactly as shown');
    expect(error.message).toBe('invalid_client: Unknown client');
  });

  it('explains access_denied and a closed sign-in window', async () => {
    const h = harness();
    h.setRedirect(() => `${REDIRECT}?error=access_denied`);
    expect((await failureOf(h.auth.signIn())).toSessionError().title).toBe(
      'Sign-in was cancelled or refused',
    );
    const closed = harness({
      launchWebAuthFlow: () => Promise.reject(new Error('The user did not approve access.')),
    });
    const err = await failureOf(closed.auth.signIn());
    expect(err.code).toBe('access_denied');
    expect(err.toSessionError().message).toBe('The user did not approve access.');
  });

  it('explains a token exchange the server refuses', async () => {
    const h = harness();
    h.setTokenReply(() =>
      Response.json({ error: 'invalid_grant', error_description: 'code expired' }, { status: 400 }),
    );
    const err = await failureOf(h.auth.signIn());
    expect(err.toSessionError()).toMatchObject({
      code: 'invalid_grant',
      status: 400,
      title: 'The sign-in expired before it finished',
    });
    expect(await stored()).toBeUndefined();
  });

  it('needs a client id before opening any window', async () => {
    const h = harness();
    h.settings.clientId = '';
    expect((await failureOf(h.auth.signIn())).code).toBe('client.id.missing');
    expect(h.launches).toHaveLength(0);
  });
});

describe('getToken and silent renewal', () => {
  it('returns the stored token while it is fresh, without any flow', async () => {
    const h = harness();
    await seed({ accessToken: 'fresh', expiresAt: h.now() + 10 * 60_000 });
    expect(await h.auth.getToken()).toBe('fresh');
    expect(h.launches).toHaveLength(0);
  });

  it('never signs in silently when nobody signed in', async () => {
    const h = harness();
    expect((await failureOf(h.auth.getToken())).code).toBe('needs.signin');
    expect(h.launches).toHaveLength(0);
  });

  it('renews once, non-interactively, for all concurrent callers near expiry', async () => {
    const h = harness();
    await seed({ accessToken: 'old', expiresAt: h.now() + 30_000 }); // inside the 60 s margin
    const tokens = await Promise.all([h.auth.getToken(), h.auth.getToken(), h.auth.getToken()]);
    expect(tokens).toEqual(['at-1', 'at-1', 'at-1']);
    expect(h.launches).toEqual([expect.objectContaining({ interactive: false })]);
    expect(h.tokenCalls).toHaveLength(1);
    expect((await stored())?.accessToken).toBe('at-1');
  });

  it('uses the refresh token when there is one, keeping it when the answer has none', async () => {
    const h = harness();
    await seed({ accessToken: 'old', expiresAt: h.now() - 1, refreshToken: 'rt-1' });
    expect(await h.auth.getToken()).toBe('at-1');
    expect(h.launches).toHaveLength(0);
    expect(h.tokenCalls[0]?.form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'client-1',
    });
    expect((await stored())?.refreshToken).toBe('rt-1');
  });

  it('falls back to the silent flow when the refresh token is refused', async () => {
    const h = harness();
    await seed({ accessToken: 'old', expiresAt: h.now() - 1, refreshToken: 'rt-dead' });
    h.setTokenReply((form) =>
      form.grant_type === 'refresh_token'
        ? Response.json({ error: 'invalid_grant' }, { status: 400 })
        : Response.json({ access_token: 'at-silent', expires_in: 600 }),
    );
    expect(await h.auth.getToken()).toBe('at-silent');
    expect(h.launches).toEqual([expect.objectContaining({ interactive: false })]);
  });

  it('re-reads the profile after the silent flow: a different user is stored and reported', async () => {
    const h = harness({
      loadProfile: async () => ({
        user: { id: 'u2', name: 'Bob' },
        org: { id: 'o1', name: 'Acme' },
      }),
    });
    await seed({
      accessToken: 'old',
      expiresAt: h.now() - 1,
      profile: { user: { id: 'u1', name: 'Ada Agent' }, org: { id: 'o1', name: 'Acme' } },
    });
    expect(await h.auth.getToken()).toBe('at-1');
    expect((await stored())?.profile?.user).toEqual({ id: 'u2', name: 'Bob' });
    expect(h.onChange).toHaveBeenCalledTimes(1);
  });

  it('reads the profile again when its read after the silent flow fails: the token keeps a user', async () => {
    const loadProfile = failingOnce();
    const h = harness({ loadProfile });
    await seed({
      accessToken: 'old',
      expiresAt: h.now() - 1,
      profile: { user: { id: 'u1', name: 'Ada Agent' }, org: { id: 'o1', name: 'Acme' } },
    });
    expect(await h.auth.getToken()).toBe('at-1');
    expect(loadProfile).toHaveBeenCalledTimes(2);
    expect((await stored())?.profile?.user.id).toBe('u1');
    expect(h.onChange).not.toHaveBeenCalled();
  });

  it('keeps the profile across a refresh grant (same user) without reading it again', async () => {
    const loadProfile = vi.fn(async () => ({
      user: { id: 'u2', name: 'Bob' },
      org: { id: 'o1', name: 'Acme' },
    }));
    const h = harness({ loadProfile });
    const profile = { user: { id: 'u1', name: 'Ada Agent' }, org: { id: 'o1', name: 'Acme' } };
    await seed({ accessToken: 'old', expiresAt: h.now() - 1, refreshToken: 'rt-1', profile });
    expect(await h.auth.getToken()).toBe('at-1');
    expect((await stored())?.profile).toEqual(profile);
    expect(loadProfile).not.toHaveBeenCalled();
    expect(h.onChange).not.toHaveBeenCalled();
  });

  it('ends in a typed needs-sign-in error when silent renewal fails, and clears the token', async () => {
    const h = harness({
      launchWebAuthFlow: () => Promise.reject(new Error('User interaction required.')),
    });
    await seed({ accessToken: 'old', expiresAt: h.now() - 1 });
    const err = await failureOf(h.auth.getToken());
    expect(err.code).toBe('needs.signin');
    expect(err.toSessionError().title).toBe('Sign in to Genesys Cloud');
    expect(await stored()).toBeUndefined();
    expect(h.onChange).toHaveBeenCalled();
    expect(await h.auth.status()).toEqual({ signedIn: false, environment: 'mypurecloud.ie' });
  });

  it('keeps using a token inside the margin when renewal fails but it has not expired', async () => {
    const h = harness({
      launchWebAuthFlow: () => Promise.reject(new Error('User interaction required.')),
    });
    await seed({ accessToken: 'still-ok', expiresAt: h.now() + 10_000 });
    expect(await h.auth.getToken()).toBe('still-ok');
  });

  it('drops a token issued for another region or client', async () => {
    const h = harness();
    await seed({ accessToken: 'fresh', expiresAt: h.now() + 600_000 });
    h.settings.clientId = 'client-2';
    expect((await failureOf(h.auth.getToken())).code).toBe('needs.signin');
    expect(await stored()).toBeUndefined();
  });

  it("revokes the previous environment's token at ITS api base before dropping it", async () => {
    const h = harness();
    let storedDuringRevoke: StoredToken | undefined;
    h.revoke.mockImplementation(async () => {
      storedDuringRevoke = await stored();
    });
    await seed({ accessToken: 'old-env', expiresAt: h.now() + 600_000 });
    h.settings.environment = { kind: 'region', domain: 'mypurecloud.de' };
    expect((await failureOf(h.auth.getToken())).code).toBe('needs.signin');
    // Revoked where it is valid (api.mypurecloud.ie), never sent to the new environment.
    expect(h.revoke.mock.calls).toEqual([['old-env', 'https://api.mypurecloud.ie']]);
    expect(storedDuringRevoke?.accessToken).toBe('old-env'); // revoke first, then drop
    expect(await stored()).toBeUndefined();
  });

  it('uses the recorded api base of a custom environment, and revokes once for concurrent reads', async () => {
    const h = harness();
    await fakeBrowser.storage.session.set({
      [TOKEN_KEY]: {
        accessToken: 'proxy-token',
        expiresAt: h.now() + 600_000,
        boundTo: 'https://gw.example.com|client-1',
        apiBase: 'https://gw.example.com',
      },
    });
    await Promise.all([h.auth.status(), h.auth.getToken().catch(() => undefined)]);
    expect(h.revoke.mock.calls).toEqual([['proxy-token', 'https://gw.example.com']]);
    expect(await stored()).toBeUndefined();
  });

  it('drops the token even when the old environment refuses or never answers the revoke', async () => {
    const never = new Promise<void>(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const revoke of [vi.fn(() => Promise.reject(new Error('503'))), vi.fn(() => never)]) {
      const h = harness({ revoke, revokeTimeoutMs: 1 });
      await seed({ accessToken: 'old-env', expiresAt: h.now() + 600_000 });
      h.settings.environment = { kind: 'custom', baseUrl: 'https://gw.example.com' };
      expect((await failureOf(h.auth.getToken())).code).toBe('needs.signin');
      expect(revoke).toHaveBeenCalledTimes(1);
      expect(await stored()).toBeUndefined();
    }
    // The refusal is logged (the unanswered revoke just times out).
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Error: 503'));
    warn.mockRestore();
  });

  it('does not revoke a token of the current environment (positive control: same binding)', async () => {
    const h = harness();
    await seed({ accessToken: 'fresh', expiresAt: h.now() + 600_000 });
    expect(await h.auth.getToken()).toBe('fresh');
    expect(h.revoke).not.toHaveBeenCalled();
  });

  it('after a 401 renews once even if the token looked fresh, and shares the renewal', async () => {
    const h = harness();
    await seed({ accessToken: 'revoked', expiresAt: h.now() + 600_000 });
    const [a, b] = await Promise.all([
      h.auth.renewAfterUnauthorized('revoked'),
      h.auth.renewAfterUnauthorized('revoked'),
    ]);
    expect([a, b]).toEqual(['at-1', 'at-1']);
    expect(h.launches).toHaveLength(1);
    // A later 401 for the old token finds the renewed one and does not renew again.
    expect(await h.auth.renewAfterUnauthorized('revoked')).toBe('at-1');
    expect(h.launches).toHaveLength(1);
  });
});

describe('switchedUser (a token change that belongs to another user)', () => {
  const tokenOf = (id?: string) => ({
    accessToken: 'a',
    ...(id ? { profile: { user: { id, name: id }, org: { id: 'o', name: 'o' } } } : {}),
  });
  it('is a switch when the new token is another user than the last one, or its user is unknown', () => {
    expect(switchedUser(undefined, { oldValue: tokenOf('u1'), newValue: tokenOf('u2') })).toBe(
      true,
    );
    expect(switchedUser('u1', { newValue: tokenOf('u2') })).toBe(true); // signed out in between
    expect(switchedUser('u1', { oldValue: tokenOf('u1'), newValue: tokenOf() })).toBe(true);
  });
  it('is no switch for the same user, a first sign-in, or a removed token', () => {
    expect(switchedUser(undefined, { oldValue: tokenOf('u1'), newValue: tokenOf('u1') })).toBe(
      false,
    );
    expect(switchedUser('u1', { newValue: tokenOf('u1') })).toBe(false);
    expect(switchedUser(undefined, { newValue: tokenOf('u1') })).toBe(false);
    expect(switchedUser('u1', { oldValue: tokenOf('u1') })).toBe(false);
  });
});

describe('sign-out', () => {
  it('revokes the token, then clears it', async () => {
    const h = harness();
    await seed({ accessToken: 'live', expiresAt: h.now() + 600_000 });
    expect(await h.auth.signOut()).toEqual({ signedIn: false, environment: 'mypurecloud.ie' });
    expect(h.revoke).toHaveBeenCalledWith('live');
    expect(await stored()).toBeUndefined();
    expect(h.onChange).toHaveBeenCalled();
  });

  it('clears the token even when the revoke fails', async () => {
    const h = harness();
    h.revoke.mockRejectedValueOnce(new Error('network down'));
    await seed({ accessToken: 'live', expiresAt: h.now() + 600_000 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await h.auth.signOut();
    warn.mockRestore();
    expect(h.revoke).toHaveBeenCalledWith('live');
    expect(await stored()).toBeUndefined();
  });
});
