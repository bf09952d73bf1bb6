// End's guest-route DELETE: a 404 is "already over", other failures reject, and a Genesys that
// never answers is given up on (End must not hang).
import { describe, expect, it } from 'vitest';
import {
  END_RETRY_DELAYS_MS,
  endAtGenesys,
  endGuestSession,
} from '../../../../src/background/cobrowse/end';

const URL_ = 'https://api.mypurecloud.ie/api/v2/cobrowse/sessions/s1?joinCode=1';

/** A fetch that never answers, only rejecting when its request is aborted. */
const silentFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

describe('endGuestSession', () => {
  it('sends a DELETE without a token and accepts 204 and 404', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const reply =
      (status: number): typeof fetch =>
      async (input, init) => {
        seen.push({ url: String(input), ...(init ? { init } : {}) });
        return new Response(null, { status });
      };
    await expect(endGuestSession(reply(204), URL_)).resolves.toBeUndefined();
    await expect(endGuestSession(reply(404), URL_)).resolves.toBeUndefined();
    expect(seen[0]?.url).toBe(URL_);
    expect(seen[0]?.init?.method).toBe('DELETE');
    expect(seen[0]?.init?.headers).toBeUndefined();
  });

  it('rejects on a server error', async () => {
    const fail: typeof fetch = async () => new Response(null, { status: 503 });
    await expect(endGuestSession(fail, URL_)).rejects.toThrow(/HTTP 503/);
  });

  it('gives up on a Genesys that never answers', async () => {
    await expect(endGuestSession(silentFetch, URL_, 1)).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});

describe('endAtGenesys', () => {
  const answers = (...statuses: (number | 'drop')[]) => {
    const calls: string[] = [];
    const doFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      const next = statuses.shift() ?? 204;
      if (next === 'drop') throw new TypeError('Failed to fetch');
      return new Response(null, { status: next });
    };
    return { calls, end: (path: string) => endGuestSession(doFetch, `https://x.test${path}`) };
  };
  const pauses: number[] = [];
  const pause = async (ms: number) => {
    pauses.push(ms);
  };

  it('tries a DELETE that met a 5xx, 429 or lost connection again, and is told then', async () => {
    pauses.length = 0;
    const { calls, end } = answers(503, 'drop', 204);
    await expect(endAtGenesys(end, '/p', () => {}, pause)).resolves.toBe(true);
    expect(calls).toHaveLength(3);
    expect(pauses).toEqual([...END_RETRY_DELAYS_MS]);
    const throttled = answers(429, 404);
    await expect(endAtGenesys(throttled.end, '/p', () => {}, pause)).resolves.toBe(true);
    expect(throttled.calls).toHaveLength(2);
  });

  it('gives up after three transient failures, and at once on a refusal', async () => {
    const { calls, end } = answers(502, 502, 502, 204);
    await expect(endAtGenesys(end, '/p', () => {}, pause)).resolves.toBe(false);
    expect(calls).toHaveLength(3);
    const refused = answers(403, 204);
    await expect(endAtGenesys(refused.end, '/p', () => {}, pause)).resolves.toBe(false);
    expect(refused.calls).toHaveLength(1);
  });

  it('without a route nothing is sent', async () => {
    const { calls, end } = answers();
    await expect(endAtGenesys(end, undefined, () => {}, pause)).resolves.toBe(false);
    expect(calls).toEqual([]);
  });
});
