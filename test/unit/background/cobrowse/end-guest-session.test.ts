// End's guest-route DELETE: a 404 is "already over", other failures reject, and a Genesys that
// never answers is given up on (End must not hang).
import { describe, expect, it } from 'vitest';
import { endGuestSession } from '../../../../src/background/cobrowse/end';

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
