import { describe, expect, it, vi } from 'vitest';
import {
  createGatewayCobrowse,
  type GatewayDeps,
} from '../../../../src/background/cobrowse/gateway';
import { createSessionFor } from '../../../../src/background/cobrowse/start-request';
import { type GenesysClient, GenesysError } from '../../../../src/background/genesys';
import { explain } from '../../../../src/shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/settings';

const GATEWAY = 'https://cobrowse-gw.example.com/';
const CONV = '5b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const SESSION = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  joinCode: '482913',
  dateOfferEnds: '2030-01-01T00:02:00.000Z',
  communicationType: 'Message',
};

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

function gateway(reply: (req: Seen, n: number) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  let token = 'tok-1';
  const renewToken = vi.fn(async () => {
    token = 'tok-2';
    return token;
  });
  const deps: GatewayDeps = {
    baseUrl: GATEWAY,
    getToken: async () => token,
    renewToken,
    fetch: async (input, init) => {
      const req: Seen = {
        method: init?.method ?? 'GET',
        url: String(input),
        headers: init?.headers as Record<string, string>,
        body: init?.body as string | undefined,
      };
      seen.push(req);
      return reply(req, seen.length);
    },
  };
  return { deps, seen, renewToken };
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as GenesysError,
  );

describe('createGatewayCobrowse', () => {
  it('sends exactly the gateway request (webchat path, capabilities body) with the bearer token and returns the session', async () => {
    const { deps, seen } = gateway(() => json(200, SESSION));
    const session = await createGatewayCobrowse(deps, CONV, ['screen', 'keyboard']);
    expect(session).toMatchObject(SESSION);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe(
      `https://cobrowse-gw.example.com/api/v2/conversations/webchat/${CONV}/cobrowse`,
    );
    expect(req?.headers.Authorization).toBe('Bearer tok-1');
    expect(req?.headers['Content-Type']).toBe('application/json');
    expect(req?.body).toBe(
      '{"type":"cobrowse","initiatorType":"agent","capabilities":["screen","keyboard"]}',
    );
  });

  it('renews the token once after a 401, like the Platform API client', async () => {
    const { deps, seen, renewToken } = gateway((_req, n) =>
      n === 1
        ? json(401, { code: 'authentication.required', message: 'expired' })
        : json(200, SESSION),
    );
    await expect(createGatewayCobrowse(deps, CONV, ['screen'])).resolves.toMatchObject(SESSION);
    expect(renewToken).toHaveBeenCalledWith('tok-1');
    expect(seen.map((r) => r.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('explains the 403 naming cobrowse:session:create: which scope, on which OAuth client', async () => {
    const { deps } = gateway(() =>
      json(
        403,
        {
          status: 403,
          code: 'app.not.authorized.for.scope',
          message: 'App not authorized to use scope cobrowse:session:create',
          messageWithParams: 'App not authorized to use scope {scope}',
          messageParams: { scope: 'cobrowse:session:create' },
          contextId: 'ctx-403',
        },
        { 'ININ-Correlation-Id': 'ctx-403' },
      ),
    );
    const err = await failureOf(createGatewayCobrowse(deps, CONV, ['screen']));
    expect(err).toBeInstanceOf(GenesysError);
    expect(err).toMatchObject({ status: 403, via: 'gateway', contextId: 'ctx-403' });
    const explained = err.toSessionError('message');
    expect(explained).toMatchObject({
      status: 403,
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope cobrowse:session:create',
      contextId: 'ctx-403',
    });
    expect(explained.title).toBe(
      'The company gateway refused: scope cobrowse:session:create is missing',
    );
    expect(explained.explanation).toContain('lacks the scope cobrowse:session:create');
    expect(explained.fix).toBe(
      'Ask your admin to add the scope cobrowse:session:create to the OAuth client used with the gateway (the client ID in Options), then sign out and in again.',
    );
  });

  it('finds the scope in the message when a gateway sends no messageParams', () => {
    const explained = explain({
      status: 403,
      code: 'forbidden',
      message: 'Token is missing scope "cobrowse:session:create"',
      via: 'gateway',
    });
    expect(explained.title).toBe(
      'The company gateway refused: scope cobrowse:session:create is missing',
    );
    expect(explained.code).toBe('forbidden');
  });

  it('explains the 400 for a bad capability by listing the server’s details', async () => {
    const { deps } = gateway(() =>
      json(400, {
        status: 400,
        code: 'invalid.value',
        message: 'The request body is not valid',
        details: [{ errorCode: 'invalid.value', fieldName: 'capabilities[1]' }],
        contextId: 'ctx-400',
      }),
    );
    const err = await failureOf(createGatewayCobrowse(deps, CONV, ['screen', 'mouse']));
    expect(err.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'capabilities[1]' }]);
    const explained = err.toSessionError();
    expect(explained).toMatchObject({ status: 400, code: 'invalid.value', contextId: 'ctx-400' });
    expect(explained.title).toBe('The company gateway did not accept the start request');
    expect(explained.explanation).toContain(
      'The gateway refused these parts of the request: capabilities[1] (invalid.value).',
    );
    expect(explained.fix).toContain('untick it in Options');
  });

  it('a 400 without details keeps the server’s message in the explanation', () => {
    const explained = explain({
      status: 400,
      code: 'bad.request',
      message: 'Invalid request body',
      via: 'gateway',
    });
    expect(explained.explanation).toContain(
      'refused these parts of the request: Invalid request body.',
    );
  });

  it('the same 400 from the Platform API keeps the Platform explanation', () => {
    const explained = explain({ status: 400, code: 'invalid.value', message: 'x' });
    expect(explained.title).toBe('A value in the request was not accepted');
  });

  it('a gateway that cannot be reached is named as the gateway', async () => {
    const { deps } = gateway(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = await failureOf(createGatewayCobrowse(deps, CONV, ['screen']));
    expect(err).toMatchObject({ code: 'network', via: 'gateway' });
    expect(err.toSessionError().title).toBe('No connection to the company gateway');
  });

  it('honours a per-request timeoutMs (the start’s POST timeout) for a gateway that never answers', async () => {
    const { deps } = gateway(() => json(200, SESSION));
    const silent: GatewayDeps = {
      ...deps,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    };
    const err = await failureOf(createGatewayCobrowse(silent, CONV, ['screen'], { timeoutMs: 1 }));
    expect(err).toMatchObject({ code: 'timeout', via: 'gateway' });
  });

  it('other gateway errors fall back to the catalogue (a 409 is still a conflict)', async () => {
    const { deps } = gateway(() =>
      json(409, { code: 'request.conflict', message: 'Session already pending' }),
    );
    const err = await failureOf(createGatewayCobrowse(deps, CONV, ['screen']));
    expect(err.toSessionError()).toEqual(
      explain({ code: 'request.conflict', status: 409, message: 'Session already pending' }),
    );
  });

  it('refuses without a request when no gateway base URL is set', async () => {
    const { deps, seen } = gateway(() => json(200, SESSION));
    const err = await failureOf(createGatewayCobrowse({ ...deps, baseUrl: ' ' }, CONV, ['screen']));
    expect(err.code).toBe('gateway.not.configured');
    expect(err.toSessionError().title).toBe('No gateway address');
    expect(seen).toEqual([]);
  });

  it('refuses a conversation id that is not a UUID, before any request', async () => {
    const { deps, seen } = gateway(() => json(200, SESSION));
    const err = await failureOf(createGatewayCobrowse(deps, '../../tokens/me', ['screen']));
    expect(err.code).toBe('invalid.conversation.id');
    expect(seen).toEqual([]);
  });

  it('refuses an answer without a join code as malformed', async () => {
    const { deps } = gateway(() => json(200, { id: 'x' }));
    const err = await failureOf(createGatewayCobrowse(deps, CONV, ['screen']));
    expect(err.code).toBe('malformed.response');
  });
});

describe('createSessionFor', () => {
  const settings = (patch: Partial<Settings>): Settings => ({
    ...structuredClone(DEFAULT_SETTINGS),
    ...patch,
  });

  it('profile genesys: the Platform API client’s createCobrowse', async () => {
    const createCobrowse = vi.fn(async () => ({ ...SESSION }));
    const fetch = vi.fn();
    const start = createSessionFor(settings({ profile: 'genesys' }), {
      api: { createCobrowse } as unknown as GenesysClient,
      getToken: async () => 'tok',
      fetch,
    });
    await expect(start(CONV)).resolves.toMatchObject(SESSION);
    expect(createCobrowse).toHaveBeenCalledWith(CONV, undefined);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('profile gateway: the gateway with the chosen capabilities, never the Platform API', async () => {
    const createCobrowse = vi.fn();
    const { deps, seen } = gateway(() => json(200, SESSION));
    const start = createSessionFor(
      settings({ profile: 'gateway', gateway: { baseUrl: GATEWAY, capabilities: ['mouse'] } }),
      {
        api: { createCobrowse } as unknown as GenesysClient,
        getToken: deps.getToken,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      },
    );
    await expect(start(CONV)).resolves.toMatchObject(SESSION);
    expect(createCobrowse).not.toHaveBeenCalled();
    expect(seen[0]?.url).toBe(
      `https://cobrowse-gw.example.com/api/v2/conversations/webchat/${CONV}/cobrowse`,
    );
    expect(JSON.parse(seen[0]?.body ?? '{}')).toEqual({
      type: 'cobrowse',
      initiatorType: 'agent',
      capabilities: ['mouse'],
    });
  });
});
