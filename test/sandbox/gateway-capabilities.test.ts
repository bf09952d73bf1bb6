// The gateway route's accepted capabilities (setting `gatewayCapabilities`) and the request body
// in the request log: what the e2e gateway test uses to provoke a 400 for a capability the
// extension offers, and to check the exact body the extension sent.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, useSandbox } from './testkit';

const route = `/api/v2/conversations/webchat/${SEED.conversations.agent.messagingOnline}/cobrowse`;
const body = { type: 'cobrowse', initiatorType: 'agent', capabilities: ['screen', 'keyboard'] };

describe('sandbox setting gatewayCapabilities', () => {
  const sandbox = useSandbox();

  it('defaults to screen, mouse and keyboard: all three accepted', async () => {
    const s = sandbox.current;
    expect(s.settings().gatewayCapabilities).toEqual(['screen', 'mouse', 'keyboard']);
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const ok = await call(s, 'POST', route, {
      token,
      json: { ...body, capabilities: ['screen', 'mouse', 'keyboard'] },
    });
    expect(ok.status).toBe(200);
  });

  it('a capability outside the setting is a 400 naming its index; reset restores the default', async () => {
    const s = sandbox.current;
    s.settings({ gatewayCapabilities: ['screen', 'mouse'] });
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    const bad = await call(s, 'POST', route, { token, json: body });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'invalid.value',
      details: [{ errorCode: 'invalid.value', fieldName: 'capabilities[1]' }],
    });
    expect(s.sessions()).toEqual([]);
    s.reset();
    expect(s.settings().gatewayCapabilities).toEqual(['screen', 'mouse', 'keyboard']);
  });

  it('refuses a value that is not an array of strings', async () => {
    const s = sandbox.current;
    expect(() => s.settings({ gatewayCapabilities: 'screen' } as never)).toThrow(
      /array of strings/,
    );
    const answer = await call(s, 'POST', '/sandbox/settings', {
      json: { gatewayCapabilities: [1] },
    });
    expect(answer.status).toBe(400);
  });
});

describe('the request log keeps API request bodies', () => {
  const sandbox = useSandbox();

  it('the body exactly as sent, none for a request without one', async () => {
    const s = sandbox.current;
    const token = s.issueToken(SEED.users.agent, SEED.clients.gateway);
    await call(s, 'POST', route, { token, json: body });
    await call(s, 'GET', '/api/v2/users/me', { token });
    const [post, get] = s.requests();
    expect(post?.body).toBe(JSON.stringify(body));
    expect(get?.body).toBeUndefined();
  });
});
