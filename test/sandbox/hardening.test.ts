// Beyond the page, over real HTTP: the product's API client, token endpoint and notification
// stream against the sandbox's fault controls for a hostile or misconfigured server — a token
// answer with expires_in as a string, a 307 to another origin, a 12 MB error body (with and
// without Content-Length), and a channel whose connectUri points at another port. Each test
// also shows the fault itself does what it says (the raw answer), so the refusal is real.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthError } from '../../src/background/auth/errors';
import { exchangeCode } from '../../src/background/auth/token-endpoint';
import { createGenesysClient, type GenesysError } from '../../src/background/genesys';
import { socketAddressProblem } from '../../src/background/notifications/socket-address';
import { createEventStream, type SocketLike } from '../../src/background/notifications/stream';
import type { SessionError } from '../../src/shared/session';
import { knownRegions } from '../../src/shared/settings';
import { type Sandbox, SEED, startSandbox } from '../../tools/sandbox/index';
import { form, pkcePair, useSandbox } from './testkit';

const sandbox = useSandbox();
const failureOf = <E>(p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as E,
  );

const apiFor = (s: Sandbox) => {
  const token = s.issueToken(SEED.users.agent);
  return createGenesysClient({ getToken: async () => token, baseUrl: () => s.url });
};

/** A code from the login form (Allow), as the browser's auth window would return it. */
async function code(s: Sandbox, challenge: string): Promise<string> {
  const res = await fetch(
    `${s.url}/oauth/authorize`,
    form({
      client_id: SEED.clients.pkce,
      redirect_uri: SEED.redirectUri,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 's',
      userId: SEED.users.agent,
      decision: 'allow',
    }),
  );
  return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

describe('fault expiresInAsString (token answer with expires_in as a string)', () => {
  it('the raw answer has a string expires_in and a live token; the product reads it as seconds', async () => {
    const s = sandbox.current;
    const raw = pkcePair();
    s.fault({ method: 'POST', path: '^/oauth/token$', expiresInAsString: true });
    const answer = await fetch(
      `${s.url}/oauth/token`,
      form({
        grant_type: 'authorization_code',
        client_id: SEED.clients.pkce,
        redirect_uri: SEED.redirectUri,
        code: await code(s, raw.challenge),
        code_verifier: raw.verifier,
      }),
    );
    const body = (await answer.json()) as { access_token: string; expires_in: unknown };
    expect(body.expires_in).toBe('86400');

    const pair = pkcePair();
    s.fault({ method: 'POST', path: '^/oauth/token$', expiresInAsString: true });
    const tokens = await exchangeCode(
      { fetch: (i, init) => globalThis.fetch(i, init), now: () => 0, timeoutMs: 5_000 },
      {
        loginBase: s.url,
        clientId: SEED.clients.pkce,
        redirectUri: SEED.redirectUri,
        code: await code(s, pair.challenge),
        verifier: pair.verifier,
      },
    );
    expect(tokens.expiresAt).toBe(86_400_000);
    const me = await createGenesysClient({
      getToken: async () => tokens.accessToken,
      baseUrl: () => s.url,
    }).getMe();
    expect(me.id).toBe(SEED.users.agent);
  });
});

describe('fault redirectTo (307 to another origin)', () => {
  let other: Sandbox;
  beforeEach(async () => {
    other = await startSandbox({ port: 0 });
  });
  afterEach(async () => {
    await other.close();
  });

  it('a default fetch would follow it to the other origin (the fault works)', async () => {
    const s = sandbox.current;
    s.fault({ path: '^/api/v2/users/me$', redirectTo: `${other.url}/` });
    const followed = await fetch(`${s.url}/api/v2/users/me`);
    expect(new URL(followed.url).origin).toBe(other.url);
  });

  it('the API client refuses it: redirect.refused, nothing read from the other origin', async () => {
    const s = sandbox.current;
    const api = apiFor(s);
    s.fault({ path: '^/api/v2/users/me$', redirectTo: `${other.url}/` });
    const err = await failureOf<GenesysError>(api.getMe());
    expect(err.code).toBe('redirect.refused');
    expect(err.toSessionError().fix).toMatch(/base URL/);
    expect(other.requests().length).toBe(0);
    expect((await api.getMe()).id).toBe(SEED.users.agent); // one-shot fault: then it works
  });

  it('the token endpoint refuses it too', async () => {
    const s = sandbox.current;
    s.fault({ method: 'POST', path: '^/oauth/token$', redirectTo: `${other.url}/` });
    const pair = pkcePair();
    const err = await failureOf<AuthError>(
      exchangeCode(
        { fetch: (i, init) => globalThis.fetch(i, init), now: () => 0, timeoutMs: 5_000 },
        {
          loginBase: s.url,
          clientId: SEED.clients.pkce,
          redirectUri: SEED.redirectUri,
          code: await code(s, pair.challenge),
          verifier: pair.verifier,
        },
      ),
    );
    expect(err.code).toBe('redirect.refused');
    expect(other.requests().length).toBe(0);
  });
});

describe('fault hugeBodyBytes (a 12 MB error message)', () => {
  const TWELVE_MB = 12 * 1024 * 1024;

  it.each([false, true])('is refused as answer.too.large (chunked: %s)', async (chunked) => {
    const s = sandbox.current;
    const api = apiFor(s);
    // The fault itself: a 400 whose body is 12 MB, with or without Content-Length.
    s.fault({ path: '^/api/v2/conversations$', hugeBodyBytes: TWELVE_MB, chunked });
    const raw = await fetch(`${s.url}/api/v2/conversations`);
    expect(raw.status).toBe(400);
    const length = (await raw.text()).length;
    expect(length).toBeGreaterThan(TWELVE_MB - 4);
    expect(length).toBeLessThanOrEqual(TWELVE_MB);
    expect(raw.headers.get('content-length')).toBe(chunked ? null : String(length));

    s.fault({ path: '^/api/v2/conversations$', hugeBodyBytes: TWELVE_MB, chunked });
    const err = await failureOf<GenesysError>(api.listConversations());
    expect(err.code).toBe('answer.too.large');
    expect(err.toSessionError().title).toBe('Answer too large');
    expect(err.message.length).toBeLessThan(500);
  });

  it('a normal-size error body is explained as usual (positive control)', async () => {
    const s = sandbox.current;
    s.fault({ path: '^/api/v2/conversations$', hugeBodyBytes: 2_000 });
    const err = await failureOf<GenesysError>(apiFor(s).listConversations());
    expect(err).toMatchObject({ status: 400, code: 'bad.request' });
    expect(err.message.length).toBeLessThanOrEqual(500);
  });
});

describe('fault connectUriOrigin (a channel pointing the socket at another port)', () => {
  it('the raw channel answer carries the rewritten connectUri', async () => {
    const s = sandbox.current;
    s.fault({
      method: 'POST',
      path: '/notifications/channels$',
      connectUriOrigin: 'ws://127.0.0.1:9',
    });
    const channel = await apiFor(s).createChannel();
    expect(channel.connectUri).toBe(`ws://127.0.0.1:9/channels/${channel.id}`);
  });

  it('the stream refuses it (no socket), explains it and falls back to REST', async () => {
    const s = sandbox.current;
    s.fault({
      method: 'POST',
      path: '/notifications/channels$',
      connectUriOrigin: 'ws://127.0.0.1:9',
    });
    const opened: string[] = [];
    class NoSocket implements SocketLike {
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        opened.push(url);
      }
      send() {}
      close() {}
    }
    let reportDown: (error: SessionError) => void = () => undefined;
    const down = new Promise<SessionError>((resolve) => {
      reportDown = resolve;
    });
    const stream = createEventStream({
      api: apiFor(s),
      userId: async () => SEED.users.agent,
      WebSocket: NoSocket,
      socketAddressProblem: (uri) => socketAddressProblem(uri, s.url, knownRegions()),
      onUpdate: () => undefined,
      onStatus: (status, error) => {
        if (status === 'down' && error) reportDown(error);
      },
      pollIntervalMs: 60_000,
      maxBackoffMs: 60_000,
    });
    stream.ensure([SEED.conversations.agent.messagingOnline]);
    const error = await down;
    stream.stop();
    expect(error.code).toBe('stream.address.refused');
    expect(error.message).toContain('ws://127.0.0.1:9');
    expect(opened).toEqual([]);
  });
});
