// The extension's gateway client (src/background/cobrowse/gateway.ts) against the sandbox's real gateway
// route over HTTP: the session on success, and the 403 / 400 explained in the catalogue's words.
import { describe, expect, it, vi } from 'vitest';
import { createGatewayCobrowse, type GatewayDeps } from '../../src/background/cobrowse/gateway';
import { createSessionFor } from '../../src/background/cobrowse/start-request';
import { GenesysError } from '../../src/background/genesys';
import type { Capability } from '../../src/shared/settings';
import { SEED } from '../../tools/sandbox/index';
import { useSandbox } from './testkit';

// The client explains errors through browser.i18n; outside the unit project there is no
// setup file, so answer from the real English messages.json here.
vi.mock('webextension-polyfill', async () => {
  const { readFileSync } = await import('node:fs');
  const url = new URL('../../public/_locales/en/messages.json', import.meta.url);
  const messages = JSON.parse(readFileSync(url, 'utf8')) as Record<
    string,
    { message: string; placeholders?: Record<string, { content: string }> }
  >;
  const getMessage = (key: string, subs?: string | string[]) => {
    const entry = messages[key];
    if (!entry) return '';
    const list = subs === undefined ? [] : ([] as string[]).concat(subs);
    let text = entry.message;
    for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
      const value = ph.content.replace(/\$(\d)/g, (_, n) => list[Number(n) - 1] ?? '');
      text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), value);
    }
    return text;
  };
  return { default: { i18n: { getMessage } } };
});

const conv = SEED.conversations.agent;
const ALL: Capability[] = ['screen', 'mouse', 'keyboard'];

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as GenesysError,
  );

describe('the gateway client against the sandbox gateway route', () => {
  const sandbox = useSandbox({ offerTtlSeconds: 120 });

  const depsWith = (token: string): GatewayDeps => ({
    baseUrl: sandbox.current.url,
    getToken: async () => token,
  });

  it('creates the session with a token carrying cobrowse:session:create', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const session = await createGatewayCobrowse(depsWith(token), conv.messagingOnline, ALL);
    expect(session).toMatchObject({
      communicationType: 'Message',
      joinCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(s.sessions()).toEqual([
      expect.objectContaining({
        via: 'gateway',
        id: session.id,
        conversationId: conv.messagingOnline,
      }),
    ]);
  });

  it('the profile switch sends the start through the gateway with the capabilities from settings', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const start = createSessionFor(
      { profile: 'gateway', gateway: { baseUrl: s.url, capabilities: ['screen'] } },
      {
        api: {
          createCobrowse: () => Promise.reject(new Error('the Platform API must not be called')),
        },
        getToken: async () => token,
      },
    );
    const session = await start(conv.messagingOnline);
    expect(s.sessions()[0]).toMatchObject({ via: 'gateway', id: session.id });
  });

  it('a token without cobrowse:session:create gets the 403 naming it, explained with the fix', async () => {
    const s = sandbox.current;
    const err = await failureOf(
      createGatewayCobrowse(depsWith(s.issueToken()), conv.messagingOnline, ALL),
    );
    expect(err).toBeInstanceOf(GenesysError);
    const explained = err.toSessionError('message');
    expect(explained).toMatchObject({
      status: 403,
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope cobrowse:session:create',
      contextId: expect.any(String),
    });
    expect(explained.title).toBe(
      'The company gateway refused: scope cobrowse:session:create is missing',
    );
    expect(explained.fix).toContain(
      'add the scope cobrowse:session:create to the OAuth client used with the gateway',
    );
    expect(s.sessions()).toEqual([]);
  });

  it('a capability the gateway does not know gets the 400 with its details listed', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const bad = ['screen', 'telepathy'] as unknown as Capability[];
    const err = await failureOf(createGatewayCobrowse(depsWith(token), conv.messagingOnline, bad));
    expect(err.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'capabilities[1]' }]);
    const explained = err.toSessionError('message');
    expect(explained).toMatchObject({ status: 400, code: 'invalid.value' });
    expect(explained.title).toBe('The company gateway did not accept the start request');
    expect(explained.explanation).toContain(
      'The gateway refused these parts of the request: capabilities[1] (invalid.value).',
    );
    expect(s.sessions()).toEqual([]);
  });

  it('no capability at all is refused by the gateway too (400 naming capabilities)', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const err = await failureOf(createGatewayCobrowse(depsWith(token), conv.messagingOnline, []));
    expect(err.toSessionError().explanation).toContain(
      'refused these parts of the request: capabilities (invalid.value).',
    );
  });
});
