import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, useSandbox } from './testkit';

const conv = SEED.conversations;
const create = '/api/v2/conversations/{id}/cobrowse';
const path = (id: string) => create.replace('{id}', id);

interface Session {
  id: string;
  name: string;
  joinCode: string;
  websocketUrl: string;
  dateOfferEnds: string;
  communicationType: string;
  selfUri: string;
}

describe('POST /api/v2/conversations/{conversationId}/cobrowse', () => {
  const sandbox = useSandbox({ offerTtlSeconds: 120 });

  it('creates a web messaging session: join code, ws URL, offer end, Message, selfUri with the deployment', async () => {
    const s = sandbox.current;
    const before = Date.now();
    const answer = await call<Session>(s, 'POST', path(conv.agent.messagingOnline), {
      token: s.issueToken(),
    });
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(Object.keys(body).sort()).toEqual(
      [
        'communicationType',
        'dateOfferEnds',
        'id',
        'joinCode',
        'name',
        'selfUri',
        'websocketUrl',
      ].sort(),
    );
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.joinCode).toMatch(/^\d{6}$/);
    expect(body.communicationType).toBe('Message');
    expect(body.websocketUrl.startsWith(s.url.replace('http:', 'ws:'))).toBe(true);
    expect(body.selfUri).toBe(
      `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${body.id}`,
    );
    const ends = Date.parse(body.dateOfferEnds);
    expect(ends).toBeGreaterThanOrEqual(before + 120_000 - 1000);
    expect(ends).toBeLessThanOrEqual(Date.now() + 120_000 + 1000);
  });

  it('deploymentIdPlace=messageChannel: neither selfUri nor websocketUrl names the deployment; the message data does', async () => {
    const s = sandbox.current;
    s.settings({ deploymentIdPlace: 'messageChannel' });
    const token = s.issueToken();
    const answer = await call<Session>(s, 'POST', path(conv.agent.messagingOnline), { token });
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body.selfUri).toBe(
      `/api/v2/conversations/${conv.agent.messagingOnline}/cobrowse/${body.id}`,
    );
    expect(JSON.stringify(body)).not.toContain(SEED.deploymentId);
    // The offer's message (its data read by id) names the deployment as its channel.
    const messages = await call<{ participants: { messages?: { messageId: string }[] }[] }>(
      s,
      'GET',
      `/api/v2/conversations/messages/${conv.agent.messagingOnline}`,
      { token },
    );
    const last = messages.body.participants.flatMap((p) => p.messages ?? []).at(-1);
    const data = await call<{ normalizedMessage: { channel: { id: string } } }>(
      s,
      'GET',
      `/api/v2/conversations/messages/${conv.agent.messagingOnline}/messages/${last?.messageId}`,
      { token },
    );
    expect(data.body.normalizedMessage.channel.id).toBe(SEED.deploymentId);
    // The guest route still works with it.
    const guest = await call(
      s,
      'DELETE',
      `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${body.id}`,
    );
    expect(guest.status).toBe(204);
  });

  it('creates a voice session with communicationType Call', async () => {
    const s = sandbox.current;
    const answer = await call<Session>(s, 'POST', path(conv.agent.voice), {
      token: s.issueToken(),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.communicationType).toBe('Call');
  });

  it('403 app.not.authorized.for.scope for a client without conversations', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.noConversations);
    const answer = await call(s, 'POST', path(conv.agent.messagingOnline), { token });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope conversations',
    });
  });

  it('403 missing.any.permissions naming both cobrowse permissions for a user with neither', async () => {
    const s = sandbox.current;
    const answer = await call(s, 'POST', path(conv.noCobrowse.messagingOnline), {
      token: s.issueToken(SEED.users.noCobrowse),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: 'missing.any.permissions',
      message:
        'You must have at least one of the following permissions assigned: conversation:cobrowse:add, conversation:cobrowseVoice:add',
    });
  });

  it('voice needs conversation:cobrowseVoice:add: 403 missing.permissions for the messaging-only agent', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.messagingOnly);
    const voice = await call(s, 'POST', path(conv.messagingOnly.voice), { token });
    expect(voice.status).toBe(403);
    expect(voice.body).toMatchObject({
      code: 'missing.permissions',
      messageParams: { permissions: 'conversation:cobrowseVoice:add' },
    });
    expect(
      (await call(s, 'POST', path(conv.messagingOnly.messagingOnline), { token })).status,
    ).toBe(200);
  });

  it('400 for media without cobrowse (legacy web chat, email)', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    for (const id of [conv.agent.webchat, conv.agent.email]) {
      const answer = await call(s, 'POST', path(id), { token });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('bad.request');
      expect(String(answer.body.message)).toMatch(/not supported/);
    }
  });

  it("400 when the caller is not the conversation's connected agent; 404 for an unknown conversation", async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const theirs = await call(s, 'POST', path(conv.messagingOnly.messagingOnline), { token });
    expect(theirs.status).toBe(400);
    expect(String(theirs.body.message)).toMatch(/not a connected agent/);
    s.customer(conv.agent.messagingOffline, 'end');
    expect((await call(s, 'POST', path(conv.agent.messagingOffline), { token })).status).toBe(400);
    const unknown = await call(s, 'POST', path('00000000-0000-4000-8000-000000000000'), { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not.found');
  });

  it('409 request.conflict while the agent has a pending or active session, free again after it ends', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const first = await call<Session>(s, 'POST', path(conv.agent.messagingOnline), { token });
    const second = await call(s, 'POST', path(conv.agent.voice), { token });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('request.conflict');
    s.customer(conv.agent.messagingOnline, 'accept');
    expect((await call(s, 'POST', path(conv.agent.voice), { token })).status).toBe(409);
    const guest = `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${first.body.id}`;
    expect((await call(s, 'DELETE', guest)).status).toBe(204);
    expect((await call(s, 'POST', path(conv.agent.voice), { token })).status).toBe(200);
  });

  it('guest GET/DELETE find the session by id or join code, without a token, only on its deployment', async () => {
    const s = sandbox.current;
    const created = await call<Session>(s, 'POST', path(conv.agent.voice), {
      token: s.issueToken(),
    });
    const base = `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse`;
    const byId = await call<Session>(s, 'GET', `${base}/${created.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(created.body);
    expect((await call(s, 'GET', `${base}/${created.body.joinCode}`)).body).toEqual(created.body);
    const wrongDeployment = await call(
      s,
      'GET',
      `/api/v2/webdeployments/deployments/00000000-0000-4000-8000-000000000000/cobrowse/${created.body.id}`,
    );
    expect(wrongDeployment.status).toBe(404);
    expect((await call(s, 'DELETE', `${base}/${created.body.joinCode}`)).status).toBe(204);
    expect((await call(s, 'GET', `${base}/${created.body.id}`)).status).toBe(404);
    expect(s.sessions()[0]).toMatchObject({ state: 'ended', endedBy: 'agent' });
  });
});

describe('the two requests said to start a cobrowse from a custom desktop', () => {
  const sandbox = useSandbox();
  const gatewayBody = {
    type: 'cobrowse',
    initiatorType: 'agent',
    capabilities: ['screen', 'mouse', 'keyboard'],
  };

  it('POST /api/v2/conversations/cobrowse/sessions answers 400 "Invalid request body" with no detail', async () => {
    const s = sandbox.current;
    const answer = await call(s, 'POST', '/api/v2/conversations/cobrowse/sessions', {
      token: s.issueToken(),
      json: { conversationId: conv.agent.messagingOnline, initiatorId: SEED.users.agent },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      message: 'Invalid request body',
      code: 'bad.request',
      details: [],
    });
  });

  it('the gateway route needs cobrowse:session:create (403 naming it), validates the body, then answers the session', async () => {
    const s = sandbox.current;
    const route = `/api/v2/conversations/webchat/${conv.agent.messagingOnline}/cobrowse`;
    const plain = await call(s, 'POST', route, { token: s.issueToken(), json: gatewayBody });
    expect(plain.status).toBe(403);
    expect(plain.body).toMatchObject({
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope cobrowse:session:create',
    });
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const bad = await call(s, 'POST', route, {
      token,
      json: { type: 'screenshare', initiatorType: 'agent', capabilities: ['screen', 'telepathy'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { errorCode: 'invalid.value', fieldName: 'type' },
      { errorCode: 'invalid.value', fieldName: 'capabilities[1]' },
    ]);
    const notJson = await call(s, 'POST', route, { token });
    expect(notJson.status).toBe(400);
    const ok = await call<Session>(s, 'POST', route, { token, json: gatewayBody });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      communicationType: 'Message',
      joinCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(s.sessions()[0]).toMatchObject({ via: 'gateway', id: ok.body.id });
  });
});
