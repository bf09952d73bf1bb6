// The custom gateway profile (a company's own service in front of Genesys) in real Chromium
// against the sandbox's gateway route: chosen through the real options page, the start from the
// shortcut goes to POST {gateway}/api/v2/conversations/webchat/{id}/cobrowse with the gateway's
// body and the agent's bearer token, never to the Platform API; its answer shows in the panel.
// The gateway's refusals are explained there: the 403 naming cobrowse:session:create (a sign-in
// whose OAuth client lacks that scope) and the 400 listing the fields the gateway rejected (a
// gateway that allows fewer capabilities than the agent chose: sandbox `gatewayCapabilities`).
import { afterAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../src/shared/settings';
import { sandboxSession, signIn } from '../../tools/browser/agent';
import { waitFor } from '../../tools/browser/wait';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const GATEWAY_ROUTE = '/api/v2/conversations/webchat/{conversationId}/cobrowse';
const PLATFORM_ROUTE = '/api/v2/conversations/{conversationId}/cobrowse';
const GATEWAY_SCOPE = 'cobrowse:session:create';
/** What the agent ticks in Options (Mouse left out, so the body shows the choice was read). */
const CHOSEN: Capability[] = ['screen', 'keyboard'];

describe('custom gateway profile', () => {
  // Environment = the sandbox with the PKCE client; the gateway profile is set in the options
  // page, so the file starts signed out. After each test the gateway accepts every capability.
  const { ext, sandbox, m, keep, start } = useAgentSuite({
    signedIn: false,
    reset: (s) => s.settings({ gatewayCapabilities: ['screen', 'mouse', 'keyboard'] }),
  });
  /** A message with its one placeholder filled, as chrome.i18n shows it. */
  const filled = (key: string, value: string) => m(key).replace(/\$[A-Z_]+\$/g, value);

  const gatewayPosts = () => sandbox.current.requests({ method: 'POST', route: GATEWAY_ROUTE });
  const platformPosts = () => sandbox.current.requests({ method: 'POST', route: PLATFORM_ROUTE });

  /** Signed in afresh with this OAuth client, the gateway profile on (as the first test saves it). */
  async function signInWith(clientId: string) {
    const session = ext.current;
    await session.request('auth.signOut', {});
    await session.request('settings.save', {
      clientId,
      profile: 'gateway',
      gateway: { baseUrl: sandbox.current.url, capabilities: CHOSEN },
    });
    await signIn(session, sandbox.current);
  }

  afterAll(() => {
    // The gateway's refusals are shown to the agent, not logged as errors: nothing is expected.
    ext.current.expectNoErrors();
  });

  it('is chosen in the options page; the shortcut start goes to the gateway with the chosen capabilities', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const options = keep(await session.openOptions());
    await options.getByRole('radio', { name: m('options_profile_gateway') }).check();
    await options.getByRole('textbox', { name: m('options_gateway_url') }).fill(s.url);
    const capabilities = options.getByRole('group', { name: m('options_capabilities') });
    const box = (key: string) => capabilities.getByRole('checkbox', { name: m(key) });
    await box('options_cap_screen').check();
    await box('options_cap_mouse').uncheck();
    await box('options_cap_keyboard').check();
    await options.getByRole('textbox', { name: m('options_client_id') }).fill(SEED.clients.gateway);
    await options.getByRole('button', { name: m('options_save') }).click();
    await options
      .getByRole('status')
      .filter({ hasText: m('options_saved') })
      .waitFor();
    const view = await session.request('settings.get', {});
    expect(view.settings).toMatchObject({
      profile: 'gateway',
      gateway: { baseUrl: s.url, capabilities: CHOSEN },
      clientId: SEED.clients.gateway,
    });

    await signIn(session, s);
    const { id, page, overlay } = await start();

    const issued = await sandboxSession(s, id);
    expect(issued.via).toBe('gateway');
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    expect(await overlay.sessionId()).toBe(issued.id);
    expect(issued.joinCode).toMatch(/^\d{6}$/);
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));

    const posts = gatewayPosts();
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.path).toBe(`/api/v2/conversations/webchat/${id}/cobrowse`);
    expect(post?.status).toBe(200);
    expect(JSON.parse(post?.body ?? 'null')).toEqual({
      type: 'cobrowse',
      initiatorType: 'agent',
      capabilities: CHOSEN,
    });
    // The same sign-in: the bearer token the sandbox issued to the gateway client for the agent.
    expect(post?.token).toBeTruthy();
    expect(post).toMatchObject({ clientId: SEED.clients.gateway, userId: SEED.users.agent });
    expect(platformPosts()).toEqual([]);
    expect(page.url()).toBe(`${s.url}/sandbox/agent-tool/${id}`);
  });

  it('a token without cobrowse:session:create: the 403 is explained, naming the scope and the fix', async () => {
    await signInWith(SEED.clients.pkce);
    try {
      const before = gatewayPosts().length;
      const { id, overlay } = await start();
      await overlay.root
        .getByRole('heading', { name: filled('err_gateway_missing_scope_title', GATEWAY_SCOPE) })
        .waitFor({ timeout: 20_000 });
      const text = (await overlay.root.textContent()) ?? '';
      expect(text).toContain(filled('err_gateway_missing_scope_explanation', GATEWAY_SCOPE));
      expect(text).toContain(filled('err_gateway_missing_scope_fix', GATEWAY_SCOPE));
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_failed'));

      // The gateway itself refused: one POST, answered 403, with the context id on screen.
      const posts = gatewayPosts().slice(before);
      expect(posts.map((r) => [r.path.includes(id), r.status, r.clientId])).toEqual([
        [true, 403, SEED.clients.pkce],
      ]);
      expect(text).toContain(posts[0]?.correlationId ?? '?');
      expect(platformPosts()).toEqual([]);
      expect(sandbox.current.sessions().filter((x) => x.conversationId === id)).toEqual([]);
    } finally {
      await ext.current.request('auth.signOut', {});
    }
  });

  it('a capability the gateway rejects: the 400 is explained, listing the fields it named', async () => {
    const s = sandbox.current;
    await signInWith(SEED.clients.gateway);
    // This company's gateway allows no keyboard control; the agent chose Screen and Keyboard.
    s.settings({ gatewayCapabilities: ['screen', 'mouse'] });
    const before = gatewayPosts().length;
    const { id, overlay } = await start();
    await overlay.root
      .getByRole('heading', { name: m('err_gateway_bad_request_title') })
      .waitFor({ timeout: 20_000 });
    const text = (await overlay.root.textContent()) ?? '';
    // capabilities[1] is "keyboard" in the body the extension sent.
    expect(text).toContain(
      filled('err_gateway_bad_request_explanation', 'capabilities[1] (invalid.value)'),
    );
    expect(text).toContain(m('err_gateway_bad_request_fix'));

    const posts = await waitFor(() => {
      const list = gatewayPosts().slice(before);
      return list.length ? list : undefined;
    });
    expect(posts.map((r) => [r.path.includes(id), r.status])).toEqual([[true, 400]]);
    expect(JSON.parse(posts[0]?.body ?? 'null')).toEqual({
      type: 'cobrowse',
      initiatorType: 'agent',
      capabilities: CHOSEN,
    });
    expect(text).toContain(posts[0]?.correlationId ?? '?');
    expect(platformPosts()).toEqual([]);
    expect(s.sessions().filter((x) => x.conversationId === id)).toEqual([]);
  });
});
