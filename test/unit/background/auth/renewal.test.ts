// Renewal with refresh tokens (an org or a company proxy may issue them to a PKCE client): the
// refresh grant first, the rotated token kept, a refused one dropped for the silent authorize,
// then "Sign in"; the refresh token lives and dies with the access token in storage.session.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AuthDeps,
  type AuthError,
  createAuth,
  type StoredToken,
  TOKEN_KEY,
  type TokenOutcome,
} from '../../../../src/background/auth';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/settings';

const REDIRECT = 'https://extid.chromiumapp.org/';
const LOGIN = 'https://login.mypurecloud.ie';
const BINDING = `${LOGIN}|client-1`;

type Form = Record<string, string>;

/**
 * An authorization server that rotates refresh tokens: each answer carries a new one, a used one
 * is refused with 400 invalid_grant, as is any the test revokes.
 */
function rotatingServer(overrides: Partial<AuthDeps> = {}) {
  let now = 1_000_000;
  let issued = 0;
  const live = new Set<string>();
  const forms: Form[] = [];
  const launches: boolean[] = [];
  const outcomes: TokenOutcome[] = [];
  let silentWorks = true;
  let network = true;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    clientId: 'client-1',
    environment: { kind: 'region', domain: 'mypurecloud.ie' },
  };
  const answer = () => {
    issued += 1;
    const rt = `rt-${issued}`;
    live.add(rt);
    return Response.json({ access_token: `at-${issued}`, expires_in: 3600, refresh_token: rt });
  };
  const deps: AuthDeps = {
    launchWebAuthFlow: async ({ url, interactive }) => {
      launches.push(interactive);
      if (!interactive && !silentWorks) throw new Error('User interaction required.');
      return `${REDIRECT}?code=c${launches.length}&state=${new URL(url).searchParams.get('state')}`;
    },
    getRedirectURL: () => REDIRECT,
    storage: fakeBrowser.storage.session,
    fetch: async (_input, init) => {
      const form = Object.fromEntries(new URLSearchParams(String(init?.body)));
      forms.push(form);
      if (!network) throw new TypeError('Failed to fetch');
      if (form.grant_type === 'refresh_token') {
        if (!live.delete(form.refresh_token ?? ''))
          return Response.json({ error: 'invalid_grant' }, { status: 400 });
      }
      return answer();
    },
    now: () => now,
    getSettings: async () => settings,
    revoke: vi.fn(async () => {}),
    onTokenSet: (outcome) => outcomes.push(outcome),
    ...overrides,
  };
  return {
    auth: createAuth(deps),
    settings,
    forms,
    launches,
    outcomes,
    grants: () => forms.map((f) => f.grant_type),
    expire: () => {
      now += 3600_000;
    },
    revokeRefreshTokens: () => live.clear(),
    silentSignIn: (works: boolean) => {
      silentWorks = works;
    },
    networkUp: (up: boolean) => {
      network = up;
    },
  };
}

const stored = async () =>
  (await fakeBrowser.storage.session.get(TOKEN_KEY))[TOKEN_KEY] as StoredToken | undefined;

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as AuthError,
  );

