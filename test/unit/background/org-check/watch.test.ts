import { describe, expect, it, vi } from 'vitest';
import { isEvent } from '../../../../src/background/org-check/frames';
import { openWatch } from '../../../../src/background/org-check/watch';

class FakeSocket {
  static last: FakeSocket;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  close() {
    this.closed = true;
  }
  emit(subType: string, messageId?: string) {
    const frame = {
      topicName: 'v2.users.u.conversations.messages',
      eventBody: {
        id: 'c',
        participants: [
          {
            purpose: 'customer',
            messages: [
              {
                ...(messageId ? { message: { id: messageId } } : {}),
                messageMetadata: { events: [{ eventType: 'Presence', subType }] },
              },
            ],
          },
        ],
      },
    };
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function open(signal?: AbortSignal) {
  vi.useFakeTimers();
  const pending = openWatch(
    {
      WebSocket: FakeSocket as unknown as new (url: string) => WebSocket,
      setTimeout,
      clearTimeout: (h) => clearTimeout(h as number),
    },
    'wss://streaming.example/channels/1',
    { userId: 'u', conversationId: 'c' },
    signal,
  );
  FakeSocket.last.onopen?.();
  return pending;
}

describe('the check’s frame watch', () => {
  it('resolves with a frame that arrives, or one already read from the given index on', async () => {
    const watch = await open();
    const waiting = watch.next(isEvent(['Join']), 10_000);
    FakeSocket.last.emit('Disconnect');
    FakeSocket.last.emit('Join');
    expect(await waiting).toMatchObject({ subType: 'Join', purpose: 'customer' });
    expect(await watch.next(isEvent(['Disconnect']), 10_000, 0)).toMatchObject({
      subType: 'Disconnect',
    });
    // From an index past it, the earlier frame does not count.
    const later = watch.next(isEvent(['Disconnect']), 10_000, 2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await later).toBeUndefined();
    watch.close();
    expect(FakeSocket.last.closed).toBe(true);
    vi.useRealTimers();
  });

  it('a message a later frame names again is not a new event', async () => {
    const watch = await open();
    FakeSocket.last.emit('Join', 'm-1');
    FakeSocket.last.emit('Join', 'm-1');
    FakeSocket.last.emit('Join', 'm-2');
    expect(watch.frames).toHaveLength(2);
    vi.useRealTimers();
  });

  it('ends every wait when the check is stopped, and waits no more after', async () => {
    const stop = new AbortController();
    const watch = await open(stop.signal);
    const waiting = watch.next(isEvent(['Join']), 600_000);
    stop.abort();
    expect(await waiting).toBeUndefined();
    expect(await watch.next(isEvent(['Join']), 600_000)).toBeUndefined();
    vi.useRealTimers();
  });
});
