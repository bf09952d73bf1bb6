// Beyond the page: what a hostile or misconfigured server (a company proxy behind a custom base
// URL) can no longer do — leak the token into error text, redirect the client elsewhere, or
// flood the panel with a huge answer.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { type AuthError, createAuth, TOKEN_KEY } from '../../../src/background/auth';
import { exchangeCode, refreshTokens } from '../../../src/background/auth/token-endpoint';
import { endGuestSession } from '../../../src/background/cobrowse/end';
import { createGatewayCobrowse } from '../../../src/background/cobrowse/gateway';
import { buildReport } from '../../../src/background/connection';
import {
  createGenesysClient,
  GenesysError,
  parseCobrowseSession,
  type TokenInfo,
  type UserMe,
} from '../../../src/background/genesys';
import { AnswerTooLarge, MAX_ANSWER_BYTES, readBounded } from '../../../src/background/http';
import { toSessionError } from '../../../src/shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { errorDetailsText } from '../../../src/ui/error-details';

const TOKEN = 'x7Jq2N0bVq9-LrT8sYc3Wm_KdPz1Ae6HgUoFi4XnRl5tMvBjQw0yZk2CsDhEaGfIuOpS9rT';
const LOGIN = 'https://gw.example.com';
const CONV = '5b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

const failureOf = <E>(p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as E,
  );

/** A fetch that records its init and answers with `reply`. */
function recording(reply: () => Response | Promise<Response>) {
  const inits: RequestInit[] = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    inits.push(init ?? {});
    return reply();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, inits };
}

const tokenDeps = (fetch: typeof globalThis.fetch) => ({ fetch, now: () => 0, timeoutMs: 5_000 });
const exchange = (fetch: typeof globalThis.fetch) =>
  exchangeCode(tokenDeps(fetch), {
    loginBase: LOGIN,
    clientId: 'c',
    redirectUri: 'https://id.chromiumapp.org/',
    code: 'code-1',
    verifier: 'v'.repeat(43),
  });

describe('a token answer that fails the shape check', () => {
  it('names the field, never quotes the body (which holds the live token)', async () => {
    const { fetch } = recording(() =>
      Response.json({ access_token: TOKEN, token_type: 'bearer', expires_in: 'a day' }),
    );
    const err = await failureOf<AuthError>(exchange(fetch));
    expect(err.code).toBe('malformed.response');
    expect(err.message).toContain('expires_in: expected');
    // Not the body (masked or not): none of its other parts or values either.
    for (const part of [TOKEN, 'token_type', 'bearer', 'a day']) {
      expect(err.message).not.toContain(part);
    }
    expect(JSON.stringify(err.toSessionError())).not.toContain(TOKEN);
    expect(errorDetailsText(err.toSessionError())).not.toContain(TOKEN);
  });

  it('reads a numeric string for expires_in (a proxy writing "86400"), as a number (positive control)', async () => {
    const { fetch } = recording(() =>
      Response.json({ access_token: TOKEN, token_type: 'bearer', expires_in: '86400' }),
    );
    expect(await exchange(fetch)).toEqual({ accessToken: TOKEN, expiresAt: 86_400_000 });
  });

  it('never quotes a refused grant that is not JSON either', async () => {
    const { fetch } = recording(
      () => new Response(`<html>access_token=${TOKEN}</html>`, { status: 400 }),
    );
    const err = await failureOf<AuthError>(
      refreshTokens(tokenDeps(fetch), { loginBase: LOGIN, clientId: 'c', refreshToken: 'rt' }),
    );
    expect(err.code).toBe('http.400');
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain('html');
  });

  it('silent renewal does not copy the token into the needs.signin error', async () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      clientId: 'c',
      environment: { kind: 'custom', baseUrl: LOGIN },
    };
    await fakeBrowser.storage.session.set({
      [TOKEN_KEY]: { accessToken: 'old', expiresAt: 0, boundTo: `${LOGIN}|c`, refreshToken: 'rt' },
    });
    const { fetch } = recording(() =>
      Response.json({ access_token: TOKEN, refresh_token: TOKEN, expires_in: 'soon' }),
    );
    const auth = createAuth({
      launchWebAuthFlow: async ({ url }) =>
        `https://id.chromiumapp.org/?code=c1&state=${new URL(url).searchParams.get('state')}`,
      getRedirectURL: () => 'https://id.chromiumapp.org/',
      storage: fakeBrowser.storage.session,
      fetch,
      now: () => 1_000,
      getSettings: async () => settings,
      revoke: async () => undefined,
    });
    const err = await failureOf<AuthError>(auth.getToken());
    expect(err.code).toBe('needs.signin');
    expect(err.detail).toContain('expires_in'); // the attack path: the refusal's own words
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(TOKEN);
    expect(errorDetailsText(err.toSessionError())).not.toContain(TOKEN);
  });
});

