import { describe, expect, it, vi } from 'vitest';
import {
  createGenesysClient,
  type GenesysClientDeps,
  GenesysError,
  parseRetryAfter,
} from '../../../src/background/genesys';

const API = 'https://api.mypurecloud.ie';
const CONV = '5b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

/** A fake fetch answering from a per-test function; it records every request. */
function client(
  reply: (req: Seen, n: number) => Response | Promise<Response>,
  extra: Partial<GenesysClientDeps> = {},
) {
  const seen: Seen[] = [];
  let token = 'tok-1';
  const renewToken = vi.fn(async (_stale: string) => {
    token = 'tok-2';
    return token;
  });
  const api = createGenesysClient({
    getToken: async () => token,
    renewToken,
    baseUrl: () => API,
    fetch: async (input, init) => {
      const req: Seen = {
        method: init?.method ?? 'GET',
        url: String(input),
        headers: init?.headers as Record<string, string>,
        body: init?.body,
      };
      seen.push(req);
      // Honour the abort signal like a real fetch.
      const signal = init?.signal;
      const answer = reply(req, seen.length);
      return await new Promise<Response>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        Promise.resolve(answer).then(resolve, reject);
      });
    },
    ...extra,
  });
  return { api, seen, renewToken };
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as GenesysError,
  );

describe('requests', () => {
  it('sends the bearer token and the query, and parses JSON', async () => {
    const { api, seen } = client(() => Response.json({ id: 'me', name: 'Ada' }));
    const me = await api.getMe();
    expect(me.id).toBe('me');
    expect(seen[0]?.url).toBe(`${API}/api/v2/users/me?expand=authorization`);
    expect(seen[0]?.headers.Authorization).toBe('Bearer tok-1');
  });

  it('creates a cobrowse with a POST that has no body at all', async () => {
    const { api, seen } = client(() =>
      Response.json({
        id: 's1',
        joinCode: '123456',
        dateOfferEnds: '2030-01-01T00:00:00Z',
        communicationType: 'Message',
      }),
    );
    const session = await api.createCobrowse(CONV);
    expect(session.joinCode).toBe('123456');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: `${API}/api/v2/conversations/${CONV}/cobrowse`,
    });
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.headers['Content-Type']).toBeUndefined();
  });

  it('refuses a conversation id that is not a UUID before any request', async () => {
    const { api, seen } = client(() => Response.json({}));
    const err = await failureOf(api.getConversation('../users/me'));
    expect(err.code).toBe('invalid.conversation.id');
    expect(seen).toHaveLength(0);
  });

  it('subscribes with the topic list as the body, and checks a channel with HEAD', async () => {
    const { api, seen } = client((req) => {
      if (req.method === 'HEAD')
        return new Response(null, { status: req.url.endsWith('/gone') ? 404 : 200 });
      return Response.json({
        entities: [{ id: 'v2.users.u1.conversations.messages', state: 'Permitted' }],
      });
    });
    const topics = await api.subscribe('ch1', ['v2.users.u1.conversations.messages']);
    expect(topics.entities[0]?.state).toBe('Permitted');
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: `${API}/api/v2/notifications/channels/ch1/subscriptions`,
    });
    expect(JSON.parse(String(seen[0]?.body))).toEqual([
      { id: 'v2.users.u1.conversations.messages' },
    ]);
    expect(await api.channelExists('ch1')).toBe(true);
    expect(await api.channelExists('gone')).toBe(false);
  });
});

