import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, FrameSocket, frameEvents, isTopic, subscribe, useSandbox } from './testkit';

const agent = SEED.users.agent;
const other = SEED.users.messagingOnly;
const channels = '/api/v2/notifications/channels';

interface Channel {
  id: string;
  connectUri: string;
  expires: string;
}

describe('notification channels', () => {
  const sandbox = useSandbox();

  it('creates a channel on the same host with a 24 h expiry', async () => {
    const s = sandbox.current;
    const answer = await call<Channel>(s, 'POST', channels, { token: s.issueToken() });
    expect(answer.status).toBe(200);
    expect(answer.body.connectUri).toBe(
      `${s.url.replace('http:', 'ws:')}/channels/${answer.body.id}`,
    );
    const lifetime = Date.parse(answer.body.expires) - Date.now();
    expect(lifetime).toBeGreaterThan(86_400_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(86_400_000);
  });

  it("subscriptions: own conversation topic Permitted; another user's and unknown topics Rejected", async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const channel = (await call<Channel>(s, 'POST', channels, { token })).body;
    const subs = `${channels}/${channel.id}/subscriptions`;
    const put = await call<{ entities: { id: string; state: string; rejectionReason?: string }[] }>(
      s,
      'PUT',
      subs,
      {
        token,
        json: [
          { id: `v2.users.${agent}.conversations.messages` },
          { id: `v2.users.${other}.conversations.messages` },
          { id: 'v2.nonsense' },
        ],
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.entities.map((e) => [e.id, e.state])).toEqual([
      [`v2.users.${agent}.conversations.messages`, 'Permitted'],
      [`v2.users.${other}.conversations.messages`, 'Rejected'],
      ['v2.nonsense', 'Rejected'],
    ]);
    expect(put.body.entities[1]?.rejectionReason).toBeTruthy();
    const get = await call<{ entities: { id: string }[] }>(s, 'GET', subs, { token });
    expect(get.body.entities.map((e) => e.id)).toEqual([
      `v2.users.${agent}.conversations.messages`,
    ]);
    // POST adds; DELETE removes everything.
    const post = await call<{ entities: { id: string; state: string }[] }>(s, 'POST', subs, {
      token,
      json: [{ id: `v2.users.${agent}.conversations.messages` }],
    });
    expect(post.body.entities).toEqual([
      { id: `v2.users.${agent}.conversations.messages`, state: 'Permitted' },
    ]);
    expect((await call(s, 'DELETE', subs, { token })).status).toBe(204);
    expect((await call<{ entities: unknown[] }>(s, 'GET', subs, { token })).body.entities).toEqual(
      [],
    );
    const bad = await call(s, 'PUT', subs, { token, json: { id: 'not-an-array' } });
    expect(bad.status).toBe(400);
  });

  it("HEAD tells whether a channel exists; another user's token cannot touch it", async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const channel = (await call<Channel>(s, 'POST', channels, { token })).body;
    const head = await fetch(`${s.url}${channels}/${channel.id}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    const missing = await fetch(`${s.url}${channels}/streaming-0-nope`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(missing.status).toBe(404);
    const stranger = await call(s, 'GET', `${channels}/${channel.id}/subscriptions`, {
      token: s.issueToken(other),
    });
    expect(stranger.status).toBe(404);
  });

  it('sends conversation frames only to channels subscribed to that user', async () => {
    const s = sandbox.current;
    const mine = await subscribe(s, s.issueToken(), agent);
    const theirs = await subscribe(s, s.issueToken(other), other);
    s.customer(SEED.conversations.agent.messagingOnline, 'go-offline');
    await mine.next(isTopic(`v2.users.${agent}.conversations.messages`));
    s.customer(SEED.conversations.messagingOnly.messagingOnline, 'go-offline');
    const first = await theirs.next();
    expect(first.topicName).toBe(`v2.users.${other}.conversations.messages`);
    expect(first.eventBody.id).toBe(SEED.conversations.messagingOnly.messagingOnline);
    expect(frameEvents(first)).toEqual([
      { eventType: 'Presence', subType: 'Disconnect', participant: 'customer' },
    ]);
    mine.close();
    theirs.close();
  });

  it('answers {"message":"ping"} with a pong frame', async () => {
    const s = sandbox.current;
    const socket = await subscribe(s, s.issueToken(), agent);
    socket.send({ message: 'ping' });
    expect(await socket.next()).toEqual({
      topicName: 'channel.metadata',
      eventBody: { message: 'pong' },
    });
    socket.close();
  });

  it('sends v2.system.socket_closing, then closes when asked to', async () => {
    const s = sandbox.current;
    const socket = await subscribe(s, s.issueToken(), agent);
    expect(s.socketClosing({ closeAfterMs: 0 })).toBe(1);
    expect((await socket.next()).topicName).toBe('v2.system.socket_closing');
    expect(await socket.closed()).toBe(1001);
  });

  it('dropSockets cuts sockets without a close frame', async () => {
    const s = sandbox.current;
    const socket = await subscribe(s, s.issueToken(), agent);
    expect(s.dropSockets()).toBe(1);
    expect(await socket.closed()).toBe(1006);
  });

  it('removeChannels: sockets closed (4000), HEAD 404, the connectUri refused', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const channel = (await call<Channel>(s, 'POST', channels, { token })).body;
    const socket = await FrameSocket.open(channel.connectUri);
    expect(s.removeChannels()).toBe(1);
    expect(await socket.closed()).toBe(4000);
    const head = await fetch(`${s.url}${channels}/${channel.id}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(404);
    await expect(FrameSocket.open(channel.connectUri)).rejects.toThrow(/404/);
  });

  it('refuses a websocket for an unknown channel', async () => {
    await expect(
      FrameSocket.open(`${sandbox.current.url.replace('http:', 'ws:')}/channels/nope`),
    ).rejects.toThrow(/404/);
  });

  it('the 3rd channel (limit 2) evicts the oldest and closes its socket', async () => {
    const s = sandbox.current;
    s.settings({ maxChannelsPerUser: 2 });
    const token = s.issueToken();
    const first = (await call<Channel>(s, 'POST', channels, { token })).body;
    const socket = await FrameSocket.open(first.connectUri);
    await call(s, 'POST', channels, { token });
    await call(s, 'POST', channels, { token });
    expect(await socket.closed()).toBe(4000);
    const list = await call<{ entities: Channel[] }>(s, 'GET', channels, { token });
    expect(list.body.entities.map((c) => c.id)).not.toContain(first.id);
    expect(list.body.entities).toHaveLength(2);
  });
});

describe('notification timers', () => {
  const sandbox = useSandbox({ heartbeatSeconds: 0.05 });

  it('sends heartbeat frames', async () => {
    const s = sandbox.current;
    const socket = await subscribe(s, s.issueToken(), agent);
    const beat = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
    expect(await socket.next()).toEqual(beat);
    expect(await socket.next()).toEqual(beat);
    socket.close();
  });

  it('removes an expired channel and closes its socket', async () => {
    const s = sandbox.current;
    // Long enough to open the socket first, short enough for a test.
    s.settings({ channelLifetimeSeconds: 1.5 });
    const token = s.issueToken();
    const channel = (await call<Channel>(s, 'POST', channels, { token })).body;
    const socket = await FrameSocket.open(channel.connectUri);
    expect(await socket.closed()).toBe(1000);
    const head = await fetch(`${s.url}${channels}/${channel.id}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(404);
  });

  it('silenceSockets: the socket stays open but gets no heartbeat, pong or frame', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    const quiet = await subscribe(s, token, agent);
    await quiet.next(isTopic('channel.metadata'));
    expect(s.silenceSockets()).toBe(1);
    expect(s.state().channels.map((c) => c.silentSockets)).toEqual([1]);
    // A second, live socket sees what the quiet one would have: heartbeats, its pong, a frame.
    const live = await subscribe(s, token, agent);
    quiet.frames.length = 0;
    quiet.send({ message: 'ping' });
    live.send({ message: 'ping' });
    await live.next((f) => f.eventBody.message === 'pong');
    s.customer(SEED.conversations.agent.messagingOnline, 'go-offline');
    await live.next(isTopic(`v2.users.${agent}.conversations.messages`));
    await live.next((f) => f.eventBody.message === 'WebSocket Heartbeat');
    await live.next((f) => f.eventBody.message === 'WebSocket Heartbeat');
    expect(quiet.frames).toEqual([]);
    expect(quiet.closedWith).toBeUndefined();
    expect(quiet.ws.readyState).toBe(quiet.ws.OPEN);
    // Only the client ends it; then it is no longer counted.
    quiet.close();
    await s.waitFor(() => s.state().channels.every((c) => c.silentSockets === 0));
    live.close();
  });
});

describe("the user's conversation topic (v2.users.{id}.conversations)", () => {
  const sandbox = useSandbox();

  /** A channel subscribed to these topics, its socket open. */
  async function watching(s: typeof sandbox.current, topics: string[]) {
    const token = s.issueToken();
    const channel = (await call<Channel>(s, 'POST', channels, { token })).body;
    const put = await call<{ entities: { id: string; state: string }[] }>(
      s,
      'PUT',
      `${channels}/${channel.id}/subscriptions`,
      { token, json: topics.map((id) => ({ id })) },
    );
    return { put: put.body.entities, socket: await FrameSocket.open(channel.connectUri) };
  }

  it('is Permitted for the user only', async () => {
    const { put, socket } = await watching(sandbox.current, [
      `v2.users.${agent}.conversations`,
      `v2.users.${other}.conversations`,
    ]);
    expect(put.map((e) => [e.id, e.state])).toEqual([
      [`v2.users.${agent}.conversations`, 'Permitted'],
      [`v2.users.${other}.conversations`, 'Rejected'],
    ]);
    socket.close();
  });

  it('pushes a conversation created for the user, and its end; not one of another user', async () => {
    const s = sandbox.current;
    const topic = `v2.users.${agent}.conversations`;
    const { socket } = await watching(s, [topic]);
    s.addConversation({ media: 'call', customerName: 'Not mine', userId: other });
    const id = s.addConversation({ media: 'message', customerName: 'Dana New', userId: agent }).id;
    const created = await socket.next(isTopic(topic));
    expect(created.eventBody.id).toBe(id);
    type P = {
      purpose: string;
      userId?: string;
      name?: string;
      messages?: {
        state: string;
        type?: string;
        messages?: { messageMetadata?: { events?: unknown[] } }[];
      }[];
    };
    const participants = created.eventBody.participants as P[];
    const mine = participants.find((p) => p.purpose === 'agent');
    expect(mine).toMatchObject({
      userId: agent,
      messages: [{ state: 'connected', type: 'webmessaging' }],
    });
    expect(participants.find((p) => p.purpose === 'customer')?.name).toBe('Dana New');
    // The REST-only fields are not in the topic's model.
    expect(created.eventBody).not.toHaveProperty('startTime');

    // The customer's Messenger joining is a change too, its presence in the message details.
    const joined = await socket.next(isTopic(topic));
    const customer = (joined.eventBody.participants as P[]).find((p) => p.purpose === 'customer');
    expect(customer?.messages?.[0]?.messages?.map((d) => d.messageMetadata?.events)).toEqual([
      [{ eventType: 'Presence', subType: 'Join' }],
    ]);

    s.customer(id, 'end');
    const ended = await socket.next(isTopic(topic));
    expect(ended.eventBody.id).toBe(id);
    const states = (ended.eventBody.participants as P[]).map((p) => p.messages?.[0]?.state);
    expect(states).toEqual(['disconnected', 'disconnected', 'disconnected']);
    // Only the user's own conversations came: no frame for the other user's.
    expect(socket.frames.filter(isTopic(topic))).toEqual([]);
    socket.close();
  });
});
