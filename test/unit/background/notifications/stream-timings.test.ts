// The socket's clocks per build: the release build runs on the stream's defaults (75 s watchdog,
// 20 s ping), only the test build that the e2e suite loads notices a silent socket in seconds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { streamTimingsFor, TEST_BUILD_STREAM_TIMINGS } from '../../../../scripts/test-timings';
import {
  createEventStream,
  type EventStreamApi,
  type SocketLike,
  STREAM_DEFAULTS,
} from '../../../../src/background/notifications/stream';

const ME = 'a0000000-0000-4000-8000-000000000001';
const CID = 'c0000000-0000-4000-8000-0000000000aa';

class QuietSocket implements SocketLike {
  static all: QuietSocket[] = [];
  sent: string[] = [];
  closedWith?: number;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {
    QuietSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
  }
}

const api = {
  createChannel: async () => ({ id: 'streaming-1', connectUri: 'wss://streaming.test/c/1' }),
  subscribe: async (_id: string, topics: string[]) => ({
    entities: topics.map((id) => ({ id, state: 'Permitted' })),
  }),
  channelExists: async () => true,
  getMessageConversation: async (id: string) => ({ id, participants: [] }),
  getConversation: async (id: string) => ({ id, participants: [] }),
} as unknown as EventStreamApi;

/** A stream with a build's timings whose socket opens and then never sends a frame. */
async function silentSocketIn(mode: string) {
  const stream = createEventStream({
    api,
    userId: async () => ME,
    WebSocket: QuietSocket,
    socketAddressProblem: () => undefined,
    onUpdate: () => {},
    ...streamTimingsFor(mode),
  });
  stream.ensure([CID]);
  await vi.advanceTimersByTimeAsync(0);
  const socket = QuietSocket.all.at(-1) as QuietSocket;
  socket.onopen?.({});
  return { stream, socket };
}

beforeEach(() => {
  vi.useFakeTimers();
  QuietSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stream timings per build', () => {
  it('the release build overrides nothing: the defaults are a 75 s watchdog and a 20 s ping', () => {
    expect(streamTimingsFor('production')).toEqual({});
    expect(STREAM_DEFAULTS.heartbeatTimeoutMs).toBe(75_000);
    expect(STREAM_DEFAULTS.pingAfterMs).toBe(20_000);
  });

  it('release: a silent socket is pinged at 20 s and dropped only at 75 s', async () => {
    const { stream, socket } = await silentSocketIn('production');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(socket.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sent).toEqual([JSON.stringify({ message: 'ping' })]);
    await vi.advanceTimersByTimeAsync(75_000 - 20_000 - 1);
    expect(socket.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.closedWith).toBe(4000);
    stream.stop();
  });

  it('test build: a shorter watchdog, still pinging well before it fires', async () => {
    const t = TEST_BUILD_STREAM_TIMINGS;
    expect(streamTimingsFor('test')).toEqual(t);
    expect(t.heartbeatTimeoutMs).toBeLessThan(STREAM_DEFAULTS.heartbeatTimeoutMs);
    expect(t.pingAfterMs * 2).toBeLessThan(t.heartbeatTimeoutMs);
    const { stream, socket } = await silentSocketIn('test');
    await vi.advanceTimersByTimeAsync(t.heartbeatTimeoutMs - 1);
    expect(socket.sent.length).toBeGreaterThan(0);
    expect(socket.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.closedWith).toBe(4000);
    stream.stop();
  });
});
