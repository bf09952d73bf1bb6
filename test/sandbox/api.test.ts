import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, useSandbox } from './testkit';

type Participant = {
  purpose: string;
  userId?: string;
  name?: string;
  state?: string;
  messages?: {
    type?: string;
    messages?: {
      messageId: string;
      messageMetadata?: { events: { eventType: string; subType: string }[] };
    }[];
  }[];
  calls?: unknown[];
  chats?: unknown[];
  emails?: unknown[];
};
type Conversation = { id: string; participants: Participant[] };

describe('identity', () => {
  const sandbox = useSandbox();

  it('GET /api/v2/tokens/me names the org, scopes and OAuth client', async () => {
    const token = sandbox.current.issueToken(SEED.users.agent, SEED.clients.noConversations);
    const answer = await call(sandbox.current, 'GET', '/api/v2/tokens/me', { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      organization: { id: SEED.org.id, name: SEED.org.name },
      authorizedScope: ['notifications', 'user-basic-info'],
      OAuthClient: { id: SEED.clients.noConversations },
    });
  });

  it('GET /api/v2/users/me lists permissions only with expand=authorization', async () => {
    const token = sandbox.current.issueToken(SEED.users.messagingOnly);
    const plain = await call(sandbox.current, 'GET', '/api/v2/users/me', { token });
    expect(plain.body).toMatchObject({ id: SEED.users.messagingOnly, name: '山田 花子' });
    expect(plain.body).not.toHaveProperty('authorization');
    const expanded = await call<{ authorization: { permissions: string[] } }>(
      sandbox.current,
      'GET',
      '/api/v2/users/me?expand=authorization',
      { token },
    );
    expect(expanded.body.authorization.permissions).toContain('conversation:cobrowse:add');
    expect(expanded.body.authorization.permissions).not.toContain('conversation:cobrowseVoice:add');
  });
});

describe('conversations', () => {
  const sandbox = useSandbox();

  it("lists only the caller's active conversations, one per seeded media, with the agent connected", async () => {
    const token = sandbox.current.issueToken(SEED.users.agent);
    const answer = await call<{ entities: Conversation[]; total: number }>(
      sandbox.current,
      'GET',
      '/api/v2/conversations',
      {
        token,
      },
    );
    expect(answer.status).toBe(200);
    const ids = answer.body.entities.map((c) => c.id).sort();
    expect(ids).toEqual(Object.values(SEED.conversations.agent).sort());
    const byId = new Map(answer.body.entities.map((c) => [c.id, c]));
    const agentOf = (id: string) => byId.get(id)?.participants.find((p) => p.purpose === 'agent');
    for (const id of ids) expect(agentOf(id)).toMatchObject({ userId: SEED.users.agent });
    expect(agentOf(SEED.conversations.agent.messagingOnline)?.messages?.[0]).toMatchObject({
      type: 'webmessaging',
      state: 'connected',
    });
    expect(agentOf(SEED.conversations.agent.voice)?.calls).toHaveLength(1);
    expect(agentOf(SEED.conversations.agent.webchat)?.chats).toHaveLength(1);
    expect(agentOf(SEED.conversations.agent.email)?.emails).toHaveLength(1);
    const customers = answer.body.entities.map(
      (c) => c.participants.find((p) => p.purpose === 'customer')?.name,
    );
    expect(customers).toContain('<img src=x onerror=alert(1)>');
    expect(customers).toContain('محمد الأحمد');
    const acd = byId
      .get(SEED.conversations.agent.voice)
      ?.participants.find((p) => p.purpose === 'acd');
    expect(acd).toMatchObject({ queueName: 'Billing & Payments' });
  });

  it('drops an ended conversation from the list but still answers GET /conversations/{id}', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    s.customer(SEED.conversations.agent.email, 'end');
    const list = await call<{ entities: Conversation[] }>(s, 'GET', '/api/v2/conversations', {
      token,
    });
    expect(list.body.entities.map((c) => c.id)).not.toContain(SEED.conversations.agent.email);
    const one = await call<Conversation & { state: string }>(
      s,
      'GET',
      `/api/v2/conversations/${SEED.conversations.agent.email}`,
      {
        token,
      },
    );
    expect(one.body.state).toBe('disconnected');
  });

  it('shows Messenger presence as Presence events on the customer participant', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const lastPresence = async (id: string) => {
      const answer = await call<Conversation>(s, 'GET', `/api/v2/conversations/messages/${id}`, {
        token,
      });
      const customer = answer.body.participants.find(
        (p) => p.purpose === 'customer',
      ) as unknown as {
        messages: { messageMetadata?: { events: { eventType: string; subType: string }[] } }[];
      };
      return customer.messages
        .flatMap((m) => m.messageMetadata?.events ?? [])
        .filter((e) => e.eventType === 'Presence')
        .at(-1)?.subType;
    };
    expect(await lastPresence(SEED.conversations.agent.messagingOnline)).toBe('Join');
    expect(await lastPresence(SEED.conversations.agent.messagingOffline)).toBe('Disconnect');
  });

  it('GET a message returns its normalized events', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const cid = SEED.conversations.agent.messagingOffline;
    const conv = await call<{
      participants: {
        purpose: string;
        messages: { messageId: string; messageMetadata?: unknown }[];
      }[];
    }>(s, 'GET', `/api/v2/conversations/messages/${cid}`, { token });
    const customer = conv.body.participants.find((p) => p.purpose === 'customer');
    const eventMessage = customer?.messages.filter((m) => m.messageMetadata).at(-1);
    const message = await call(
      s,
      'GET',
      `/api/v2/conversations/messages/${cid}/messages/${eventMessage?.messageId}`,
      {
        token,
      },
    );
    expect(message.body).toMatchObject({
      id: eventMessage?.messageId,
      conversationId: cid,
      normalizedMessage: {
        type: 'Event',
        events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }],
      },
    });
  });

  it('answers 404 not.found for an unknown conversation, a non-message one at the messages path, an unknown message', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    for (const path of [
      '/api/v2/conversations/00000000-0000-4000-8000-000000000000',
      `/api/v2/conversations/messages/${SEED.conversations.agent.voice}`,
      `/api/v2/conversations/messages/${SEED.conversations.agent.messagingOnline}/messages/nope`,
      '/api/v2/no/such/route',
    ]) {
      const answer = await call(s, 'GET', path, { token });
      expect(answer.status, path).toBe(404);
      expect(answer.body.code).toBe('not.found');
    }
  });

  it('answers 403 app.not.authorized.for.scope to a client without conversations', async () => {
    const token = sandbox.current.issueToken(SEED.users.agent, SEED.clients.noConversations);
    const answer = await call(sandbox.current, 'GET', '/api/v2/conversations', { token });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope conversations',
    });
  });
});