describe('a redirect is never followed', () => {
  const api = (fetch: typeof globalThis.fetch) =>
    createGenesysClient({ getToken: async () => 'tok', baseUrl: () => LOGIN, fetch });

  it('every request asks fetch to refuse redirects (API, token endpoint, gateway, guest end)', async () => {
    const ok = recording(() => Response.json({ entities: [] }));
    await api(ok.fetch).listConversations();
    const token = recording(() => Response.json({ access_token: 'a', expires_in: 60 }));
    await exchange(token.fetch);
    const gw = recording(() => Response.json({ joinCode: '123456' }));
    await createGatewayCobrowse(
      { baseUrl: LOGIN, getToken: async () => 'tok', fetch: gw.fetch },
      CONV,
      ['screen'],
    );
    const end = recording(() => new Response(null, { status: 204 }));
    await endGuestSession(end.fetch, `${LOGIN}/api/v2/webdeployments/deployments/d/cobrowse/s`);
    for (const inits of [ok.inits, token.inits, gw.inits, end.inits]) {
      expect(inits.map((i) => i.redirect)).toEqual(['manual']);
    }
  });

  it('a fetch that rejects on the redirect becomes redirect.refused, with what to fix', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: new Error('unexpected redirect'),
    });
    const err = await failureOf<GenesysError>(
      api(vi.fn(() => Promise.reject(refused)) as unknown as typeof fetch).getMe(),
    );
    expect(err.code).toBe('redirect.refused');
    const shown = err.toSessionError();
    expect(shown.title).toMatch(/redirect/i);
    expect(shown.fix).toMatch(/base URL/);
    const tokenErr = await failureOf<AuthError>(
      exchange(vi.fn(() => Promise.reject(refused)) as unknown as typeof fetch),
    );
    expect(tokenErr.code).toBe('redirect.refused');
  });

  it('an answer that was redirected anyway (a fetch ignoring the mode) is refused, body unread', async () => {
    const moved = Response.json({ id: 'attacker', name: 'Mallory' });
    Object.defineProperty(moved, 'redirected', { value: true });
    const text = vi.spyOn(moved, 'text');
    const err = await failureOf<GenesysError>(api(recording(() => moved).fetch).getMe());
    expect(err.code).toBe('redirect.refused');
    expect(text).not.toHaveBeenCalled();
    const temporary = new Response(null, { status: 307, headers: { Location: 'https://evil/' } });
    const err307 = await failureOf<GenesysError>(api(recording(() => temporary).fetch).getMe());
    expect(err307).toMatchObject({ code: 'redirect.refused', status: 307 });
  });

  it('a plain network failure stays a network error (positive control)', async () => {
    const err = await failureOf<GenesysError>(
      api(
        vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
      ).getMe(),
    );
    expect(err.code).toBe('network');
  });
});

/** A body streamed in 64 KB chunks with no Content-Length. */
function streamed(bytes: number, status = 500): Response {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
  const response = new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  return Object.assign(response, { pulls: () => pulled });
}

