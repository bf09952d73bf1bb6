// The stream held while the agent is signed in (watch), against the sandbox: the user's
// conversation topic delivers a conversation created after the channel opened, with no live
// session; and a channel an earlier worker stored is reused (HEAD), not made again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createGenesysClient } from '../../src/background/genesys';
import type { ChannelInfo } from '../../src/background/notifications/channel';
import { socketAddressProblem } from '../../src/background/notifications/socket-address';
import {
  createEventStream,
  type EventStream,
  type StreamStatus,
} from '../../src/background/notifications/stream';
import { knownRegions } from '../../src/shared/settings';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { useSandbox } from './testkit';

vi.mock('webextension-polyfill', async () => {
  const messages = (await import('../../public/_locales/en/messages.json')).default as Record<
    string,
    { message: string }
  >;
  return { default: { i18n: { getMessage: (key: string) => messages[key]?.message ?? '' } } };
});

const AGENT = SEED.users.agent;
type Body = Record<string, unknown> & { id: string };

/** Resolves once `check` holds, re-checked on every reported event. */
function recorder() {
  const bodies: Body[] = [];
  const statuses: StreamStatus[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const poke = () => {
    for (const w of waiters.splice(0)) {
      if (w.check()) w.resolve();
      else waiters.push(w);
    }
  };
  return {
    bodies,
    statuses,
    body: (b: Body) => {
      bodies.push(b);
      poke();
    },
    status: (s: StreamStatus) => {
      statuses.push(s);
      poke();
    },
    until: (check: () => boolean) =>
      check()
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ check, resolve })),
  };
}

const streams: EventStream[] = [];
afterEach(() => {
  for (const s of streams.splice(0)) s.stop();
});

function watchStream(
  sandbox: Sandbox,
  channels?: Parameters<typeof createEventStream>[0]['channels'],
) {
  const rec = recorder();
  const token = sandbox.issueToken(AGENT);
  const api = createGenesysClient({ getToken: async () => token, baseUrl: () => sandbox.url });
  const stream = createEventStream({
    api,
    userId: async () => AGENT,
    WebSocket,
    socketAddressProblem: (uri) => socketAddressProblem(uri, sandbox.url, knownRegions()),
    onUpdate: () => undefined,
    onConversation: rec.body,
    onStatus: rec.status,
    ...(channels ? { channels } : {}),
  });
  streams.push(stream);
  return { rec, stream };
}

const channelPosts = (s: Sandbox) =>
  s.requests({ method: 'POST', route: '/api/v2/notifications/channels' });

describe('the stream held while signed in', () => {
  const sandbox = useSandbox();

  it('delivers a conversation created for the agent with no live session; ensure([]) keeps it; unwatch closes it', async () => {
    const s = sandbox.current;
    const { rec, stream } = watchStream(s);
    stream.watch(true);
    await rec.until(() => stream.status() === 'up');
    const id = s.addConversation({ media: 'call', customerName: 'New caller' }).id;
    await rec.until(() => rec.bodies.some((b) => b.id === id));
    const body = rec.bodies.find((b) => b.id === id) as unknown as {
      participants: { userId?: string }[];
    };
    expect(body.participants.some((p) => p.userId === AGENT)).toBe(true);

    // A session ending (no live conversation left) does not drop the held channel.
    stream.ensure([]);
    expect(stream.status()).toBe('up');
    stream.watch(false);
    await s.waitFor(() => s.state().channels.every((c) => c.openSockets === 0));
    expect(stream.status()).toBe('down');
    expect(channelPosts(s)).toHaveLength(1);
  });

  it('reuses the channel an earlier worker stored: HEAD, no second channel', async () => {
    const s = sandbox.current;
    let kept: ChannelInfo | undefined;
    const store = {
      load: async () => kept,
      save: (ch: ChannelInfo) => {
        kept = ch;
      },
    };
    const first = watchStream(s, store);
    first.stream.watch(true);
    await first.rec.until(() => first.stream.status() === 'up');
    expect(kept?.userId).toBe(AGENT);
    // The worker stops: its socket goes (the channel lives on at Genesys).
    first.stream.stop();
    await s.waitFor(() => s.state().channels.every((c) => c.openSockets === 0));

    const heads = () =>
      s.requests({ method: 'HEAD', route: '/api/v2/notifications/channels/{channelId}' });
    const second = watchStream(s, store);
    second.stream.watch(true);
    await second.rec.until(() => second.stream.status() === 'up');
    expect(second.stream.diagnostics().channelId).toBe(kept?.id);
    expect(channelPosts(s)).toHaveLength(1);
    expect(heads()).toHaveLength(1);
    // Pushes arrive on the reused channel.
    const id = s.addConversation({ media: 'call', customerName: 'After restart' }).id;
    await second.rec.until(() => second.rec.bodies.some((b) => b.id === id));
  });

  it('a stored channel that is gone (HEAD 404) is replaced, and the new one stored', async () => {
    const s = sandbox.current;
    let kept: ChannelInfo | undefined = {
      id: 'streaming-0-gone',
      connectUri: `${s.url.replace('http', 'ws')}/channels/streaming-0-gone`,
      userId: AGENT,
    };
    const { rec, stream } = watchStream(s, {
      load: async () => kept,
      save: (ch) => {
        kept = ch;
      },
    });
    stream.watch(true);
    await rec.until(() => stream.status() === 'up');
    expect(channelPosts(s)).toHaveLength(1);
    expect(kept?.id).not.toBe('streaming-0-gone');
    expect(stream.diagnostics().channelId).toBe(kept?.id);
  });
});
