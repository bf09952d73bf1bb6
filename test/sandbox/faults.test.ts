import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, FrameSocket, useSandbox } from './testkit';

const cobrowse = `/api/v2/conversations/${SEED.conversations.agent.messagingOnline}/cobrowse`;

describe('injected faults', () => {
  const sandbox = useSandbox();

  it('status + code + retryAfter answer an ErrorBody once, then the route works again', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    s.fault({
      method: 'POST',
      path: '/cobrowse$',
      status: 503,
      code: 'service.unavailable',
      retryAfter: 7,
    });
    const failed = await call(s, 'POST', cobrowse, { token });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(failed.body).toMatchObject({
      code: 'service.unavailable',
      status: 503,
      contextId: failed.headers.get('inin-correlation-id'),
    });
    expect((await call(s, 'POST', cobrowse, { token })).status).toBe(200);
    expect(s.faults()).toEqual([]);
    expect(s.requests({ method: 'POST' }).map((r) => [r.status, r.fault !== undefined])).toEqual([
      [503, true],
      [200, false],
    ]);
  });

  it('a 429 fault carries Retry-After and the default retry code', async () => {
    const s = sandbox.current;
    s.fault({ path: '^/api/v2/conversations$', status: 429, retryAfter: 3 });
    const answer = await call(s, 'GET', '/api/v2/conversations', { token: s.issueToken() });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.body.code).toBe('too.many.requests.retry.after');
  });

  it('only matches its method, and "times" counts matching requests (0 = until cleared)', async () => {
    const s = sandbox.current;
    const token = s.issueToken();
    s.fault({ method: 'GET', path: '/tokens/me', status: 500, times: 2 });
    expect((await call(s, 'DELETE', '/api/v2/tokens/me', { token: s.issueToken() })).status).toBe(
      204,
    );
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token })).status).toBe(500);
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token })).status).toBe(500);
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token })).status).toBe(200);
    s.fault({ path: '/users/me', status: 502, times: 0 });
    for (let i = 0; i < 3; i++)
      expect((await call(s, 'GET', '/api/v2/users/me', { token })).status).toBe(502);
    s.clearFaults();
    expect((await call(s, 'GET', '/api/v2/users/me', { token })).status).toBe(200);
  });

  it('delayMs alone delays, then the request proceeds normally', async () => {
    const s = sandbox.current;
    s.fault({ path: '/users/me', delayMs: 50 });
    const answer = await call(s, 'GET', '/api/v2/users/me', { token: s.issueToken() });
    expect(answer.status).toBe(200);
    expect(s.requests({ route: '/api/v2/users/me' })[0]?.fault).toBeDefined();
  });

  it('dropSocket ends the connection without an answer', async () => {
    const s = sandbox.current;
    s.fault({ path: '/cobrowse$', dropSocket: true });
    await expect(call(s, 'POST', cobrowse, { token: s.issueToken() })).rejects.toThrow(
      /fetch failed/,
    );
    expect(s.requests({ method: 'POST' })[0]?.status).toBe(0);
  });

  it('malformedBody answers truncated JSON', async () => {
    const s = sandbox.current;
    s.fault({ path: '^/api/v2/conversations$', malformedBody: true });
    const res = await fetch(`${s.url}/api/v2/conversations`, {
      headers: { Authorization: `Bearer ${s.issueToken()}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('faults apply to the OAuth token endpoint and the notification socket too', async () => {
    const s = sandbox.current;
    s.fault({ path: '^/oauth/token$', status: 503 });
    const token = await fetch(`${s.url}/oauth/token`, { method: 'POST' });
    expect(token.status).toBe(503);
    const channel = await call<{ connectUri: string }>(
      s,
      'POST',
      '/api/v2/notifications/channels',
      {
        token: s.issueToken(),
      },
    );
    s.fault({ path: '^/channels/', dropSocket: true });
    await expect(FrameSocket.open(channel.body.connectUri)).rejects.toThrow();
    s.fault({ path: '^/channels/', status: 503 });
    await expect(FrameSocket.open(channel.body.connectUri)).rejects.toThrow(/503/);
    const socket = await FrameSocket.open(channel.body.connectUri);
    socket.close();
  });

  it('rejects a fault without a path over the JSON control surface', async () => {
    const answer = await call(sandbox.current, 'POST', '/sandbox/faults', {
      json: { status: 500 },
    });
    expect(answer.status).toBe(400);
    expect(String(answer.body.message)).toMatch(/path/);
  });

  it('checks the hostile-server faults over the JSON control surface, and applies a valid one', async () => {
    const s = sandbox.current;
    for (const json of [
      { path: 'x', redirectTo: 'not a url' },
      { path: 'x', redirectTo: 'http://127.0.0.1:1/', status: 500 },
      { path: 'x', hugeBodyBytes: -1 },
      { path: 'x', connectUriOrigin: 'http://127.0.0.1:9' },
    ]) {
      expect(
        (await call(s, 'POST', '/sandbox/faults', { json })).status,
        JSON.stringify(json),
      ).toBe(400);
    }
    const ok = await call(s, 'POST', '/sandbox/faults', {
      json: { path: '^/api/v2/users/me$', redirectTo: 'http://127.0.0.1:1/', status: 308 },
    });
    expect(ok.status).toBeLessThan(300);
    const moved = await call(s, 'GET', '/api/v2/users/me');
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('http://127.0.0.1:1/api/v2/users/me');
  });

  it('latencyMs applies to API calls (the answer still arrives intact)', async () => {
    const s = sandbox.current;
    await call(s, 'POST', '/sandbox/settings', { json: { latencyMs: 20 } });
    expect(s.settings().latencyMs).toBe(20);
    expect((await call(s, 'GET', '/api/v2/tokens/me', { token: s.issueToken() })).status).toBe(200);
  });
});
