// The events stream against the sandbox org: the real typed client over HTTP, `ws` as the
// WebSocket, real channels, heartbeats, socket_closing, dropped sockets, expiring and evicted
// channels, and the customer's actions producing the updates. Every wait is on an event (an
// update, a status, a frame), never on time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ConversationUpdate } from '../../src/background/cobrowse/events';
import { createGenesysClient } from '../../src/background/genesys';
import { socketAddressProblem } from '../../src/background/notifications/socket-address';
import {
  createEventStream,
  type EventStream,
  type EventStreamDeps,
  type StreamStatus,
  type UpdateSource,
} from '../../src/background/notifications/stream';
import type { SessionError } from '../../src/shared/session';
import { knownRegions } from '../../src/shared/settings';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { call, useSandbox } from './testkit';

// The error catalogue reads its texts through browser.i18n; here the English catalogue answers.
vi.mock('webextension-polyfill', async () => {
  const messages = (await import('../../public/_locales/en/messages.json')).default as Record<
    string,
    { message: string }
  >;
  return { default: { i18n: { getMessage: (key: string) => messages[key]?.message ?? '' } } };
});

const AGENT = SEED.users.agent;
const CONV = SEED.conversations.agent.messagingOnline;

type Seen =
  | { kind: 'update'; update: ConversationUpdate; source: UpdateSource }
  | { kind: 'status'; status: StreamStatus; error?: SessionError }
  | { kind: 'log'; message: string }
  | { kind: 'pong' };

/** Everything the stream reported, and a way to wait until something matching has happened. */
class Recorder {
  readonly seen: Seen[] = [];
  private waiters: { match: (s: Seen) => boolean; resolve: (s: Seen) => void }[] = [];

  push(s: Seen) {
    this.seen.push(s);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(s)) return true;
      w.resolve(s);
      return false;
    });
  }

  /** The first event matching, from `from` (an index into seen) on; waits if none yet. */
  next<T extends Seen>(match: (s: Seen) => s is T, from?: number): Promise<T>;
  next(match: (s: Seen) => boolean, from?: number): Promise<Seen>;
  next(match: (s: Seen) => boolean, from = 0): Promise<Seen> {
    const found = this.seen.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  get mark() {
    return this.seen.length;
  }

  statuses() {
    return this.seen.flatMap((s) => (s.kind === 'status' ? [s.status] : []));
  }
}

const isUp = (s: Seen) => s.kind === 'status' && s.status === 'up';
const isDown = (s: Seen) => s.kind === 'status' && s.status === 'down';
const hasEvent = (subType: string, source?: UpdateSource) => (s: Seen) =>
  s.kind === 'update' &&
  s.update.conversationId === CONV &&
  (source === undefined || s.source === source) &&
  s.update.events.some((e) => e.subType === subType);
const logged = (text: string) => (s: Seen) => s.kind === 'log' && s.message.includes(text);

let stream: EventStream | undefined;
afterEach(() => {
  stream?.stop();
  stream = undefined;
});

function start(
  sandbox: Sandbox,
  overrides: Partial<EventStreamDeps> = {},
): { rec: Recorder; stream: EventStream; api: ReturnType<typeof createGenesysClient> } {
  const rec = new Recorder();
  const token = sandbox.issueToken(AGENT);
  const api = createGenesysClient({ getToken: async () => token, baseUrl: () => sandbox.url });
  // `ws`'s WebSocket, also reporting pongs to the recorder (for the keep-alive test).
  class CountingSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      this.on('message', (data) => {
        if (String(data).includes('"pong"')) rec.push({ kind: 'pong' });
      });
    }
  }
  stream = createEventStream({
    api,
    userId: async () => AGENT,
    WebSocket: CountingSocket,
    // The production check, against the sandbox's loopback base (ws: on its own host:port).
    socketAddressProblem: (uri) => socketAddressProblem(uri, sandbox.url, knownRegions()),
    onUpdate: (update, source) => rec.push({ kind: 'update', update, source }),
    onStatus: (status, error) => rec.push({ kind: 'status', status, ...(error ? { error } : {}) }),
    log: (message) => rec.push({ kind: 'log', message }),
    baseBackoffMs: 20,
    maxBackoffMs: 200,
    pollIntervalMs: 50,
    ...overrides,
  });
  return { rec, stream, api };
}

