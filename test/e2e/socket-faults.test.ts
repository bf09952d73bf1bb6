// The notifications socket's fault rows (README → Reliability) in real Chromium against the
// sandbox: a socket that stays open but goes silent, a channel that vanished, and a channel that
// reaches its `expires`. Each time, during an offered web-messaging session, the extension gets a
// working socket back (the sandbox's request log shows the websocket connect and, where needed,
// the new channel), reads the conversation over REST after the gap, and the customer's accept
// reaches the overlay. The test build's watchdog is seconds long (scripts/test-timings.ts).
import { describe, expect, it } from 'vitest';
import type { overlayOn } from '../../tools/browser/overlay';
import type { LoggedRequest } from '../../tools/sandbox/index';
import { type Sandbox, SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const CHANNELS = '/api/v2/notifications/channels';
const CHANNEL = `${CHANNELS}/{channelId}`;
const SUBSCRIPTIONS = `${CHANNELS}/{channelId}/subscriptions`;
const SOCKET = '/channels/{channelId}';
const READ = '/api/v2/conversations/messages/{conversationId}';
const LIFETIME_SECONDS = 86_400;

/** The one channel with an open socket (the extension keeps one up while a session is live). */
function openChannel(s: Sandbox) {
  const open = s.state().channels.filter((c) => c.openSockets > 0);
  return open.length === 1 ? open[0] : undefined;
}

/** Index of the first log entry after `from` matching, or -1. */
function indexAfter(log: LoggedRequest[], from: number, match: (r: LoggedRequest) => boolean) {
  const i = log.slice(from + 1).findIndex(match);
  return i < 0 ? -1 : from + 1 + i;
}

const socketConnect = (channelId: string) => (r: LoggedRequest) =>
  r.route === SOCKET && r.status === 101 && r.path === `/channels/${channelId}`;
const restRead = (conversationId: string) => (r: LoggedRequest) =>
  r.route === READ && r.status === 200 && r.path.endsWith(`/${conversationId}`);

describe('notifications socket faults', () => {
  const { ext, sandbox, m, start } = useAgentSuite({
    reset: (s) =>
      s.settings({
        autoApprove: true,
        autoApproveUserId: SEED.users.agent,
        channelLifetimeSeconds: LIFETIME_SECONDS,
      }),
  });

  const statusIs = (overlay: Awaited<ReturnType<typeof overlayOn>>, key: string) =>
    expect.poll(() => overlay.status(), { timeout: 30_000 }).toBe(m(key));

  /** A fresh offered web-messaging session with its notifications socket up. */
  async function offeredWithSocket() {
    const s = sandbox.current;
    const started = await start();
    await statusIs(started.overlay, 'ov_status_offered');
    const channel = await s.waitFor(() => openChannel(s), 20_000);
    return { ...started, channel };
  }

  it('heartbeat watchdog: a silent socket is dropped, the channel reused, REST reconciled, and the accept made in the silence arrives', async () => {
    const s = sandbox.current;
    const { id, overlay, channel } = await offeredWithSocket();
    s.clearRequests();
    expect(s.silenceSockets()).toBe(1);
    // No frame will tell the extension: the accept reaches it only once it notices the silence.
    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');

    // The sandbox never closes a silent socket: the extension's watchdog did.
    await s.waitFor(() => s.state().channels.every((c) => c.silentSockets === 0), 20_000);
    // The channel still exists (HEAD 200), so a new socket opened on it, then a REST read.
    const log = await s.waitFor(() => {
      const entries = s.requests();
      const connect = entries.findIndex(socketConnect(channel.id));
      return connect >= 0 && indexAfter(entries, connect, restRead(id)) > 0 ? entries : undefined;
    }, 20_000);
    expect(
      log.filter((r) => r.route === CHANNEL).map((r) => [r.method, r.path, r.status]),
    ).toContainEqual(['HEAD', `${CHANNELS}/${channel.id}`, 200]);
    expect(log.filter((r) => r.route === CHANNELS && r.method === 'POST')).toEqual([]);
    expect(openChannel(s)?.id).toBe(channel.id);
  });

  it('channel re-creation: a vanished channel answers HEAD 404, a new channel is subscribed and connected, REST reconciled, and the accept arrives', async () => {
    const s = sandbox.current;
    const { id, overlay, channel } = await offeredWithSocket();
    s.clearRequests();
    expect(s.removeChannels()).toBeGreaterThan(0);
    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');

    const log = await s.waitFor(() => {
      const entries = s.requests();
      const fresh = openChannel(s);
      if (!fresh || fresh.id === channel.id) return undefined;
      const connect = entries.findIndex(socketConnect(fresh.id));
      return connect >= 0 && indexAfter(entries, connect, restRead(id)) > 0 ? entries : undefined;
    }, 20_000);
    const fresh = openChannel(s);
    if (!fresh) throw new Error('no open channel');
    const head = log.findIndex(
      (r) => r.method === 'HEAD' && r.route === CHANNEL && r.path === `${CHANNELS}/${channel.id}`,
    );
    expect(log[head]?.status).toBe(404);
    const create = indexAfter(log, head, (r) => r.method === 'POST' && r.route === CHANNELS);
    expect(log[create]?.status).toBe(200);
    const subscribe = indexAfter(
      log,
      create,
      (r) => r.method === 'PUT' && r.route === SUBSCRIPTIONS,
    );
    expect(log[subscribe]?.path).toBe(`${CHANNELS}/${fresh.id}/subscriptions`);
    expect(log[subscribe]?.status).toBe(200);
    expect(indexAfter(log, subscribe, socketConnect(fresh.id))).toBeGreaterThan(subscribe);
    expect(fresh.topics).toEqual([
      `v2.users.${SEED.users.agent}.conversations.messages`,
      `v2.users.${SEED.users.agent}.conversations`,
    ]);
  });

  it('channel expiry: a new channel is subscribed and connected before the old one lapses, REST reconciled, and the accept arrives', async () => {
    const s = sandbox.current;
    // A short-lived channel, and none left over, so this session's channel is created now.
    s.settings({ channelLifetimeSeconds: 20 });
    s.removeChannels();
    const { id, overlay, channel } = await offeredWithSocket();
    const lapses = Date.parse(channel.expires);
    s.clearRequests();

    // Renewed while the old channel is still alive: a new channel and its socket, then the old
    // socket closed by the extension (the sandbox would only close it when removing the channel).
    const fresh = await s.waitFor(() => {
      const other = s.state().channels.find((c) => c.id !== channel.id && c.openSockets > 0);
      return other && s.requests().some(socketConnect(other.id)) ? other : undefined;
    }, 30_000);
    await s.waitFor(
      () => s.state().channels.find((c) => c.id === channel.id)?.openSockets === 0,
      10_000,
    );
    const log = s.requests();
    const create = log.findIndex((r) => r.method === 'POST' && r.route === CHANNELS);
    const connect = indexAfter(log, create, socketConnect(fresh.id));
    expect(connect).toBeGreaterThan(create);
    expect(Date.parse(log[connect]?.time ?? '')).toBeLessThan(lapses);
    await s.waitFor(() => indexAfter(s.requests(), connect, restRead(id)) > 0, 20_000);

    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');
  });

  it('logged no errors, except the refusals these faults cause', () => {
    ext.current.expectNoErrors([/\b404\b/, /Failed to fetch|ERR_/]);
  });
});
