// A channel whose subscription PUT fails is subscribed again, not replaced: a new channel per
// failed PUT left the old one alive and unused (the soak saw 3 alive for one agent).
import { describe, expect, it, vi } from 'vitest';
import { GenesysError } from '../../../../src/background/genesys';
import {
  type ChannelOptions,
  createChannel,
  SUBSCRIBE_RETRY_DELAYS_MS,
} from '../../../../src/background/notifications/channel';

const USER = 'u1';
const permitted = (topics: string[]) => ({
  entities: topics.map((id) => ({ id, state: 'Permitted' })),
});

function options(failures: (number | 'network')[]) {
  const pauses: number[] = [];
  const api = {
    createChannel: vi.fn(async () => ({
      id: `ch-${api.createChannel.mock.calls.length}`,
      connectUri: 'wss://streaming.example/channels/x',
      expires: new Date(Date.now() + 86_400_000).toISOString(),
    })),
    subscribe: vi.fn(async (_id: string, topics: string[]) => {
      const next = failures.shift();
      if (next === 'network') throw new GenesysError({ code: 'network', message: 'offline' });
      if (next !== undefined)
        throw new GenesysError({ status: next, code: `http.${next}`, message: 'no' });
      return permitted(topics);
    }),
  };
  const o = {
    api,
    now: () => Date.now(),
    renewBeforeExpiryMs: 3_600_000,
    log: () => {},
    pause: async (ms: number) => {
      pauses.push(ms);
    },
  } as unknown as ChannelOptions;
  return { o, api, pauses };
}

describe('createChannel subscription', () => {
  it('a 5xx or a lost connection on the PUT: the same channel is subscribed again', async () => {
    const { o, api, pauses } = options([502, 'network']);
    const ch = await createChannel(o, USER, () => false);
    expect(ch?.id).toBe('ch-1');
    expect(api.createChannel).toHaveBeenCalledTimes(1);
    expect(api.subscribe.mock.calls.map((c) => c[0])).toEqual(['ch-1', 'ch-1', 'ch-1']);
    expect(pauses).toEqual([...SUBSCRIBE_RETRY_DELAYS_MS]);
  });

  it('gives up after three tries, and at once on a refusal such as 401 or 403', async () => {
    const three = options([503, 503, 503]);
    await expect(createChannel(three.o, USER, () => false)).rejects.toThrow();
    expect(three.api.subscribe).toHaveBeenCalledTimes(3);
    for (const status of [401, 403]) {
      const refused = options([status]);
      await expect(createChannel(refused.o, USER, () => false)).rejects.toMatchObject({ status });
      expect(refused.api.subscribe).toHaveBeenCalledTimes(1);
    }
  });

  it('an attempt abandoned meanwhile is not tried again', async () => {
    const { o, api } = options([500]);
    await expect(
      createChannel(o, USER, () => api.subscribe.mock.calls.length > 0),
    ).rejects.toThrow();
    expect(api.subscribe).toHaveBeenCalledTimes(1);
  });
});