const channelPosts = (s: Sandbox) =>
  s.requests({ method: 'POST', route: '/api/v2/notifications/channels' });

describe('events stream against the sandbox', () => {
  describe('with fast heartbeats', () => {
    const sandbox = useSandbox({ heartbeatSeconds: 0.05 });

    it('subscribes, reconciles on open, and turns customer actions into pushed updates', async () => {
      const s = sandbox.current;
      const { rec, stream, api } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      // The REST reconcile after open carries the conversation's history (the customer's Join).
      await rec.next(hasEvent('Join', 'rest'));
      const channel = s.state().channels[0];
      expect(channel?.topics).toEqual([
        `v2.users.${AGENT}.conversations.messages`,
        `v2.users.${AGENT}.conversations`,
      ]);
      expect(channel?.openSockets).toBe(1);

      const mark = rec.mark;
      s.customer(CONV, 'go-offline');
      await rec.next(hasEvent('Disconnect', 'push'), mark);
      s.customer(CONV, 'go-online');
      await rec.next(hasEvent('Join', 'push'), mark);

      await api.createCobrowse(CONV);
      await rec.next(hasEvent('Offering', 'push'), mark);
      s.customer(CONV, 'accept');
      await rec.next(hasEvent('OfferingAccepted', 'push'), mark);
      expect(stream.diagnostics().malformedFrames).toBe(0);
      expect(stream.diagnostics().connects).toBe(1);
    });

    it('a dropped socket: down, REST keeps the transitions, then up again on the same channel', async () => {
      const s = sandbox.current;
      const { rec, stream } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      // The next two websocket upgrades are cut too, so the stream stays down for a while.
      s.fault({ method: 'GET', path: '^/channels/', dropSocket: true, times: 2 });
      const mark = rec.mark;
      s.dropSockets();
      // Nothing can be pushed now: only REST (poll or the reconcile on reopen) can report it.
      s.customer(CONV, 'go-offline');
      await rec.next(isDown, mark);
      await rec.next(hasEvent('Disconnect', 'rest'), mark);
      await rec.next(isUp, mark);
      expect(stream.status()).toBe('up');
      expect(channelPosts(s)).toHaveLength(1);
      expect(s.requests({ method: 'HEAD' }).every((r) => r.status === 200)).toBe(true);
      expect(s.requests({ method: 'HEAD' }).length).toBeGreaterThanOrEqual(1);
      // And push works again.
      const after = rec.mark;
      s.customer(CONV, 'go-online');
      await rec.next(hasEvent('Join', 'push'), after);
    });

    it('socket_closing: moves to a new channel and keeps receiving', async () => {
      const s = sandbox.current;
      const { rec, stream } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      const first = stream.diagnostics().channelId;
      const mark = rec.mark;
      expect(s.socketClosing({ closeAfterMs: 200 })).toBe(1);
      await rec.next(logged('socket_closing'), mark);
      await rec.next(logged('socket up on'), mark);
      const second = stream.diagnostics().channelId;
      expect(second).not.toBe(first);
      expect(channelPosts(s)).toHaveLength(2);
      // The old socket is closed by us once the new one is open.
      await s.waitFor(() => s.state().channels.find((c) => c.id === first)?.openSockets === 0);
      expect(s.state().channels.find((c) => c.id === second)?.openSockets).toBe(1);
      const after = rec.mark;
      s.customer(CONV, 'go-offline');
      await rec.next(hasEvent('Disconnect', 'push'), after);
    });

    it('an evicted channel (HEAD 404) is re-created and re-subscribed', async () => {
      const s = sandbox.current;
      s.settings({ maxChannelsPerUser: 1 });
      const { rec, stream } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      const mark = rec.mark;
      // Another channel for the same user and app evicts ours (its socket closes).
      await call(s, 'POST', '/api/v2/notifications/channels', { token: s.issueToken(AGENT) });
      await rec.next(isDown, mark);
      await rec.next(isUp, mark);
      expect(s.requests({ method: 'HEAD' }).map((r) => r.status)).toContain(404);
      expect(channelPosts(s)).toHaveLength(3);
      const ours = s.state().channels.find((c) => c.id === stream.diagnostics().channelId);
      expect(ours?.topics).toEqual([
        `v2.users.${AGENT}.conversations.messages`,
        `v2.users.${AGENT}.conversations`,
      ]);
      const after = rec.mark;
      s.customer(CONV, 'go-offline');
      await rec.next(hasEvent('Disconnect', 'push'), after);
    });

    it('a topic Rejected by Genesys is reported explained, and REST still reports changes', async () => {
      const s = sandbox.current;
      // Subscribing to another user's conversations is Rejected.
      const { rec, stream } = start(s, { userId: async () => SEED.users.messagingOnly });
      stream.ensure([CONV]);
      const down = await rec.next(
        (x): x is Extract<Seen, { kind: 'status' }> => isDown(x) && 'error' in x,
      );
      expect(down.error?.code).toBe('notifications.rejected');
      expect(down.error?.message).toMatch(/Rejected/);
      expect(down.error?.fix).toMatch(/notifications/);
      const mark = rec.mark;
      s.customer(CONV, 'go-offline');
      await rec.next(hasEvent('Disconnect', 'rest'), mark);
    });
  });

  describe('with silent sockets (no heartbeats)', () => {
    const sandbox = useSandbox({ heartbeatSeconds: 3600 });

    it('the watchdog drops a silent socket and reconnects', async () => {
      const s = sandbox.current;
      const { rec, stream } = start(s, { heartbeatTimeoutMs: 300 });
      stream.ensure([CONV]);
      await rec.next(isUp);
      const mark = rec.mark;
      await rec.next(logged('no frame for 300 ms'), mark);
      await rec.next(isUp, mark);
      expect(channelPosts(s)).toHaveLength(1);
      expect(stream.diagnostics().connects).toBeGreaterThanOrEqual(2);
    });

    it('pings keep a quiet socket alive (each pong is a frame)', async () => {
      const s = sandbox.current;
      const { rec, stream } = start(s, { heartbeatTimeoutMs: 2_000, pingAfterMs: 30 });
      stream.ensure([CONV]);
      await rec.next(isUp);
      const mark = rec.mark;
      for (let i = 0; i < 5; i++) await rec.next((x) => x.kind === 'pong', rec.mark);
      expect(rec.seen.slice(mark).filter(isDown)).toEqual([]);
      expect(stream.diagnostics().connects).toBe(1);
    });
  });

  describe('with short-lived channels', () => {
    const sandbox = useSandbox({ heartbeatSeconds: 0.05, channelLifetimeSeconds: 2 });

    it('switches to a new channel before the old one expires', async () => {
      const s = sandbox.current;
      const { rec, stream } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      const first = stream.diagnostics().channelId;
      const mark = rec.mark;
      await rec.next(logged('expires soon'), mark);
      await rec.next(logged('socket up on'), mark);
      expect(stream.diagnostics().channelId).not.toBe(first);
      stream.stop();
      expect(s.state().channels.length).toBeGreaterThanOrEqual(1);
    });
  });

  it('stop closes the socket (the product keeps it only while a session is live)', async () => {
    const s = await import('../../tools/sandbox/index').then((m) => m.startSandbox({ port: 0 }));
    try {
      const { rec, stream } = start(s);
      stream.ensure([CONV]);
      await rec.next(isUp);
      stream.stop();
      await s.waitFor(() => s.state().channels.every((c) => c.openSockets === 0));
      expect(stream.status()).toBe('down');
    } finally {
      await s.close();
    }
  });
});
