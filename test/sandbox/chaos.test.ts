import { describe, expect, it } from 'vitest';
import { drawChaos, seededRandom } from '../../tools/sandbox/chaos';
import { SEED, startSandbox } from '../../tools/sandbox/index';
import { defaultSettings, mergeSettings } from '../../tools/sandbox/settings';
import { call, useSandbox } from './testkit';

const calm = {
  latencyMs: 50,
  latencyJitterMs: 0,
  chaos429Percent: 0,
  chaos5xxPercent: 0,
  chaosDropPercent: 0,
};
const conversations = '/api/v2/conversations';

describe('chaos draws', () => {
  it('the seeded generator repeats for a seed and differs between seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('the delay is latencyMs plus a jitter within latencyJitterMs', () => {
    const random = seededRandom(3);
    const delays = Array.from(
      { length: 2000 },
      () => drawChaos({ ...calm, latencyJitterMs: 200 }, random).delayMs,
    );
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...delays)).toBeLessThanOrEqual(250);
    // Spread over the range, not one value.
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(150);
  });

  it('each failure kind comes at about its percentage, and none when all are 0', () => {
    const random = seededRandom(11);
    const kinds = { throttle: 0, server: 0, drop: 0, none: 0 };
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const d = drawChaos(
        { ...calm, chaos429Percent: 2, chaos5xxPercent: 3, chaosDropPercent: 1 },
        random,
      );
      kinds[d.fault?.kind ?? 'none']++;
    }
    expect(kinds.throttle / n).toBeGreaterThan(0.015);
    expect(kinds.throttle / n).toBeLessThan(0.025);
    expect(kinds.server / n).toBeGreaterThan(0.025);
    expect(kinds.server / n).toBeLessThan(0.035);
    expect(kinds.drop / n).toBeGreaterThan(0.006);
    expect(kinds.drop / n).toBeLessThan(0.014);
    const none = seededRandom(11);
    for (let i = 0; i < 1000; i++) expect(drawChaos(calm, none).fault).toBeUndefined();
  });

  it('settings refuse a negative or non-numeric chaos value', () => {
    const base = defaultSettings();
    expect(() => mergeSettings(base, { chaos5xxPercent: -1 })).toThrow(/≥ 0/);
    expect(() => mergeSettings(base, { latencyJitterMs: '5' })).toThrow(/number/);
    expect(mergeSettings(base, { chaosDropPercent: 2 }).chaosDropPercent).toBe(2);
  });
});

describe('chaos in the sandbox', () => {
  it('100 % 5xx: API requests fail before the route runs, logged as chaos; OAuth is spared', async () => {
    const s = await startSandbox({
      port: 0,
      settings: { chaos5xxPercent: 100 },
    });
    try {
      const token = s.issueToken();
      const before = s.sessions().length;
      const create = await call(
        s,
        'POST',
        `/api/v2/conversations/${SEED.conversations.agent.messagingOnline}/cobrowse`,
        { token },
      );
      expect([500, 502, 503]).toContain(create.status);
      expect(s.sessions()).toHaveLength(before);
      expect(s.requests({ method: 'POST' })[0]).toMatchObject({ chaos: 'server' });
      s.settings({ chaos5xxPercent: 0 });
      const again = await call(s, 'GET', conversations, { token });
      expect(again.status).toBe(200);
      expect(s.requests().at(-1)?.chaos).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  const sandbox = useSandbox({ chaos429Percent: 100 });

  it('100 % 429: a throttle answer with Retry-After and the rate-limit code, marked chaos', async () => {
    const s = sandbox.current;
    const answer = await call(s, 'GET', conversations, { token: s.issueToken() });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toMatchObject({ code: 'too.many.requests.retry.after' });
    expect(s.requests().at(-1)).toMatchObject({ status: 429, chaos: 'throttle' });
  });

  it('100 % drop: the connection is destroyed (a network error), logged with status 0', async () => {
    const s = sandbox.current;
    s.settings({ chaos429Percent: 0, chaosDropPercent: 100 });
    await expect(fetch(`${s.url}${conversations}`)).rejects.toThrow();
    expect(s.requests().at(-1)).toMatchObject({ status: 0, chaos: 'drop' });
  });

  it('draining the request log returns each entry once', async () => {
    const s = sandbox.current;
    s.settings({ chaos429Percent: 0 });
    const token = s.issueToken();
    await call(s, 'GET', conversations, { token });
    const drain = async () =>
      (
        (await (await fetch(`${s.url}/sandbox/requests/drain`, { method: 'POST' })).json()) as {
          requests: { route: string }[];
        }
      ).requests;
    expect((await drain()).map((r) => r.route)).toEqual([conversations]);
    expect(await drain()).toEqual([]);
  });

  it('the channels route counts sockets open on the server and those on live channels', async () => {
    const s = sandbox.current;
    s.settings({ chaos429Percent: 0 });
    const r = await fetch(`${s.url}/sandbox/channels`);
    expect(await r.json()).toEqual({ channels: [], sockets: { open: 0, onLiveChannels: 0 } });
  });
});
