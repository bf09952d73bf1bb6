// The notifications stream with a fake WebSocket, a fake API and fake timers: every clock
// (heartbeat watchdog, backoff, polling, channel expiry) is driven by vi.advanceTimersByTimeAsync.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError, NEEDS_SIGN_IN } from '../../../../src/background/auth/errors';
import type { ConversationUpdate } from '../../../../src/background/cobrowse/events';
import { GenesysError } from '../../../../src/background/genesys';
import { socketAddressProblem } from '../../../../src/background/notifications/socket-address';
import {
  conversationsTopic,
  createEventStream,
  type EventStreamApi,
  type EventStreamDeps,
  messagesTopic,
  type SocketLike,
  type StreamStatus,
  type UpdateSource,
} from '../../../../src/background/notifications/stream';
import type { SessionError } from '../../../../src/shared/session';

const ME = 'a0000000-0000-4000-8000-000000000001';
const CID = 'c0000000-0000-4000-8000-0000000000aa';
const CID2 = 'c0000000-0000-4000-8000-0000000000bb';
const VOICE = 'c0000000-0000-4000-8000-0000000000cc';
const DAY = 86_400_000;

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  sent: unknown[] = [];
  closedWith?: number;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code ?? 1005;
  }
  // The server's side:
  open() {
    this.onopen?.({});
  }
  frame(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  drop(code = 1006) {
    this.onerror?.({});
    this.onclose?.({ code, reason: '' });
  }
  static last(): FakeSocket {
    const s = FakeSocket.all.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }
}

const heartbeat = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
const socketClosing = { topicName: 'v2.system.socket_closing', eventBody: { message: 'closing' } };

function conversationBody(id: string, subType = 'Offering', messageId = 'm1') {
  return {
    id,
    participants: [
      {
        purpose: 'agent',
        state: 'connected',
        user: { id: ME },
        messages: [
          {
            messageId,
            messageTime: '2026-01-01T10:00:00.000Z',
            messageMetadata: { events: [{ eventType: 'CoBrowse', subType }] },
          },
        ],
      },
    ],
  };
}

const pushFrame = (id: string, subType: string, messageId = 'm2') => ({
  topicName: messagesTopic(ME),
  version: '2',
  eventBody: conversationBody(id, subType, messageId),
});

function fakeApi() {
  let n = 0;
  const api = {
    createChannel: vi.fn(async () => {
      n++;
      return {
        id: `streaming-${n}`,
        connectUri: `wss://streaming.example.test/channels/streaming-${n}`,
        expires: new Date(Date.now() + DAY).toISOString(),
      };
    }),
    subscribe: vi.fn(async (_channelId: string, topics: string[]) => ({
      entities: topics.map((id) => ({ id, state: 'Permitted' })),
    })),
    channelExists: vi.fn(async (_id: string) => true),
    getMessageConversation: vi.fn(async (id: string) => conversationBody(id)),
    getConversation: vi.fn(async (id: string) => ({
      id,
      participants: [{ purpose: 'agent', userId: ME, state: 'disconnected' }],
    })),
  };
  return api;
}

interface Harness {
  api: ReturnType<typeof fakeApi>;
  updates: { update: ConversationUpdate; source: UpdateSource }[];
  statuses: { status: StreamStatus; error?: SessionError }[];
  errors: { error: SessionError; where: string; id?: string }[];
  logs: string[];
  stream: ReturnType<typeof createEventStream>;
}

function setup(overrides: Partial<EventStreamDeps> = {}, api = fakeApi()): Harness {
  const h = { api, updates: [], statuses: [], errors: [], logs: [] } as unknown as Harness;
  h.stream = createEventStream({
    api: api as unknown as EventStreamApi,
    userId: async () => ME,
    WebSocket: FakeSocket,
    // The production check; the fake channels hand out wss://streaming.example.test/….
    socketAddressProblem: (uri) =>
      socketAddressProblem(uri, 'https://api.example.test', ['example.test']),
    now: () => Date.now(),
    random: () => 0.5,
    onUpdate: (update, source) => h.updates.push({ update, source }),
    onStatus: (status, error) => h.statuses.push(error ? { status, error } : { status }),
    onError: (error, where, id) => h.errors.push({ error, where, ...(id ? { id } : {}) }),
    log: (m) => h.logs.push(m),
    ...overrides,
  });
  return h;
}