describe('renewal with refresh tokens', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the refresh token of the sign-in answer beside the access token, in storage.session only', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    expect(await stored()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('rt-1');
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('rt-1');
    expect(s.outcomes).toEqual([{ via: 'sign-in', refreshToken: true }]);
  });

  it('renews with grant_type=refresh_token and keeps the rotated token for the next renewal', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    s.expire();
    expect(await s.auth.getToken()).toBe('at-2');
    expect(s.forms.at(-1)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'client-1',
    });
    expect((await stored())?.refreshToken).toBe('rt-2');
    s.expire();
    // The rotated one works; presenting the used rt-1 again would be refused.
    expect(await s.auth.getToken()).toBe('at-3');
    expect(s.forms.at(-1)?.refresh_token).toBe('rt-2');
    expect(s.launches).toEqual([true]); // only the interactive sign-in: no authorize window since
    expect(s.outcomes.slice(1)).toEqual([
      { via: 'refresh', refreshToken: true },
      { via: 'refresh', refreshToken: true },
    ]);
  });

  it('after a 401, renews through the refresh grant once for concurrent callers', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    const renewed = await Promise.all([
      s.auth.renewAfterUnauthorized('at-1'),
      s.auth.renewAfterUnauthorized('at-1'),
    ]);
    expect(renewed).toEqual(['at-2', 'at-2']);
    expect(s.grants()).toEqual(['authorization_code', 'refresh_token']);
  });

  it('falls back to the silent authorize when the refresh token is refused (400 invalid_grant)', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    s.revokeRefreshTokens();
    s.expire();
    expect(await s.auth.getToken()).toBe('at-2');
    expect(s.grants()).toEqual(['authorization_code', 'refresh_token', 'authorization_code']);
    expect(s.launches).toEqual([true, false]);
    // The silent sign-in's own answer brought a new refresh token; the refused one is gone.
    expect((await stored())?.refreshToken).toBe('rt-2');
    expect(s.outcomes.at(-1)).toEqual({
      via: 'silent-sign-in',
      refreshToken: true,
      refreshRefused: true,
    });
  });

  it('falls back to the silent authorize when the token endpoint is unreachable, keeping the refresh token', async () => {
    const s = rotatingServer({
      launchWebAuthFlow: () => Promise.reject(new Error('User interaction required.')),
    });
    await fakeBrowser.storage.session.set({
      [TOKEN_KEY]: {
        accessToken: 'old',
        expiresAt: 1_000_000 + 30_000,
        boundTo: BINDING,
        refreshToken: 'rt-x',
      },
    });
    s.networkUp(false);
    // Inside the renewal margin: the old token still serves, and the refresh token is kept
    // (the server never said no to it).
    expect(await s.auth.getToken()).toBe('old');
    expect((await stored())?.refreshToken).toBe('rt-x');
  });

  it('drops a refused refresh token even while the old access token still serves', async () => {
    const s = rotatingServer();
    s.silentSignIn(false);
    await fakeBrowser.storage.session.set({
      [TOKEN_KEY]: {
        accessToken: 'old',
        expiresAt: 1_000_000 + 30_000,
        boundTo: BINDING,
        refreshToken: 'rt-dead',
      },
    });
    expect(await s.auth.getToken()).toBe('old');
    expect(await stored()).toMatchObject({ accessToken: 'old' });
    expect((await stored())?.refreshToken).toBeUndefined();
  });

  it('ends in "Sign in" when both the refresh and the silent authorize fail, and clears both tokens', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    s.revokeRefreshTokens();
    s.silentSignIn(false);
    s.expire();
    const err = await failureOf(s.auth.getToken());
    expect(err.code).toBe('needs.signin');
    expect(await stored()).toBeUndefined();
    expect(s.grants()).toEqual(['authorization_code', 'refresh_token']);
  });

  it('signing out drops the refresh token with the access token', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    await s.auth.signOut();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('rt-1');
  });

  it('a new interactive sign-in replaces the refresh token with its own, or leaves none when none came', async () => {
    let withRefresh = true;
    const s = rotatingServer({
      fetch: async () =>
        Response.json({
          access_token: 'at-x',
          expires_in: 3600,
          ...(withRefresh ? { refresh_token: 'rt-first' } : {}),
        }),
    });
    await s.auth.signIn();
    expect((await stored())?.refreshToken).toBe('rt-first');
    withRefresh = false;
    await s.auth.signIn();
    expect((await stored())?.refreshToken).toBeUndefined();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('rt-first');
  });

  it('an account switch (another client) drops the refresh token; it is never presented for the new one', async () => {
    const s = rotatingServer();
    await s.auth.signIn();
    s.settings.clientId = 'client-2';
    s.expire();
    expect((await failureOf(s.auth.getToken())).code).toBe('needs.signin');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('rt-1');
    expect(s.grants()).toEqual(['authorization_code']);
  });

  it('without a refresh token in the answer, renewal is the silent authorize (the sign-in reports none)', async () => {
    const s = rotatingServer({
      fetch: async () => Response.json({ access_token: 'at-plain', expires_in: 3600 }),
    });
    await s.auth.signIn();
    expect((await stored())?.refreshToken).toBeUndefined();
    s.expire();
    await s.auth.getToken();
    expect(s.launches).toEqual([true, false]);
    expect(s.outcomes).toEqual([
      { via: 'sign-in', refreshToken: false },
      { via: 'silent-sign-in', refreshToken: false },
    ]);
  });
});
