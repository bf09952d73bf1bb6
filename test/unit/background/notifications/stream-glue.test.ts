// The stream's glue around the pure machine: failures that surface synchronously still arrive
// as channel failures, and a callback that calls back into the stream is served in order.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import {
  createEventStream,
  type EventStreamApi,
  type SocketLike,
  type StreamStatus,
} from '../../../../src/background/notifications/stream';

const CID = 'c0000000-0000-4000-8000-0000000000aa';

class QuietSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send() {}
  close() {}
}

const api = {
  createChannel: vi.fn(),
  subscribe: vi.fn(),
  channelExists: vi.fn(),
  getMessageConversation: vi.fn(() => new Promise(() => {})),
  getConversation: vi.fn(),
} as unknown as EventStreamApi;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('a user-id lookup that throws synchronously is a channel failure, not a throw from ensure', async () => {
  const errors: string[] = [];
  const statuses: StreamStatus[] = [];
  const stream = createEventStream({
    api,
    userId: () => {
      throw new Error('no rights yet');
    },
    WebSocket: QuietSocket,
    socketAddressProblem: () => undefined,
    onUpdate: () => {},
    onStatus: (status) => statuses.push(status),
    onError: (error, where) => errors.push(`${where}: ${error.code}`),
  });
  expect(() => stream.ensure([CID])).not.toThrow();
  await vi.advanceTimersByTimeAsync(0);
  expect(errors).toEqual(['channel: network']);
  expect(statuses).toEqual(['connecting', 'down']);
  stream.stop();
});

it('a callback that stops the stream is served after the running transition', async () => {
  const statuses: StreamStatus[] = [];
  const stream = createEventStream({
    api,
    userId: () => new Promise(() => {}),
    WebSocket: QuietSocket,
    socketAddressProblem: () => undefined,
    onUpdate: () => {},
    onStatus: (status) => {
      statuses.push(status);
      if (status === 'connecting') stream.stop();
    },
  });
  stream.ensure([CID]);
  expect(statuses).toEqual(['connecting', 'down']);
  expect(stream.diagnostics().live).toEqual([]);
  // stop() cleared the polling clock the connect armed.
  expect(vi.getTimerCount()).toBe(0);
});
