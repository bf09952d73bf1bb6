// The hostile-server and hostile-setting attacks the background was hardened against, replayed
// end to end in real Chromium against the sandbox: a token answer that fails the shape check
// (its live token must not reach the error text or Copy details), a backtracking detection rule
// (refused where it is entered, never run on a long page), an environment change (the old token
// is revoked at the old base first), a channel pointing the socket at another port (never
// connected; REST keeps the session moving), a 307 to another origin (refused, nothing read
// there) and a 12 MB error message (refused as too large, never shown). Each test also proves the
// attack path was real: the fault was served, the token was live, the other server counts.
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pointExtensionAt, pressCommand, sandboxSession, signIn } from '../../tools/browser/agent';
import {
  type CountingServer,
  startCountingServer,
  usersMeStatus,
} from '../../tools/browser/attacks';
import { CREATE_ROUTE, freshConversation } from '../../tools/browser/cobrowse';
import { overlayOn } from '../../tools/browser/overlay';
import { waitFor } from '../../tools/browser/wait';
import { startSandbox } from '../../tools/sandbox/index';
import { useFixturePages } from './harness/fixture-pages';
import { type Sandbox, SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const TOKEN_ROUTE = '/oauth/token';
const REVOKE_ROUTE = '/api/v2/tokens/me';
const CHANNELS_ROUTE = '/api/v2/notifications/channels';
const SOCKET_ROUTE = '/channels/{channelId}';
const LIST_ROUTE = '/api/v2/conversations';
/** Seconds; as a string it has 11 digits, which the token answer's shape check refuses. */
const CENTURIES = 10_000_000_000;
const DAY = 86_400;
const TWELVE_MB = 12 * 1024 * 1024;
const HOSTILE_RULE = '.*.*.*(x)';
const LINEAR_RULE = 'case-([0-9a-f-]{36})';

/** All the text in a part of a page, shown or not (a leak check reads hidden text too). */
const textOf = async (locator: Locator) => (await locator.textContent()) ?? '';

/** Every access token the sandbox has issued so far (its token store). */
const issuedTokens = (s: Sandbox) => s.state().tokens.map((t) => t.token);

/** Fails naming the token when `text` contains any token the sandbox issued. */
function expectNoIssuedToken(text: string, s: Sandbox, where: string) {
  const tokens = issuedTokens(s);
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) {
    expect(text.includes(token), `${where} contains the issued token ${token}`).toBe(false);
  }
}

/**
 * The error view named by its heading `title`: an alert, or (where the view's own live region
 * already announces the title, as in the panel) a region.
 */
const errorView = (scope: Page | Frame | Locator, title: string) =>
  scope
    .getByRole('alert', { name: title, exact: true })
    .or(scope.getByRole('region', { name: title, exact: true }));

