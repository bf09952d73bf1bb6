import { describe, expect, it } from 'vitest';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { FIREFOX_EXTENSION_REDIRECT } from '../../tools/sandbox/seed';
import { call, form, pkcePair, useSandbox } from './testkit';

const redirect = SEED.redirectUri;

function authorizeUrl(sandbox: Sandbox, params: Record<string, string>) {
  const url = new URL('/oauth/authorize', sandbox.url);
  for (const [k, v] of Object.entries({
    client_id: SEED.clients.pkce,
    redirect_uri: redirect,
    response_type: 'code',
    code_challenge_method: 'S256',
    state: 'xyz-123',
    ...params,
  }))
    url.searchParams.set(k, v);
  return url.toString();
}

/** What the login page's form posts, as a browser would after a click. */
async function submitLogin(
  sandbox: Sandbox,
  challenge: string,
  decision: 'allow' | 'deny',
  userId: string = SEED.users.agent,
) {
  return fetch(
    `${sandbox.url}/oauth/authorize`,
    form({
      client_id: SEED.clients.pkce,
      redirect_uri: redirect,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'xyz-123',
      userId,
      decision,
    }),
  );
}

async function exchange(sandbox: Sandbox, values: Record<string, string>) {
  const res = await fetch(
    `${sandbox.url}/oauth/token`,
    form({
      grant_type: 'authorization_code',
      client_id: SEED.clients.pkce,
      redirect_uri: redirect,
      ...values,
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function codeFor(sandbox: Sandbox, challenge: string, userId?: string) {
  const res = await submitLogin(sandbox, challenge, 'allow', userId);
  const location = new URL(res.headers.get('location') ?? '');
  return { code: location.searchParams.get('code') ?? '', location, res };
}

describe('OAuth authorization code with PKCE', () => {
  const sandbox = useSandbox();

  it('shows a login page with a labelled user choice and Allow / Deny buttons', async () => {
    const { challenge } = pkcePair();
    const res = await fetch(authorizeUrl(sandbox.current, { code_challenge: challenge }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<legend>Sign in as</legend>');
    expect(html).toContain('name="decision" value="allow">Allow</button>');
    expect(html).toContain('name="decision" value="deny">Deny</button>');
    expect(html).toContain('山田 花子');
    expect(html).toContain(`value="${challenge}"`);
  });

  it('completes: Allow redirects with code and state, the code buys a bearer token that works', async () => {
    const { verifier, challenge } = pkcePair();
    const { code, location, res } = await codeFor(
      sandbox.current,
      challenge,
      SEED.users.messagingOnly,
    );
    expect(res.status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const token = await exchange(sandbox.current, { code, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 86_400 });
    expect(token.body).not.toHaveProperty('refresh_token');
    const me = await call(sandbox.current, 'GET', '/api/v2/users/me', {
      token: token.body.access_token as string,
    });
    expect(me.body).toMatchObject({ id: SEED.users.messagingOnly, name: '山田 花子' });
  });

  it('Deny redirects with error=access_denied and the state', async () => {
    const res = await submitLogin(sandbox.current, pkcePair().challenge, 'deny');
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz-123');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('refuses a wrong verifier with invalid_grant', async () => {
    const { code } = await codeFor(sandbox.current, pkcePair().challenge);
    const answer = await exchange(sandbox.current, { code, code_verifier: pkcePair().verifier });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'invalid_grant',
      error_description: 'code_verifier does not match the code_challenge',
    });
  });

  it('refuses a reused code', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await codeFor(sandbox.current, challenge);
    expect((await exchange(sandbox.current, { code, code_verifier: verifier })).status).toBe(200);
    const again = await exchange(sandbox.current, { code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(again.body.error_description).toMatch(/already been used/);
  });

  it('refuses an expired code', async () => {
    sandbox.current.settings({ codeLifetimeSeconds: 0 });
    const { verifier, challenge } = pkcePair();
    const { code } = await codeFor(sandbox.current, challenge);
    const answer = await exchange(sandbox.current, { code, code_verifier: verifier });
    expect(answer.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'authorization code has expired',
    });
  });

  it('shows "OAuth client ID or redirect URI is invalid" for an unregistered redirect URI or client', async () => {
    const { challenge } = pkcePair();
    const cases: Record<string, string>[] = [
      { redirect_uri: 'https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.chromiumapp.org/' },
      { redirect_uri: `${redirect}extra` },
      { client_id: 'not-a-client' },
    ];
    for (const params of cases) {
      const res = await fetch(
        authorizeUrl(sandbox.current, { code_challenge: challenge, ...params }),
        {
          redirect: 'manual',
        },
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('OAuth client ID or redirect URI is invalid');
    }
  });

  it('refuses a token exchange whose redirect_uri differs from the authorize request', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await codeFor(sandbox.current, challenge);
    const answer = await exchange(sandbox.current, {
      code,
      code_verifier: verifier,
      redirect_uri: 'https://example.com/',
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'redirect_uri does not match the authorization request',
      },
    });
  });

  it('allows any chromiumapp.org redirect only when the setting says so', async () => {
    const other = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
    const url = authorizeUrl(sandbox.current, {
      code_challenge: pkcePair().challenge,
      redirect_uri: other,
    });
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    sandbox.current.settings({ allowAnyChromiumAppRedirect: true });
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(200);
  });

  it('registers the Firefox build redirect URI on the test client, and allows any other Firefox one only by the setting', async () => {
    const challenge = pkcePair().challenge;
    const firefox = authorizeUrl(sandbox.current, {
      code_challenge: challenge,
      redirect_uri: FIREFOX_EXTENSION_REDIRECT,
    });
    expect((await fetch(firefox, { redirect: 'manual' })).status).toBe(200);
    const other = 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/';
    const url = authorizeUrl(sandbox.current, { code_challenge: challenge, redirect_uri: other });
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    sandbox.current.settings({ allowAnyChromiumAppRedirect: true });
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(200);
  });

  it('requires PKCE S256: plain or a missing challenge redirects with invalid_request', async () => {
    const cases: Record<string, string>[] = [
      { code_challenge: pkcePair().challenge, code_challenge_method: 'plain' },
      { code_challenge_method: 'S256' },
    ];
    for (const params of cases) {
      const res = await fetch(authorizeUrl(sandbox.current, params), { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('xyz-123');
    }
  });

  it('after a sign-in, the login cookie answers a later authorize without a page (silent re-auth)', async () => {
    const first = await submitLogin(
      sandbox.current,
      pkcePair().challenge,
      'allow',
      SEED.users.noCobrowse,
    );
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^genesys_sandbox_login=/);
    const { verifier, challenge } = pkcePair();
    const silent = await fetch(authorizeUrl(sandbox.current, { code_challenge: challenge }), {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(silent.status).toBe(302);
    const location = new URL(silent.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const token = await exchange(sandbox.current, {
      code: location.searchParams.get('code') ?? '',
      code_verifier: verifier,
    });
    const me = await call(sandbox.current, 'GET', '/api/v2/users/me', {
      token: token.body.access_token as string,
    });
    expect(me.body).toMatchObject({ id: SEED.users.noCobrowse });

    // prompt=login still shows the page; without the cookie, prompt=none says login_required.
    const forced = await fetch(
      authorizeUrl(sandbox.current, { code_challenge: challenge, prompt: 'login' }),
      {
        redirect: 'manual',
        headers: { cookie },
      },
    );
    expect(forced.status).toBe(200);
    sandbox.current.endLoginSessions();
    const none = await fetch(
      authorizeUrl(sandbox.current, { code_challenge: challenge, prompt: 'none' }),
      {
        redirect: 'manual',
        headers: { cookie },
      },
    );
    expect(new URL(none.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'login_required',
    );
  });

  it('autoApprove answers authorize at once as the configured user', async () => {
    sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.messagingOnly });
    const { verifier, challenge } = pkcePair();
    const res = await fetch(authorizeUrl(sandbox.current, { code_challenge: challenge }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await exchange(sandbox.current, { code, code_verifier: verifier });
    const info = await call(sandbox.current, 'GET', '/api/v2/users/me', {
      token: token.body.access_token as string,
    });
    expect(info.body.id).toBe(SEED.users.messagingOnly);
  });

  it('honours tokenLifetimeSeconds, and refresh tokens when issueRefreshTokens is on', async () => {
    sandbox.current.settings({ tokenLifetimeSeconds: 300, issueRefreshTokens: true });
    const { verifier, challenge } = pkcePair();
    const { code } = await codeFor(sandbox.current, challenge);
    const first = await exchange(sandbox.current, { code, code_verifier: verifier });
    expect(first.body.expires_in).toBe(300);
    expect(typeof first.body.refresh_token).toBe('string');
    const refresh = async (refreshToken: string) => {
      const res = await fetch(
        `${sandbox.current.url}/oauth/token`,
        form({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: SEED.clients.pkce,
        }),
      );
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const second = await refresh(first.body.refresh_token as string);
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    // Rotated: the old refresh token is spent.
    expect((await refresh(first.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('lists refresh tokens as live until rotated, and revokeRefreshTokens refuses the rest', async () => {
    sandbox.current.settings({ issueRefreshTokens: true });
    const { verifier, challenge } = pkcePair();
    const { code } = await codeFor(sandbox.current, challenge);
    const first = await exchange(sandbox.current, { code, code_verifier: verifier });
    const rt = first.body.refresh_token as string;
    expect(sandbox.current.refreshTokens()).toEqual([
      { token: rt, userId: SEED.users.agent, live: true },
    ]);
    expect(sandbox.current.revokeRefreshTokens()).toBe(1);
    expect(sandbox.current.refreshTokens()).toEqual([
      { token: rt, userId: SEED.users.agent, live: false },
    ]);
    const res = await fetch(
      `${sandbox.current.url}/oauth/token`,
      form({ grant_type: 'refresh_token', refresh_token: rt, client_id: SEED.clients.pkce }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses grant_type=refresh_token while refresh tokens are off', async () => {
    const res = await fetch(
      `${sandbox.current.url}/oauth/token`,
      form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: SEED.clients.pkce }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('answers 401 bad.credentials once a token expires, is revoked, or signed out', async () => {
    const s = sandbox.current;
    const [a, b, c] = [s.issueToken(), s.issueToken(), s.issueToken()];
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token: a })).status).toBe(200);
    s.expireTokens(a);
    s.revokeTokens(b);
    expect((await call(s, 'DELETE', '/api/v2/tokens/me', { token: c })).status).toBe(204);
    for (const token of [a, b, c]) {
      const answer = await call(s, 'GET', '/api/v2/tokens/me', { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'bad.credentials', status: 401 });
    }
  });
});