/** Let the async connect chain (userId → HEAD/POST → PUT → new WebSocket) run. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const statusList = (h: Harness) => h.statuses.map((s) => s.status);

async function connected(h: Harness, ids: string[] = [CID]) {
  h.stream.ensure(ids);
  await settle();
  FakeSocket.last().open();
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T09:00:00.000Z') });
  FakeSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connecting', () => {
  it('creates a channel, subscribes the agent topic, opens connectUri, then reconciles over REST', async () => {
    const h = setup();
    h.stream.ensure([CID]);
    expect(h.stream.status()).toBe('connecting');
    await settle();
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    expect(h.api.subscribe).toHaveBeenCalledWith('streaming-1', [
      `v2.users.${ME}.conversations.messages`,
      `v2.users.${ME}.conversations`,
    ]);
    expect(FakeSocket.all.map((s) => s.url)).toEqual([
      'wss://streaming.example.test/channels/streaming-1',
    ]);
    expect(h.api.getMessageConversation).not.toHaveBeenCalled();
    FakeSocket.last().open();
    await settle();
    expect(statusList(h)).toEqual(['connecting', 'up']);
    expect(h.api.getMessageConversation).toHaveBeenCalledWith(CID);
    expect(h.updates).toHaveLength(1);
    expect(h.updates[0]?.source).toBe('rest');
    expect(h.updates[0]?.update.events.map((e) => e.subType)).toEqual(['Offering']);
  });

  it('ensure is idempotent: repeated calls keep one channel and one socket', async () => {
    const h = setup();
    h.stream.ensure([CID]);
    h.stream.ensure([CID]);
    await settle();
    h.stream.ensure([CID]);
    FakeSocket.last().open();
    await settle();
    h.stream.ensure([CID]);
    await settle();
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
    expect(h.api.getMessageConversation).toHaveBeenCalledTimes(1);
  });

  it('a conversation added while up is reconciled at once; voice is read from /conversations/{id}', async () => {
    const h = setup();
    await connected(h);
    h.stream.ensure([CID, { id: VOICE, media: 'call' }]);
    await settle();
    expect(h.api.getConversation).toHaveBeenCalledWith(VOICE);
    const voice = h.updates.find((u) => u.update.conversationId === VOICE);
    expect(voice?.update.agentLeft).toBe(true);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('a Rejected topic is reported explained, the stream polls, and retries slowly', async () => {
    const api = fakeApi();
    api.subscribe.mockImplementation(async (_id, topics) => ({
      entities: topics.map((id) => ({
        id,
        state: 'Rejected',
        rejectionReason: 'Not authorized',
      })),
    }));
    const h = setup({ maxBackoffMs: 30_000, pollIntervalMs: 5_000 }, api);
    h.stream.ensure([CID]);
    await settle();
    expect(FakeSocket.all).toHaveLength(0);
    const down = h.statuses.at(-1);
    expect(down?.status).toBe('down');
    expect(down?.error?.code).toBe('notifications.rejected');
    expect(down?.error?.message).toContain('Not authorized');
    expect(down?.error?.fix).toMatch(/“notifications”/);
    expect(h.errors[0]?.where).toBe('channel');
    // Meanwhile the live conversation is polled over REST.
    await advance(5_000);
    expect(h.api.getMessageConversation).toHaveBeenCalledTimes(1);
    expect(h.updates[0]?.source).toBe('rest');
    // No hammering: the next attempt waits for maxBackoffMs.
    await advance(24_000);
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(h.api.createChannel).toHaveBeenCalledTimes(2);
  });

  it('refuses a connectUri off the streaming host (another port): no socket, explained, polling', async () => {
    const api = fakeApi();
    api.createChannel.mockImplementation(async () => ({
      id: 'streaming-evil',
      connectUri: 'wss://streaming.example.test:8443/channels/streaming-evil',
      expires: new Date(Date.now() + DAY).toISOString(),
    }));
    const h = setup({ maxBackoffMs: 30_000, pollIntervalMs: 5_000 }, api);
    h.stream.ensure([CID]);
    await settle();
    expect(FakeSocket.all).toHaveLength(0); // never opened
    const down = h.statuses.at(-1);
    expect(down?.status).toBe('down');
    expect(down?.error?.code).toBe('stream.address.refused');
    expect(down?.error?.message).toContain('wss://streaming.example.test:8443');
    expect(down?.error?.title).toBe('Live updates refused an unexpected address');
    expect(h.logs.some((l) => l.includes('stream.address.refused'))).toBe(true);
    await advance(5_000);
    expect(h.api.getMessageConversation).toHaveBeenCalledTimes(1); // REST polling carries on
    // A slow retry re-checks the same channel instead of making new ones.
    await advance(25_000);
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    expect(h.api.channelExists).toHaveBeenCalledWith('streaming-evil');
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('opens a connectUri on the streaming host (positive control for the refusal)', async () => {
    const h = setup();
    h.stream.ensure([CID]);
    await settle();
    expect(FakeSocket.all.map((s) => s.url)).toEqual([
      'wss://streaming.example.test/channels/streaming-1',
    ]);
  });

  it('a 403 creating the channel names the notifications scope (not the create call scope)', async () => {
    const api = fakeApi();
    api.createChannel.mockRejectedValue(
      new GenesysError({
        status: 403,
        code: 'app.not.authorized.for.scope',
        message: 'App not authorized to use scope notifications',
        contextId: 'ctx-1',
      }),
    );
    const h = setup({}, api);
    h.stream.ensure([CID]);
    await settle();
    const error = h.statuses.at(-1)?.error;
    expect(error).toMatchObject({
      code: 'notifications.rejected',
      status: 403,
      contextId: 'ctx-1',
    });
    expect(error?.title).toMatch(/Live updates are off/);
    expect(error?.message).toBe('App not authorized to use scope notifications');
  });

  it('a needed sign-in is reported explained (AuthError) and retried slowly', async () => {
    const h = setup({
      userId: async () => {
        throw new AuthError(NEEDS_SIGN_IN, 'no token');
      },
      maxBackoffMs: 30_000,
    });
    h.stream.ensure([CID]);
    await settle();
    const down = h.statuses.at(-1);
    expect(down?.status).toBe('down');
    expect(down?.error?.code).toBe('needs.signin');
    expect(down?.error?.title).not.toBe('');
    expect(h.logs.some((l) => l.includes('reconnect attempt 1 in 30000 ms'))).toBe(true);
  });

  it('honours Retry-After of a 429 before the next attempt', async () => {
    const api = fakeApi();
    api.createChannel.mockRejectedValueOnce(
      new GenesysError({
        status: 429,
        code: 'too.many.requests',
        message: 'slow',
        retryAfterSeconds: 20,
      }),
    );
    const h = setup({ random: () => 0 }, api);
    h.stream.ensure([CID]);
    await settle();
    expect(h.statuses.at(-1)?.error?.code).toBe('too.many.requests');
    await advance(19_999);
    expect(api.createChannel).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(api.createChannel).toHaveBeenCalledTimes(2);
    FakeSocket.last().open();
    await settle();
    expect(h.stream.status()).toBe('up');
  });
});

describe('frames', () => {
  it('delivers conversation frames for live conversations only', async () => {
    const h = setup();
    await connected(h);
    h.updates.length = 0;
    const socket = FakeSocket.last();
    socket.frame(pushFrame(CID, 'OfferingAccepted'));
    socket.frame(pushFrame(CID2, 'OfferingRejected'));
    socket.frame(heartbeat);
    expect(h.updates).toHaveLength(1);
    expect(h.updates[0]?.source).toBe('push');
    expect(h.updates[0]?.update.conversationId).toBe(CID);
    expect(h.updates[0]?.update.events.map((e) => e.subType)).toEqual(['OfferingAccepted']);
  });

  it("drops a frame on another user's topic, even for a live conversation", async () => {
    const h = setup();
    await connected(h);
    h.updates.length = 0;
    FakeSocket.last().frame({
      ...pushFrame(CID, 'OfferingAccepted'),
      topicName: messagesTopic('someone-else'),
    });
    expect(h.updates).toHaveLength(0);
    FakeSocket.last().frame(pushFrame(CID, 'OfferingAccepted'));
    expect(h.updates).toHaveLength(1);
  });

  it("after an account switch (stop, then ensure as another user) subscribes the new user's topic", async () => {
    let user = ME;
    const h = setup({ userId: async () => user });
    await connected(h);
    user = 'other-agent';
    h.stream.stop();
    await connected(h);
    expect(h.api.createChannel).toHaveBeenCalledTimes(2);
    expect(h.api.subscribe).toHaveBeenLastCalledWith('streaming-2', [
      messagesTopic('other-agent'),
      conversationsTopic('other-agent'),
    ]);
    h.updates.length = 0;
    FakeSocket.last().frame(pushFrame(CID, 'OfferingAccepted')); // still the old user's topic
    expect(h.updates).toHaveLength(0);
  });

  it('ignores malformed frames without throwing, and counts them', async () => {
    const h = setup();
    await connected(h);
    h.updates.length = 0;
    const socket = FakeSocket.last();
    for (const bad of ['not json', '[1,2]', '{"no":"topic"}', '{"topicName":42}']) {
      expect(() => socket.frame(bad)).not.toThrow();
    }
    socket.frame({ topicName: messagesTopic(ME), eventBody: 'nope' });
    socket.frame({ topicName: 'v2.unrelated.topic', eventBody: {} });
    expect(h.updates).toHaveLength(0);
    expect(h.stream.diagnostics().malformedFrames).toBe(5);
    expect(h.logs.filter((l) => l.includes('malformed frame'))).toHaveLength(5);
    expect(h.stream.status()).toBe('up');
  });
});

describe('heartbeat watchdog', () => {
  it('heartbeats keep one socket up; quiet periods send {"message":"ping"}', async () => {
    const h = setup({ heartbeatTimeoutMs: 75_000, pingAfterMs: 20_000 });
    await connected(h);
    const socket = FakeSocket.last();
    for (let i = 0; i < 10; i++) {
      await advance(30_000);
      socket.frame(heartbeat);
    }
    expect(FakeSocket.all).toHaveLength(1);
    expect(socket.closedWith).toBeUndefined();
    expect(socket.sent).toContainEqual({ message: 'ping' });
    expect(h.stream.status()).toBe('up');
  });

  it('no frame for heartbeatTimeoutMs: the socket is closed, the stream goes down and reconnects', async () => {
    const h = setup({ heartbeatTimeoutMs: 75_000, pingAfterMs: 20_000, random: () => 0 });
    await connected(h);
    const first = FakeSocket.last();
    await advance(74_999);
    expect(first.closedWith).toBeUndefined();
    await advance(1);
    expect(first.closedWith).toBe(4000);
    expect(h.stream.status()).not.toBe('up');
    await advance(1); // a 0 ms timer fires after 1 ms, as in Node and browsers
    // Same channel (HEAD says it exists), a new socket, and a REST reconcile on open.
    expect(h.api.channelExists).toHaveBeenCalledWith('streaming-1');
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().open();
    await settle();
    expect(statusList(h)).toEqual(['connecting', 'up', 'down', 'connecting', 'up']);
    expect(h.api.getMessageConversation).toHaveBeenCalledTimes(2);
  });

  it('a socket that never opens is given up after heartbeatTimeoutMs', async () => {
    const h = setup({ heartbeatTimeoutMs: 10_000, random: () => 0 });
    h.stream.ensure([CID]);
    await settle();
    const hung = FakeSocket.last();
    await advance(10_000);
    expect(hung.closedWith).toBe(4000);
    await advance(1);
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe('reconnect', () => {
  it('backs off exponentially with jitter between failed attempts, and resets after a stable connection', async () => {
    // random → just under 1: each delay is just under its cap (1 s, 2 s, 4 s).
    const h = setup({
      baseBackoffMs: 1000,
      maxBackoffMs: 60_000,
      random: () => 0.9999,
      stableAfterMs: 60_000,
    });
    h.stream.ensure([CID]);
    await settle();
    FakeSocket.last().drop(); // attempt 0 fails before open
    await advance(998);
    expect(FakeSocket.all).toHaveLength(1);
    await advance(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().drop();
    await advance(1998);
    expect(FakeSocket.all).toHaveLength(2);
    await advance(1);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.last().drop();
    await advance(3998);
    expect(FakeSocket.all).toHaveLength(3);
    await advance(1);
    expect(FakeSocket.all).toHaveLength(4);
    expect(h.stream.diagnostics().attempt).toBe(3);
    FakeSocket.last().open();
    await settle();
    expect(h.stream.diagnostics().attempt).toBe(3);
    await advance(60_000);
    expect(h.stream.diagnostics().attempt).toBe(0);
  });

  it('a vanished channel (HEAD 404) is re-created and re-subscribed', async () => {
    const h = setup({ random: () => 0 });
    await connected(h);
    h.api.channelExists.mockResolvedValue(false);
    FakeSocket.last().drop();
    await settle();
    expect(h.api.createChannel).toHaveBeenCalledTimes(2);
    expect(h.api.subscribe).toHaveBeenLastCalledWith('streaming-2', [
      messagesTopic(ME),
      conversationsTopic(ME),
    ]);
    expect(FakeSocket.last().url).toBe('wss://streaming.example.test/channels/streaming-2');
  });

  it('polls the live conversations only while the socket is down, and reconciles after the gap', async () => {
    const h = setup({
      pollIntervalMs: 5_000,
      baseBackoffMs: 60_000,
      maxBackoffMs: 60_000,
      random: () => 0.5,
    });
    await connected(h);
    const calls = () => h.api.getMessageConversation.mock.calls.length;
    expect(calls()).toBe(1); // the reconcile on open
    await advance(20_000);
    expect(calls()).toBe(1); // up: no polling
    h.api.getMessageConversation.mockResolvedValue(conversationBody(CID, 'OfferingAccepted', 'm9'));
    FakeSocket.last().drop();
    await advance(15_000); // reconnect waits 30 s; three polls meanwhile
    expect(calls()).toBe(4);
    expect(h.updates.at(-1)?.update.events.map((e) => e.subType)).toEqual(['OfferingAccepted']);
    await advance(15_000);
    expect(FakeSocket.all).toHaveLength(2);
    const pollsBeforeOpen = calls();
    FakeSocket.last().open();
    await settle();
    expect(calls()).toBe(pollsBeforeOpen + 1); // reconcile after the gap
    await advance(60_000);
    expect(calls()).toBe(pollsBeforeOpen + 1); // polling stopped
  });

  it('socket_closing: switches to a NEW channel before closing the old socket, staying up', async () => {
    const h = setup();
    await connected(h);
    const old = FakeSocket.last();
    old.frame(socketClosing);
    await settle();
    expect(h.api.createChannel).toHaveBeenCalledTimes(2);
    const next = FakeSocket.last();
    expect(next.url).toBe('wss://streaming.example.test/channels/streaming-2');
    // The old socket still delivers until the new one is open.
    expect(old.closedWith).toBeUndefined();
    h.updates.length = 0;
    old.frame(pushFrame(CID, 'OfferingAccepted'));
    expect(h.updates).toHaveLength(1);
    next.open();
    await settle();
    expect(old.closedWith).toBe(1000);
    expect(statusList(h)).toEqual(['connecting', 'up']);
    expect(h.stream.diagnostics().channelId).toBe('streaming-2');
    expect(h.updates.at(-1)?.source).toBe('rest');
  });

  it('socket_closing followed by the old socket closing before the switch: down, then up on the new channel', async () => {
    const h = setup();
    await connected(h);
    const old = FakeSocket.last();
    old.frame(socketClosing);
    old.drop(1001);
    expect(h.stream.status()).toBe('down');
    await settle();
    FakeSocket.last().open();
    await settle();
    expect(h.stream.status()).toBe('up');
    expect(h.stream.diagnostics().channelId).toBe('streaming-2');
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('renews the channel before it expires', async () => {
    const h = setup({ renewBeforeExpiryMs: 10 * 60_000 });
    await connected(h);
    // keep the socket alive with heartbeats up to just before the renewal point
    const old = FakeSocket.last();
    const beats = Math.floor((DAY - 10 * 60_000) / 30_000) - 1;
    for (let i = 0; i < beats; i++) {
      await advance(30_000);
      old.frame(heartbeat);
    }
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    await advance(30_000);
    expect(h.api.createChannel).toHaveBeenCalledTimes(2);
    FakeSocket.last().open();
    await settle();
    expect(old.closedWith).toBe(1000);
    expect(h.stream.status()).toBe('up');
  });
});

describe('stop and reconcile', () => {
  it('stop closes the socket and ends polling and retries', async () => {
    const h = setup({ pollIntervalMs: 1_000 });
    await connected(h);
    const socket = FakeSocket.last();
    h.stream.stop();
    expect(socket.closedWith).toBe(1000);
    expect(h.stream.status()).toBe('down');
    const calls = h.api.getMessageConversation.mock.calls.length;
    await advance(10 * 60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(h.api.getMessageConversation.mock.calls.length).toBe(calls);
    // A late frame from the closed socket is not delivered.
    h.updates.length = 0;
    socket.frame(pushFrame(CID, 'OfferingAccepted'));
    expect(h.updates).toHaveLength(0);
  });

  it('ensure([]) is stop(); a later ensure reuses the live channel after HEAD', async () => {
    const h = setup();
    await connected(h);
    h.stream.ensure([]);
    expect(FakeSocket.last().closedWith).toBe(1000);
    await connected(h, [CID2]);
    expect(h.api.createChannel).toHaveBeenCalledTimes(1);
    expect(h.api.channelExists).toHaveBeenCalledTimes(1);
    expect(h.stream.diagnostics().live).toEqual([CID2]);
  });

  it('stop during connect abandons it', async () => {
    const h = setup();
    h.stream.ensure([CID]);
    h.stream.stop();
    await settle();
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('reconcile is single-flight per conversation and returns the parsed update', async () => {
    const h = setup();
    const [a, b] = [h.stream.reconcile(CID), h.stream.reconcile(CID)];
    const update = await a;
    expect(await b).toBe(update);
    expect(h.api.getMessageConversation).toHaveBeenCalledTimes(1);
    expect(update.conversationId).toBe(CID);
    expect(h.updates).toEqual([{ update, source: 'rest' }]);
  });

  it('a reconcile after the socket opened that meets a 429 or 5xx is read again', async () => {
    // Found by the soak: a customer accepting during a worker start is never pushed (the socket
    // was not open), and the one read after open met a 429; the panel said "expired" 10 s later.
    const api = fakeApi();
    api.getMessageConversation.mockRejectedValueOnce(
      new GenesysError({ status: 429, code: 'too.many.requests', message: 'slow down' }),
    );
    const h = setup({}, api);
    await connected(h);
    expect(h.updates).toHaveLength(0);
    await advance(1_000);
    expect(api.getMessageConversation).toHaveBeenCalledTimes(2);
    expect(h.updates.map((u) => u.source)).toEqual(['rest']);
    expect(h.errors).toEqual([]);
  });

  it('a reconcile is not read again once its conversation is no longer live', async () => {
    const api = fakeApi();
    api.getMessageConversation.mockRejectedValue(
      new GenesysError({ status: 503, code: 'service.unavailable', message: 'down' }),
    );
    const h = setup({}, api);
    await connected(h, [CID, CID2]);
    h.stream.ensure([CID2]);
    await advance(10_000);
    const reads = api.getMessageConversation.mock.calls.map(([id]) => id);
    expect(reads.filter((id) => id === CID)).toHaveLength(1);
    expect(reads.filter((id) => id === CID2)).toHaveLength(4);
  });

  it('a failed reconcile of a live conversation is reported explained, never thrown', async () => {
    const api = fakeApi();
    api.getMessageConversation.mockRejectedValue(
      new GenesysError({ status: 404, code: 'not.found', message: 'gone' }),
    );
    const h = setup({}, api);
    await connected(h);
    expect(h.errors).toEqual([
      expect.objectContaining({
        where: 'reconcile',
        id: CID,
        error: expect.objectContaining({ code: 'not.found' }),
      }),
    ]);
    expect(h.stream.status()).toBe('up');
  });
});