describe('hardening attacks, end to end', () => {
  const { ext, sandbox, m, keep, endAfter, open } = useAgentSuite({
    reset: (s) =>
      s.settings({
        autoApprove: true,
        autoApproveUserId: SEED.users.agent,
        tokenLifetimeSeconds: DAY,
      }),
  });
  const fixtures = useFixturePages();

  beforeAll(async () => {
    // "Copy details" writes the clipboard; the tests read it back in the extension's pages.
    await ext.current.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  /** Signed in again after a test that signed out or lost its token. */
  async function ensureSignedIn() {
    const status = await ext.current.request('auth.status', {});
    if (!status.signedIn) await signIn(ext.current, sandbox.current);
  }

  /** The access token the extension holds now (read in the worker, a trusted context). */
  async function heldToken(): Promise<string | undefined> {
    const stored = (await ext.current.sessionStorage())['auth.token'] as
      | { accessToken?: string }
      | undefined;
    return stored?.accessToken;
  }

  /** What the clipboard holds, read in an extension page. */
  async function clipboardText(page: Page): Promise<string> {
    await page.bringToFront();
    return page.evaluate(() => navigator.clipboard.readText());
  }

  /** A fresh conversation on its case page, started with the shortcut; the panel on it. */
  async function startOnCasePage(input: Parameters<typeof freshConversation>[1] = {}) {
    const id = endAfter(freshConversation(sandbox.current, input));
    const page = await open(`${sandbox.current.url}/sandbox/agent-tool/${id}`);
    await pressCommand(ext.current, page);
    const overlay = await overlayOn(page, ext.current);
    await overlay.root.waitFor({ timeout: 20_000 });
    return { id, page, overlay };
  }

  describe('a token answer that fails the shape check never shows its token', () => {
    afterEach(async () => {
      sandbox.current.settings({ tokenLifetimeSeconds: DAY });
      await ensureSignedIn();
    });

    it('interactive sign-in from the popup: the error names expires_in, shows and copies no token; that token was live', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await session.request('auth.signOut', {});
      const before = new Set(issuedTokens(s));
      s.settings({ tokenLifetimeSeconds: CENTURIES });
      const fault = s.fault({ method: 'POST', path: '^/oauth/token$', expiresInAsString: true });

      const popup = keep(await session.openPopup());
      await popup.getByRole('button', { name: m('popup_sign_in'), exact: true }).click();
      const view = errorView(popup, m('err_malformed_response_title'));
      await view.waitFor({ timeout: 20_000 });

      // The attack path: the token endpoint answered 200 through the fault with a new token.
      const exchange = s.requests({ method: 'POST', route: TOKEN_ROUTE }).at(-1);
      expect(exchange).toMatchObject({ status: 200, fault: fault?.id });
      const fresh = issuedTokens(s).filter((t) => !before.has(t));
      expect(fresh).toHaveLength(1);
      const token = fresh[0] as string;

      const shown = await textOf(view);
      expect(shown).toContain('expires_in');
      expectNoIssuedToken(shown, s, 'the error view');
      expectNoIssuedToken(await textOf(popup.locator('body')), s, 'the popup');

      await view.getByRole('button', { name: m('ui_copy_details_name') }).click();
      await view.getByRole('button', { name: m('ui_copied'), exact: true }).waitFor();
      const copied = await clipboardText(popup);
      expect(copied).toContain(m('err_malformed_response_title'));
      expect(copied).toContain('expires_in');
      expectNoIssuedToken(copied, s, 'Copy details');

      // Not kept either: the extension stays signed out.
      expect(JSON.stringify(await session.sessionStorage())).not.toContain(token);
      expect(await session.request('auth.status', {})).toMatchObject({ signedIn: false });
      // Positive control: the token in that refused answer was real and live.
      expect(await usersMeStatus(s.url, token)).toBe(200);
    });

    it('silent renewal during a start: the panel error names expires_in, shows and copies no token; that token was live', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await ensureSignedIn();
      const dead = (await heldToken()) as string;
      // The held token dies at Genesys; the start's 401 sends the extension to renew silently.
      expect(s.expireTokens()).toBeGreaterThan(0);
      const before = new Set(issuedTokens(s));
      s.settings({ tokenLifetimeSeconds: CENTURIES });
      const fault = s.fault({ method: 'POST', path: '^/oauth/token$', expiresInAsString: true });

      const { id, page, overlay } = await startOnCasePage({ customerName: 'Renata Renewal' });
      const view = errorView(overlay.root, m('err_needs_signin_title'));
      await view.waitFor({ timeout: 20_000 });

      const exchange = s.requests({ method: 'POST', route: TOKEN_ROUTE }).at(-1);
      expect(exchange).toMatchObject({ status: 200, fault: fault?.id });
      const fresh = issuedTokens(s).filter((t) => !before.has(t));
      expect(fresh).toHaveLength(1);
      const token = fresh[0] as string;
      // The renewal really ran: the start was refused with the dead token first.
      expect(s.requests({ token: dead }).at(-1)?.status).toBe(401);
      expect(
        s
          .requests({ method: 'POST', route: CREATE_ROUTE })
          .filter((r) => r.path.includes(id))
          .every((r) => r.status === 401),
      ).toBe(true);

      const shown = await textOf(view);
      expect(shown).toContain('expires_in');
      expectNoIssuedToken(shown, s, 'the panel error');
      expectNoIssuedToken(await textOf(overlay.root), s, 'the panel');

      // The text the panel's Copy details puts on the clipboard (written from the panel frame,
      // read back in an extension page of the same browser).
      await view.getByRole('button', { name: m('ui_copy_details_name') }).click();
      await view.getByRole('button', { name: m('ui_copied'), exact: true }).waitFor();
      const reader = keep(await session.openPopup());
      const copied = await clipboardText(reader);
      expect(copied).toContain(m('err_needs_signin_title'));
      expect(copied).toContain('expires_in');
      expectNoIssuedToken(copied, s, 'Copy details');
      await page.bringToFront();

      expect(JSON.stringify(await session.sessionStorage())).not.toContain(token);
      // Positive control: the refused answer's token was live.
      expect(await usersMeStatus(s.url, token)).toBe(200);
    });

    it('positive control: expires_in "86400" (a string of seconds) is accepted and signs in with that token', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await session.request('auth.signOut', {});
      const before = new Set(issuedTokens(s));
      const fault = s.fault({ method: 'POST', path: '^/oauth/token$', expiresInAsString: true });

      const popup = keep(await session.openPopup());
      await popup.getByRole('button', { name: m('popup_sign_in'), exact: true }).click();
      await popup.getByText('Dana Whitfield', { exact: true }).waitFor({ timeout: 20_000 });

      expect(s.requests({ method: 'POST', route: TOKEN_ROUTE }).at(-1)).toMatchObject({
        status: 200,
        fault: fault?.id,
      });
      const fresh = issuedTokens(s).filter((t) => !before.has(t));
      expect(fresh).toHaveLength(1);
      expect(await heldToken()).toBe(fresh[0]);
      const status = await session.request('auth.status', {});
      expect(status).toMatchObject({ signedIn: true, user: { id: SEED.users.agent } });
      // Read as seconds: about a day from now, not "86400" ms or NaN.
      expect((status.expiresAt ?? 0) - Date.now()).toBeGreaterThan((DAY - 600) * 1000);
    });
  });

  describe('a backtracking detection rule', () => {
    const hostile = { kind: 'regex' as const, value: HOSTILE_RULE };
    const linear = { kind: 'regex' as const, value: LINEAR_RULE };

    afterEach(async () => {
      await ext.current.request('settings.save', { detectionRules: [] });
    });

    /**
     * A case page with one 600-character text node and a 631-character URL, neither containing
     * an "x" (so the hostile rule's last atom never matches and every split is tried). The
     * conversation id is glued to "v2", which the built-in detection does not read as an id;
     * only the rule finds it.
     */
    function longCasePage(conversationId: string, name: string): string {
      const head = 'Case notes: the customer called about a billing question. ';
      const id = `case-${conversationId}v2`;
      const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
      let text = `${head}${id} `;
      while (text.length < 600) text += filler;
      text = text.slice(0, 600);
      expect(text).not.toMatch(/x/i);
      expect(text).toHaveLength(600);
      const base = fixtures.page(name, `<!doctype html><title>Case</title><p>${text}</p>`);
      const url = `${base}?q=${'a'.repeat(631 - base.length - 3)}`;
      expect(url).toHaveLength(631);
      expect(url).not.toMatch(/x/i);
      return url;
    }

    it('the options page refuses it with the explanation; the linear rule is accepted', async () => {
      const session = ext.current;
      const options = keep(await session.openOptions());
      await options.getByRole('button', { name: m('options_rule_add') }).click();
      const pattern = options.getByRole('textbox', {
        name: m('options_rule_value').replace('$N$', '1'),
      });
      await pattern.fill(HOSTILE_RULE);
      await options.getByRole('button', { name: m('options_save'), exact: true }).click();
      await expect.poll(() => pattern.getAttribute('aria-invalid')).toBe('true');
      const why = options.locator(`#${await pattern.getAttribute('aria-describedby')}`);
      expect(await textOf(why)).toBe(m('detect_rule_regex_ambiguous'));
      expect((await session.request('settings.get', {})).settings.detectionRules).toEqual([]);

      // Positive control: a linear rule in the same field saves.
      await pattern.fill(LINEAR_RULE);
      await options.getByRole('button', { name: m('options_save'), exact: true }).click();
      await options
        .getByRole('status')
        .filter({ hasText: m('options_saved') })
        .waitFor();
      expect((await session.request('settings.get', {})).settings.detectionRules).toEqual([linear]);
    });

    it('settings.save refuses it with the explanation; the linear rule is accepted', async () => {
      const session = ext.current;
      const refused = await session.sendMessage<{
        ok: boolean;
        error?: { code: string; explanation: string };
      }>('settings.save', { detectionRules: [hostile] });
      expect(refused.ok).toBe(false);
      expect(refused.error?.code).toBe('settings.invalid');
      expect(refused.error?.explanation).toContain(HOSTILE_RULE);
      expect(refused.error?.explanation).toContain(m('detect_rule_regex_ambiguous'));
      expect((await session.request('settings.get', {})).settings.detectionRules).toEqual([]);

      const saved = await session.request('settings.save', { detectionRules: [linear] });
      expect(saved.settings.detectionRules).toEqual([linear]);
    });

    it('stored anyway (synced from an older version): named as a problem and never run; a long page does not freeze the trigger or the worker', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await ensureSignedIn();
      const id = endAfter(freshConversation(s, { customerName: 'Lena Longpage' }));
      // Written straight to storage.sync, past every save-time check.
      await session.evalInWorker(
        (rules) => chrome.storage.sync.set({ detectionRules: rules }),
        [hostile],
      );
      const view = await session.request('settings.get', {});
      expect(view.settings.detectionRules).toEqual([]);
      const problem = view.problems.find((p) => p.key === 'detectionRules');
      expect(problem?.message).toContain(m('detect_rule_regex_ambiguous'));
      const options = keep(await session.openOptions());
      await expect
        .poll(() =>
          textOf(options.getByRole('status').filter({ hasText: m('options_problems_intro') })),
        )
        .toContain(m('detect_rule_regex_ambiguous'));

      const page = await open(longCasePage(id, 'long-case-hostile.html'));
      await pressCommand(session, page);
      // The trigger completed: the panel shows its outcome (the id is not found without a
      // usable rule, so the agent is asked to pick) and no offer went out.
      const overlay = await overlayOn(page, session);
      await overlay.root
        .getByRole('heading', { name: m('ov_picker_title') })
        .waitFor({ timeout: 20_000 });
      // The worker answers.
      expect(await session.request('auth.status', {})).toMatchObject({ signedIn: true });
      expect(
        s.requests({ method: 'POST', route: CREATE_ROUTE }).filter((r) => r.path.includes(id)),
      ).toEqual([]);
    });

    it('positive control: the linear rule finds the id on the same long page and the start goes out', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await ensureSignedIn();
      const id = endAfter(freshConversation(s, { customerName: 'Luis Linear' }));
      await session.request('settings.save', { detectionRules: [linear] });
      const page = await open(longCasePage(id, 'long-case-linear.html'));
      await pressCommand(session, page);
      const issued = await sandboxSession(s, id);
      const overlay = await overlayOn(page, session);
      await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
      expect(await session.request('auth.status', {})).toMatchObject({ signedIn: true });
    });
  });

  describe('changing the environment revokes the old token first', () => {
    let other: Sandbox | undefined;
    afterEach(async () => {
      await pointExtensionAt(ext.current, sandbox.current.url);
      await ensureSignedIn();
      await other?.close();
      other = undefined;
    });

    it('settings.save to another base URL: DELETE /api/v2/tokens/me with the old token, then it answers 401', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await ensureSignedIn();
      const token = (await heldToken()) as string;
      expect(token).toBeTruthy();
      // Positive control: the token works before the change.
      expect(await usersMeStatus(s.url, token)).toBe(200);

      other = await startSandbox({ port: 0 });
      await pointExtensionAt(session, other.url);

      // Nothing else is asked of the extension: the settings change alone revokes it.
      const revokes = await waitFor(
        () => {
          const r = s.requests({ method: 'DELETE', route: REVOKE_ROUTE, token });
          return r.length > 0 ? r : undefined;
        },
        { timeout: 20_000, message: 'DELETE /api/v2/tokens/me with the old token' },
      );
      expect(revokes).toMatchObject([{ status: 204 }]);
      expect(await usersMeStatus(s.url, token)).toBe(401);
      // Revoked where it was issued, never shown to the new environment; dropped locally.
      expect(other.requests({ token })).toEqual([]);
      await expect.poll(() => heldToken()).toBeUndefined();
      expect(await session.request('auth.status', {})).toMatchObject({ signedIn: false });
    });
  });

  describe('a connectUri on another port', () => {
    let counter: CountingServer;
    beforeAll(async () => {
      counter = await startCountingServer();
    });
    afterAll(async () => {
      await counter.close();
    });

    it('positive control: the counting server sees an upgrade when something connects', async () => {
      const socket = new WebSocket(`${counter.wsOrigin}/channels/probe`);
      await new Promise<void>((resolve) => {
        socket.on('error', () => resolve());
        socket.on('unexpected-response', () => resolve());
      });
      socket.terminate();
      expect(counter.upgrades).toEqual(['/channels/probe']);
      counter.reset();
    });

    it('no upgrade reaches the other port; the customer accept still arrives over REST', async () => {
      const s = sandbox.current;
      await ensureSignedIn();
      counter.reset();
      // No channel left: the start's stream must ask for a new one, which the fault rewrites.
      s.removeChannels();
      const fault = s.fault({
        method: 'POST',
        path: '/notifications/channels$',
        connectUriOrigin: counter.wsOrigin,
        times: 0,
      });
      const { id, overlay } = await startOnCasePage({ customerName: 'Pia Port' });
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      // The attack path: a channel was created through the fault (its connectUri rewritten).
      const created = await waitFor(
        () =>
          s
            .requests({ method: 'POST', route: CHANNELS_ROUTE })
            .find((r) => r.fault === fault?.id && r.status === 200),
        { timeout: 20_000, message: 'a channel created through the connectUriOrigin fault' },
      );
      expect(created).toBeTruthy();
      const faultedAt = s.requests().indexOf(created);

      s.customer(id, 'accept');
      await expect.poll(() => overlay.status(), { timeout: 30_000 }).toBe(m('ov_status_active'));
      expect(counter.upgrades).toEqual([]);
      expect(counter.hits).toEqual([]);
      // Nor did a socket open on the sandbox for the rewritten channel.
      expect(
        s
          .requests()
          .slice(faultedAt)
          .filter((r) => r.route === SOCKET_ROUTE && r.status === 101),
      ).toEqual([]);
    });
  });

  describe('an API answer redirected to another origin', () => {
    /** The refusal, named as such (fetch with redirect: 'manual' sees the opaque redirect). */
    const refusedRedirectView = (scope: Page | Locator) =>
      errorView(scope, m('err_redirect_title'));

    const DECOY_CUSTOMER = 'Mallory Decoy';
    const DECOY_CONVERSATION = '5e1f0c2a-9b7d-4e3f-8a6b-0c1d2e3f4a5b';
    let decoy: CountingServer;
    beforeAll(async () => {
      // Plausible Genesys answers: a conversation list and a cobrowse session.
      decoy = await startCountingServer((req) =>
        req.url?.endsWith('/cobrowse')
          ? { id: '3a2b1c0d-4e5f-4a6b-9c8d-7e6f5a4b3c2d', joinCode: '999999' }
          : {
              entities: [
                {
                  id: DECOY_CONVERSATION,
                  participants: [
                    { purpose: 'customer', name: DECOY_CUSTOMER },
                    { purpose: 'agent', userId: SEED.users.agent, state: 'connected' },
                  ],
                },
              ],
            },
      );
    });
    afterAll(async () => {
      await decoy.close();
    });

    it('positive control: the sandbox serves the 307 with the Location, and the decoy answers there', async () => {
      const s = sandbox.current;
      s.fault({ path: '^/api/v2/conversations$', redirectTo: `${decoy.url}/`, times: 0 });
      const raw = await fetch(`${s.url}${LIST_ROUTE}?pageSize=25`, { redirect: 'manual' });
      expect(raw.status).toBe(307);
      expect(raw.headers.get('location')).toBe(`${decoy.url}${LIST_ROUTE}?pageSize=25`);
      const followed = await fetch(`${s.url}${LIST_ROUTE}`);
      expect(new URL(followed.url).origin).toBe(decoy.url);
      expect(await followed.text()).toContain(DECOY_CUSTOMER);
      expect(decoy.hits).toEqual([`GET ${LIST_ROUTE}`]);
      decoy.reset();
    });

    it('the start: the POST redirected is refused with an explanation; nothing read from the decoy', async () => {
      const s = sandbox.current;
      await ensureSignedIn();
      decoy.reset();
      const fault = s.fault({
        method: 'POST',
        path: '/cobrowse$',
        redirectTo: `${decoy.url}/`,
        times: 0,
      });
      const { id, overlay } = await startOnCasePage({ customerName: 'Rita Redirect' });
      const view = refusedRedirectView(overlay.root);
      await view.waitFor({ timeout: 20_000 });
      expect(await textOf(view)).toMatch(/redirect/i);
      // The attack path: the sandbox answered the create with the redirect.
      const posts = s
        .requests({ method: 'POST', route: CREATE_ROUTE })
        .filter((r) => r.path.includes(id));
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.every((r) => r.status === 307 && r.fault === fault?.id)).toBe(true);
      expect(decoy.hits).toEqual([]);
      expect(await textOf(overlay.root)).not.toContain('999999');
    });

    it('the list: the popup explains the refused redirect and never shows the decoy conversation', async () => {
      const session = ext.current;
      const s = sandbox.current;
      await ensureSignedIn();
      decoy.reset();
      const fault = s.fault({
        path: '^/api/v2/conversations$',
        redirectTo: `${decoy.url}/`,
        times: 0,
      });
      const popup = keep(await session.openPopup());
      // The popup may open on a session an earlier test left failed: go to the list.
      const back = popup.getByRole('button', { name: m('popup_back_to_conversations') });
      const conversations = popup.getByRole('region', { name: m('popup_conversations_heading') });
      await back.or(conversations).first().waitFor({ timeout: 20_000 });
      if (await back.isVisible()) await back.click();
      const view = refusedRedirectView(conversations);
      await view.waitFor({ timeout: 20_000 });
      expect(await conversations.getByRole('radiogroup').count()).toBe(0);
      expect(await textOf(view)).toMatch(/redirect/i);
      expect(
        s.requests({ method: 'GET', route: LIST_ROUTE }).some((r) => r.fault === fault?.id),
      ).toBe(true);
      expect(decoy.hits).toEqual([]);
      expect(await textOf(popup.locator('body'))).not.toContain(DECOY_CUSTOMER);
    });
  });

  describe('a 12 MB error message', () => {
    it.each([false, true])(
      'chunked %s: the panel says the answer is too large and shows none of it; the sandbox really sent 12 MB',
      async (chunked) => {
        const s = sandbox.current;
        await ensureSignedIn();
        // Positive control: the fault's answer really is that big.
        s.fault({ method: 'POST', path: '/cobrowse$', hugeBodyBytes: TWELVE_MB, chunked });
        const raw = await fetch(
          `${s.url}/api/v2/conversations/${SEED.conversations.agent.messagingOnline}/cobrowse`,
          {
            method: 'POST',
          },
        );
        expect(raw.status).toBe(400);
        expect(raw.headers.get('content-length')).toEqual(chunked ? null : expect.any(String));
        const bytes = (await raw.arrayBuffer()).byteLength;
        expect(bytes).toBeGreaterThan(TWELVE_MB - 64);

        const fault = s.fault({
          method: 'POST',
          path: '/cobrowse$',
          hugeBodyBytes: TWELVE_MB,
          chunked,
          times: 0,
        });
        const { id, overlay } = await startOnCasePage({ customerName: 'Hugo Huge' });
        const view = errorView(overlay.root, m('err_answer_too_large_title'));
        await view.waitFor({ timeout: 30_000 });
        const posts = s
          .requests({ method: 'POST', route: CREATE_ROUTE })
          .filter((r) => r.path.includes(id));
        expect(posts.length).toBeGreaterThan(0);
        expect(posts.every((r) => r.fault === fault?.id)).toBe(true);
        const text = await textOf(overlay.root);
        expect(text.length).toBeLessThan(4_000);
        expect(text).not.toContain('x'.repeat(50));
      },
    );
  });

  it('logged no errors (every refusal above is shown to the agent, not logged)', () => {
    // But one Chrome logs itself: the channel test removes every channel (as Genesys may evict
    // one), and a socket the worker opens at that moment on a channel its HEAD had just found
    // is refused with a 404 that Chrome reports as a console error; the worker then makes a new
    // channel. Any other socket failure still fails this test.
    ext.current.expectNoErrors([
      /^\[worker\] WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/channels\/streaming-0-[\w-]+' failed: Error during WebSocket handshake: Unexpected response code: 404 /,
    ]);
  });
});
