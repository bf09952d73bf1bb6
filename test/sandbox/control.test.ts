import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, frameEvents, subscribe, useSandbox } from './testkit';

describe('JSON control surface', () => {
  const sandbox = useSandbox();

  it('GET /sandbox/state lists users, conversations, sessions and the request log with counts', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    await call(s, 'GET', '/api/v2/conversations', { token });
    await call(s, 'POST', `/api/v2/conversations/${SEED.conversations.agent.voice}/cobrowse`, {
      token,
    });
    const state = await call<{
      users: { id: string }[];
      conversations: { id: string }[];
      sessions: { conversationId: string; state: string }[];
      requests: { method: string; route: string; token: string; status: number; time: string }[];
      counts: { byRoute: Record<string, number>; byToken: Record<string, number> };
    }>(s, 'GET', '/sandbox/state');
    expect(state.body.users.map((u) => u.id)).toEqual(Object.values(SEED.users));
    expect(state.body.conversations).toHaveLength(15);
    expect(state.body.sessions).toEqual([
      expect.objectContaining({ conversationId: SEED.conversations.agent.voice, state: 'offered' }),
    ]);
    expect(state.body.requests.map((r) => [r.method, r.route, r.status, r.token])).toEqual([
      ['GET', '/api/v2/conversations', 200, token],
      ['POST', '/api/v2/conversations/{conversationId}/cobrowse', 200, token],
    ]);
    expect(state.body.counts.byRoute).toEqual({
      'GET /api/v2/conversations': 1,
      'POST /api/v2/conversations/{conversationId}/cobrowse': 1,
    });
    expect(state.body.counts.byToken).toEqual({ [token]: 2 });
  });

  it('POST /sandbox/reset restores the seeded org and settings', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    s.settings({ offerTtlSeconds: 5 });
    s.customer(SEED.conversations.agent.email, 'end');
    expect((await call(s, 'POST', '/sandbox/reset')).status).toBe(204);
    expect(s.settings().offerTtlSeconds).toBe(120);
    expect(
      s.state().conversations.find((c) => c.id === SEED.conversations.agent.email)?.state,
    ).toBe('connected');
    expect(s.requests()).toEqual([]);
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token })).status).toBe(401);
  });

  it('POST /sandbox/conversations adds an active conversation the agent sees', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.messagingOnly);
    const socket = await subscribe(s, token, SEED.users.messagingOnly);
    const created = await call<{ id: string; participants: { purpose: string; name: string }[] }>(
      s,
      'POST',
      '/sandbox/conversations',
      { json: { media: 'message', userId: SEED.users.messagingOnly, customerName: 'Ana Lúcia' } },
    );
    expect(created.status).toBe(200);
    expect(created.body.participants.find((p) => p.purpose === 'customer')?.name).toBe('Ana Lúcia');
    const joined = await socket.next();
    expect(joined.eventBody.id).toBe(created.body.id);
    expect(frameEvents(joined)).toEqual([
      { eventType: 'Presence', subType: 'Join', participant: 'customer' },
    ]);
    const list = await call<{ entities: { id: string }[] }>(s, 'GET', '/api/v2/conversations', {
      token,
    });
    expect(list.body.entities.map((c) => c.id)).toContain(created.body.id);
    const bad = await call(s, 'POST', '/sandbox/conversations', { json: { media: 'fax' } });
    expect(bad.status).toBe(400);
    socket.close();
  });

  it('customer actions: JSON result, 400 for an unknown action, 404 for an unknown conversation', async () => {
    const s = sandbox.current;
    const id = SEED.conversations.agent.messagingOnline;
    const ok = await call(s, 'POST', `/sandbox/conversations/${id}/customer`, {
      json: { action: 'go-offline' },
    });
    expect(ok.body).toMatchObject({
      conversationId: id,
      customerOnline: false,
      conversationState: 'connected',
    });
    const unknown = await call(s, 'POST', `/sandbox/conversations/${id}/customer`, {
      json: { action: 'dance' },
    });
    expect(unknown.status).toBe(400);
    const missing = await call(s, 'POST', '/sandbox/conversations/nope/customer', {
      json: { action: 'accept' },
    });
    expect(missing.status).toBe(404);
  });

  it('settings: validated by name and type', async () => {
    const s = sandbox.current;
    const ok = await call(s, 'POST', '/sandbox/settings', {
      json: { offerTtlSeconds: 30, autoApprove: true },
    });
    expect(ok.body).toMatchObject({ offerTtlSeconds: 30, autoApprove: true, latencyMs: 0 });
    expect((await call(s, 'POST', '/sandbox/settings', { json: { offerTTL: 1 } })).status).toBe(
      400,
    );
    expect((await call(s, 'POST', '/sandbox/settings', { json: { latencyMs: '5' } })).status).toBe(
      400,
    );
  });

  it('token helpers: issue, expire all, revoke', async () => {
    const s = sandbox.current;
    const issued = await call<{ access_token: string }>(s, 'POST', '/sandbox/tokens', {
      json: { userId: SEED.users.noCobrowse, clientId: SEED.clients.gateway },
    });
    const token = issued.body.access_token;
    const info = await call(s, 'GET', '/api/v2/tokens/me', { token });
    expect(info.body.authorizedScope).toContain('cobrowse:session:create');
    expect((await call(s, 'POST', '/sandbox/tokens/expire', { json: {} })).body).toEqual({
      expired: 1,
    });
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token })).status).toBe(401);
  });
});

describe('pages for people', () => {
  const sandbox = useSandbox();

  it('/sandbox/ lists conversations with escaped names and customer action buttons', async () => {
    const html = await (await fetch(`${sandbox.current.url}/sandbox/`)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('محمد الأحمد');
    expect(html).toContain('>Accept offer</button>');
    expect(html).toContain('>Decline offer</button>');
    expect(html).toContain(
      `action="/sandbox/conversations/${SEED.conversations.agent.messagingOnline}/customer"`,
    );
  });

  it('a form post from the page acts, then redirects back; errors come back as a note', async () => {
    const s = sandbox.current;
    const id = SEED.conversations.agent.messagingOnline;
    const post = (action: string) =>
      fetch(`${s.url}/sandbox/conversations/${id}/customer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `action=${action}`,
        redirect: 'manual',
      });
    const res = await post('go-offline');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sandbox/');
    expect(s.state().conversations.find((c) => c.id === id)?.customerOnline).toBe(false);
    const refused = await post('accept');
    expect(refused.headers.get('location')).toMatch(/^\/sandbox\/\?note=/);
  });

  it("/sandbox/agent-tool lists the demo agent's active conversations with ids in links, attributes and text", async () => {
    const html = await (await fetch(`${sandbox.current.url}/sandbox/agent-tool`)).text();
    for (const id of Object.values(SEED.conversations.agent)) {
      expect(html).toContain(`data-conversation-id="${id}"`);
      expect(html).toContain(`Conversation ID: ${id}`);
      expect(html).toContain(
        `https://apps.mypurecloud.com/directory/#/engage/admin/interactions/${id}`,
      );
    }
    expect(html).not.toContain(SEED.conversations.messagingOnly.voice);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const one = await fetch(
      `${sandbox.current.url}/sandbox/agent-tool/${SEED.conversations.agent.voice}`,
    );
    const detail = await one.text();
    expect(detail).toContain(`Conversation ID: ${SEED.conversations.agent.voice}`);
    expect(detail).not.toContain(SEED.conversations.agent.email);
  });
});