describe('errors', () => {
  it('parses an ErrorBody into a GenesysError with every field', async () => {
    const { api } = client(() =>
      Response.json(
        {
          message:
            'You must have at least one of the following permissions assigned: [conversation:cobrowse:add]',
          code: 'missing.any.permissions',
          status: 403,
          messageWithParams:
            'You must have at least one of the following permissions assigned: {perms}',
          messageParams: { perms: '[conversation:cobrowse:add]' },
          contextId: 'ctx-body',
          details: [{ errorCode: 'x' }],
        },
        { status: 403, headers: { 'ININ-Correlation-Id': 'ctx-header' } },
      ),
    );
    const err = await failureOf(api.createCobrowse(CONV));
    expect(err).toBeInstanceOf(GenesysError);
    expect(err).toMatchObject({
      status: 403,
      code: 'missing.any.permissions',
      contextId: 'ctx-body',
      messageParams: { perms: '[conversation:cobrowse:add]' },
      details: [{ errorCode: 'x' }],
    });
    expect(err.message).toContain('conversation:cobrowse:add');
    expect(err.messageWithParams).toContain('{perms}');
    expect(err.toSessionError('message')).toMatchObject({
      status: 403,
      code: 'missing.any.permissions',
      contextId: 'ctx-body',
    });
  });

  it('takes contextId from the ININ-Correlation-Id header when the body has none', async () => {
    const { api } = client(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'ININ-Correlation-Id': 'ctx-header' },
        }),
    );
    const err = await failureOf(api.listConversations());
    expect(err).toMatchObject({
      status: 502,
      code: 'http.502',
      contextId: 'ctx-header',
      message: 'Bad Gateway',
    });
  });

  it('surfaces Retry-After on a 429 and does not retry on its own', async () => {
    const { api, seen } = client(() =>
      Response.json(
        { message: 'Rate limit exceeded', code: 'too.many.requests.retry.after', status: 429 },
        { status: 429, headers: { 'Retry-After': '17' } },
      ),
    );
    const err = await failureOf(api.createCobrowse(CONV));
    expect(err).toMatchObject({ status: 429, retryAfterSeconds: 17 });
    expect(err.toSessionError().retryAfterSeconds).toBe(17);
    expect(seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('5', 0)).toBe(5);
    expect(parseRetryAfter(new Date(30_000).toUTCString(), 0)).toBe(30);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('gives up after the timeout with the local code "timeout"', async () => {
    const { api } = client(() => new Promise<Response>(() => {}), { timeoutMs: 20 });
    const err = await failureOf(api.getTokenInfo());
    expect(err.code).toBe('timeout');
    expect(err.status).toBeUndefined();
    expect(err.toSessionError().title).toBe('Genesys Cloud did not answer in time');
  });

  it('reports a network failure with the local code "network"', async () => {
    const { api } = client(() => Promise.reject(new TypeError('Failed to fetch')));
    const err = await failureOf(api.getTokenInfo());
    expect(err.code).toBe('network');
    expect(err.message).toContain('Failed to fetch');
  });

  it('reports an answer that is not JSON, or not the expected shape, as "malformed.response"', async () => {
    const notJson = client(() => new Response('{"id":', { status: 200 }));
    expect((await failureOf(notJson.api.getMe())).code).toBe('malformed.response');
    const noJoinCode = client(() => Response.json({ id: 's1' }));
    const err = await failureOf(noJoinCode.api.createCobrowse(CONV));
    expect(err.code).toBe('malformed.response');
    expect(err.message).toContain('joinCode');
  });

  it('cancels when the caller aborts', async () => {
    const { api } = client(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = failureOf(api.listConversations({ signal: controller.signal }));
    controller.abort();
    expect((await pending).code).toBe('aborted');
  });
});

describe('401', () => {
  it('renews the token once and retries with the new one', async () => {
    const { api, seen, renewToken } = client((req) =>
      req.headers.Authorization === 'Bearer tok-1'
        ? Response.json({ code: 'authentication.required', message: 'expired' }, { status: 401 })
        : Response.json({ id: 's1', joinCode: '999000' }),
    );
    expect((await api.createCobrowse(CONV)).joinCode).toBe('999000');
    expect(renewToken).toHaveBeenCalledWith('tok-1');
    expect(seen.map((s) => s.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('reports a second 401 instead of looping', async () => {
    const { api, seen, renewToken } = client(() =>
      Response.json({ code: 'bad.credentials', message: 'no' }, { status: 401 }),
    );
    const err = await failureOf(api.getMe());
    expect(err).toMatchObject({ status: 401, code: 'bad.credentials' });
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(2);
  });

  it('does not renew for a request made with an explicit token (sign-out revoke)', async () => {
    const { api, seen, renewToken } = client(() => new Response(null, { status: 401 }));
    expect((await failureOf(api.revokeToken('tok-x'))).status).toBe(401);
    expect(renewToken).not.toHaveBeenCalled();
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: `${API}/api/v2/tokens/me` });
    expect(seen[0]?.headers.Authorization).toBe('Bearer tok-x');
  });
});