describe('huge answers and long server strings', () => {
  const api = (reply: () => Response) =>
    createGenesysClient({
      getToken: async () => 'tok',
      baseUrl: () => LOGIN,
      fetch: recording(reply).fetch,
    });

  it('refuses a 12 MB error body by its Content-Length, unread', async () => {
    const huge = JSON.stringify({ message: 'm'.repeat(12 * 1024 * 1024), code: 'bad.request' });
    const err = await failureOf<GenesysError>(
      api(() => new Response(huge, { status: 400 })).getMe(),
    );
    expect(err.code).toBe('answer.too.large');
    const shown = err.toSessionError();
    expect(shown.title).toBe('Answer too large');
    expect(shown.message.length).toBeLessThan(500);
  });

  it('stops reading a streamed answer without Content-Length at the cap', async () => {
    const response = streamed(12 * 1024 * 1024);
    await expect(readBounded(response)).rejects.toBeInstanceOf(AnswerTooLarge);
    // Stopped just past 1 MB, not after 12.
    const pulls = (response as unknown as { pulls: () => number }).pulls();
    expect(pulls).toBeLessThanOrEqual(MAX_ANSWER_BYTES / (64 * 1024) + 3);
  });

  it('reads an answer under the cap whole (positive control)', async () => {
    expect(await readBounded(streamed(256 * 1024, 200))).toHaveLength(256 * 1024);
  });

  it('bounds every server string that reaches the UI', async () => {
    const body = {
      message: `${'m'.repeat(100_000)}`,
      code: 'c'.repeat(5_000),
      contextId: 'i'.repeat(5_000),
      messageParams: { scope: 's'.repeat(5_000) },
      details: Array.from({ length: 500 }, () => ({ fieldName: 'f'.repeat(1_000) })),
    };
    const err = await failureOf<GenesysError>(
      api(() => Response.json(body, { status: 400 })).getMe(),
    );
    expect(err.code).not.toBe('answer.too.large'); // under 1 MB: the ErrorBody path itself
    expect(err.message.length).toBeLessThanOrEqual(500);
    expect(err.message.endsWith('…')).toBe(true);
    expect(err.code.length).toBeLessThanOrEqual(100);
    expect(err.contextId?.length).toBeLessThanOrEqual(100);
    expect(err.messageParams?.scope?.length).toBeLessThanOrEqual(500);
    expect(err.details?.length).toBe(20);
    expect(err.details?.[0]?.fieldName?.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(err.toSessionError()).length).toBeLessThan(5_000);
  });

  it('the token endpoint refuses a huge answer too', async () => {
    const err = await failureOf<AuthError>(
      exchange(recording(() => streamed(2 * 1024 * 1024)).fetch),
    );
    expect(err.code).toBe('answer.too.large');
  });
});

describe('other server strings that reach a view are bounded too', () => {
  it('the connection report names (org, user, OAuth client)', () => {
    const long = 'N'.repeat(100_000);
    const info = {
      organization: { id: 'o1', name: long },
      authorizedScope: [],
      OAuthClient: { id: 'c1', name: long },
    } as unknown as TokenInfo;
    const report = buildReport(info, { id: 'u1', name: long } as UserMe);
    expect(report.org.name.length).toBeLessThanOrEqual(200);
    expect(report.user.name.length).toBeLessThanOrEqual(200);
    expect(report.client?.name.length).toBeLessThanOrEqual(200);
    expect(
      buildReport({ ...info, organization: { id: 'o1', name: 'Acme' } }, undefined).org,
    ).toEqual({ id: 'o1', name: 'Acme' });
  });

  it('a join code is a few characters, not a page of text', () => {
    expect(parseCobrowseSession({ joinCode: '482913' }).joinCode).toBe('482913');
    expect(() => parseCobrowseSession({ joinCode: '4'.repeat(100_000) })).toThrow(GenesysError);
  });

  it('an unexpected internal error is masked and bounded on its way to a view', () => {
    const shown = toSessionError(
      new Error(`boom {"access_token":"${TOKEN}"} ${'z'.repeat(9_000)}`),
    );
    expect(shown.message).not.toContain(TOKEN);
    expect(shown.message.length).toBeLessThanOrEqual(500);
  });
});