describe('errors, CORS and rate limits everywhere', () => {
  const sandbox = useSandbox({ rateLimitPerMinute: 3 });

  it('401 authentication.required without a token, bad.credentials for an unknown one; contextId = ININ-Correlation-Id', async () => {
    const none = await call(sandbox.current, 'GET', '/api/v2/conversations');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'authentication.required', status: 401 });
    expect(none.body.contextId).toBe(none.headers.get('inin-correlation-id'));
    const unknown = await call(sandbox.current, 'GET', '/api/v2/conversations', { token: 'nope' });
    expect(unknown.body).toMatchObject({ code: 'bad.credentials' });
    expect(unknown.body.contextId).toBe(unknown.headers.get('inin-correlation-id'));
    expect(unknown.body.contextId).not.toBe(none.body.contextId);
  });

  it('answers a CORS preflight from an extension origin and exposes the Genesys headers', async () => {
    const origin = 'chrome-extension://mhkcpiimjjiknhfnleoiaemkalacaobo';
    const pre = await fetch(`${sandbox.current.url}/api/v2/conversations/x/cobrowse`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    const real = await call(sandbox.current, 'GET', '/api/v2/tokens/me', {
      token: sandbox.current.issueToken(),
      headers: { Origin: origin },
    });
    expect(real.headers.get('access-control-allow-origin')).toBe(origin);
    expect(real.headers.get('access-control-expose-headers')).toContain('ININ-Correlation-Id');
    expect(real.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('counts requests per token and answers 429 too.many.requests.retry.after beyond the limit', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const other = s.issueToken();
    for (let i = 1; i <= 3; i++) {
      const ok = await call(s, 'GET', '/api/v2/tokens/me', { token });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('inin-ratelimit-allowed')).toBe('3');
      expect(ok.headers.get('inin-ratelimit-count')).toBe(String(i));
    }
    const limited = await call(s, 'GET', '/api/v2/tokens/me', { token });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('inin-ratelimit-reset')).toBe(String(retryAfter));
    expect(limited.body).toMatchObject({
      code: 'too.many.requests.retry.after',
      status: 429,
      limit: { value: 3 },
      contextId: limited.headers.get('inin-correlation-id'),
    });
    // Per token: another token is unaffected.
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token: other })).status).toBe(200);
    expect(s.counts().byToken[token]).toBe(4);
    expect(s.counts().byRoute['GET /api/v2/tokens/me']).toBe(5);
  });
});
