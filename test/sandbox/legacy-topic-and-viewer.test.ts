// Two unverified behaviours as sandbox settings: the retired cobrowse's topic
// v2.users.{id}.conversations.cobrowseSessions (legacyCobrowseTopic) and the agent viewer opened
// while the conversation already has a session (viewerWithSession).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, type Frame, FrameSocket, isTopic, useSandbox } from './testkit';

const agent = SEED.users.agent;
const online = SEED.conversations.agent.messagingOnline;
const legacy = `v2.users.${agent}.conversations.cobrowseSessions`;
const messages = `v2.users.${agent}.conversations.messages`;

describe('legacyCobrowseTopic', () => {
  const sandbox = useSandbox();

  /** A channel subscribed to the legacy and the messages topic; the answer's states per topic. */
  async function subscribeBoth(token: string) {
    const s = sandbox.current;
    const channel = await call<{ id: string; connectUri: string }>(
      s,
      'POST',
      '/api/v2/notifications/channels',
      { token },
    );
    const put = await call<{ entities: { id: string; state: string }[] }>(
      s,
      'PUT',
      `/api/v2/notifications/channels/${channel.body.id}/subscriptions`,
      { token, json: [{ id: legacy }, { id: messages }] },
    );
    const states = Object.fromEntries(put.body.entities.map((e) => [e.id, e.state]));
    return { states, socket: await FrameSocket.open(channel.body.connectUri) };
  }

  it('is rejected by default: the subscription answers Rejected', async () => {
    const s = sandbox.current;
    expect(s.settings().legacyCobrowseTopic).toBe('rejected');
    const { states, socket } = await subscribeBoth(s.issueToken());
    expect(states).toEqual({ [legacy]: 'Rejected', [messages]: 'Permitted' });
    socket.close();
  });

  it("carries: Permitted for the user only, and each session's state change as a Cobrowsesession", async () => {
    const s = sandbox.current;
    s.settings({ legacyCobrowseTopic: 'carries' });
    const token = s.issueToken();
    const { states, socket } = await subscribeBoth(token);
    expect(states).toEqual({ [legacy]: 'Permitted', [messages]: 'Permitted' });
    const other = `v2.users.${SEED.users.messagingOnly}.conversations.cobrowseSessions`;
    const put = await call<{ entities: { state: string }[] }>(
      s,
      'POST',
      `/api/v2/notifications/channels/${(await call<{ id: string }>(s, 'POST', '/api/v2/notifications/channels', { token })).body.id}/subscriptions`,
      { token, json: [{ id: other }] },
    );
    expect(put.body.entities.at(-1)?.state).toBe('Rejected');

    const created = await call<{ id: string }>(
      s,
      'POST',
      `/api/v2/conversations/${online}/cobrowse`,
      {
        token,
      },
    );
    const alerting = await socket.next(isTopic(legacy));
    expect(alerting.eventBody).toMatchObject({
      cobrowseSessionId: created.body.id,
      state: 'alerting',
    });
    s.customer(online, 'accept');
    const connected = await socket.next(isTopic(legacy));
    expect(connected.eventBody).toMatchObject({ state: 'connected' });
    expect(connected.eventBody.connectedTime).toBeTruthy();
    socket.close();
  });

  it('silent: Permitted, but nothing is published on it (the messages topic still is)', async () => {
    const s = sandbox.current;
    s.settings({ legacyCobrowseTopic: 'silent' });
    const token = s.issueToken();
    const { states, socket } = await subscribeBoth(token);
    expect(states[legacy]).toBe('Permitted');
    await call(s, 'POST', `/api/v2/conversations/${online}/cobrowse`, { token });
    s.customer(online, 'accept');
    // The accept's frame on the messages topic comes after everything the create published.
    await socket.next(
      (f) => f.topicName === messages && JSON.stringify(f).includes('OfferingAccepted'),
    );
    expect(socket.frames.filter((f: Frame) => f.topicName === legacy)).toEqual([]);
    socket.close();
  });
});

describe('the two settings refuse a value they do not have', () => {
  const sandbox = useSandbox();
  it('names the values it takes', () => {
    const s = sandbox.current;
    expect(() => s.settings({ legacyCobrowseTopic: 'sometimes' as never })).toThrow(
      'legacyCobrowseTopic must be one of rejected, silent, carries',
    );
    expect(() => s.settings({ viewerWithSession: 'both' as never })).toThrow(
      'viewerWithSession must be one of joins, creates',
    );
    // Positive control: a value it has is taken.
    expect(s.settings({ viewerWithSession: 'creates' }).viewerWithSession).toBe('creates');
  });
});

describe('viewerWithSession', () => {
  const sandbox = useSandbox();
  const viewer = (id: string) => `/cobrowse-next/viewer.html?conversationId=${id}&lang=en`;

  /** The {joinCode, sessionId} the page posts to its parent. */
  async function posted(path: string): Promise<{ joinCode: string; sessionId: string }> {
    const res = await fetch(`${sandbox.current.url}${path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const m = /parent\.postMessage\((\{.*?\}), '\*'\)/.exec(html);
    if (!m?.[1]) throw new Error('the viewer page posts nothing to its parent');
    return JSON.parse(m[1]) as { joinCode: string; sessionId: string };
  }

  async function createOurs() {
    const s = sandbox.current;
    const created = await call<{ id: string; joinCode: string }>(
      s,
      'POST',
      `/api/v2/conversations/${online}/cobrowse`,
      { token: s.issueToken() },
    );
    expect(created.status).toBe(200);
    return created.body;
  }

  it('joins by default: it posts the pending session it found, and makes none', async () => {
    const s = sandbox.current;
    expect(s.settings().viewerWithSession).toBe('joins');
    const ours = await createOurs();
    expect(await posted(viewer(online))).toEqual({ joinCode: ours.joinCode, sessionId: ours.id });
    expect(s.sessions()).toHaveLength(1);
  });

  it('creates: it makes a second session of its own and posts that one', async () => {
    const s = sandbox.current;
    s.settings({ viewerWithSession: 'creates' });
    const ours = await createOurs();
    const got = await posted(viewer(online));
    expect(got.sessionId).not.toBe(ours.id);
    expect(s.sessions().map((x) => x.id)).toEqual([ours.id, got.sessionId]);
    expect(s.sessions()[1]).toMatchObject({ via: 'viewer', state: 'offered' });
    // Once the viewer's session is ended, the customer answers the offer still out: ours.
    const guest = `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${got.sessionId}`;
    expect((await call(s, 'DELETE', guest)).status).toBe(204);
    s.customer(online, 'decline');
    expect(s.sessions().map((x) => x.state)).toEqual(['declined', 'ended']);
  });

  it('without a session it makes one under either value; an unknown conversation is 404', async () => {
    const s = sandbox.current;
    const got = await posted(viewer(online));
    expect(s.sessions().map((x) => x.id)).toEqual([got.sessionId]);
    const res = await fetch(`${s.url}${viewer(SEED.conversations.agent.email)}`);
    expect(res.status).toBe(404);
  });
});
