// The fault matrix (README → Reliability), row by row, in real Chromium against the sandbox's
// fault injection: what the agent sees in the on-page overlay, and what the product did as the
// sandbox's request log tells it — one POST per offer, a reconcile before any retry, the exact
// permission or scope named, a countdown for a 429, a resumed start after sign-in, the other
// session named on a 409, and live updates that survive a dropped or closing socket.
import { describe, expect, it } from 'vitest';
import { TABS_KEY } from '../../src/background/overlay-store';
import { clickMenuItem, pressCommand, sandboxSession, signIn } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import {
  CREATE_ROUTE,
  createStatuses,
  freshConversation,
  offersFor,
  sessionWhere,
} from '../../tools/browser/cobrowse';
import { overlayOn, type SessionPanel } from '../../tools/browser/overlay';
import { waitFor } from '../../tools/browser/wait';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const POST_PATH = '/cobrowse$';

/**
 * The origins the overlay bridge saves for a tab, as they are saved: a trigger's start on a tab
 * ends by showing its outcome there (its tab state, origin included), once the start settled.
 */
async function recordTabOrigins(session: ExtensionSession, tabId: number) {
  await session.evalInWorker(
    ({ key, tabId }) => {
      const seen: string[] = [];
      (globalThis as { tabOrigins?: string[] }).tabOrigins = seen;
      chrome.storage.onChanged.addListener((changes, area) => {
        const tabs = area === 'session' ? changes[key]?.newValue : undefined;
        const origin = (tabs as Record<string, { origin?: string }> | undefined)?.[tabId]?.origin;
        if (origin) seen.push(origin);
      });
    },
    { key: TABS_KEY, tabId },
  );
  return () =>
    session.evalInWorker(() => (globalThis as { tabOrigins?: string[] }).tabOrigins ?? []);
}

describe('fault matrix', () => {
  const { ext, sandbox, m, endAfter, openAgentTool, start } = useAgentSuite({
    reset: (s) => s.settings({ autoApprove: true, autoApproveUserId: SEED.users.agent }),
  });

  const heading = (overlay: SessionPanel, key: string) =>
    overlay.root.getByRole('heading', { name: m(key) });
  const statusIs = (overlay: SessionPanel, key: string) =>
    expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m(key));

  describe('401 during the start', () => {
    // The profile's value: whether the sandbox's token answers carry a refresh token.
    const refreshTokensIssued = () => sandbox.current.settings().issueRefreshTokens;
    const routeCount = (key: string) => sandbox.current.counts().byRoute[key] ?? 0;

    it('renews silently and the same start resumes once: one offer', async () => {
      const authorizeBefore = routeCount('GET /oauth/authorize');
      const exchangeBefore = routeCount('POST /oauth/token');
      sandbox.current.fault({
        method: 'POST',
        path: POST_PATH,
        status: 401,
        code: 'bad.credentials',
      });
      const { id, overlay } = await start();
      expect((await overlay.joinCode()).length).toBeGreaterThan(0);
      await statusIs(overlay, 'ov_status_offered');
      const posts = sandbox.current
        .requests({ method: 'POST', route: CREATE_ROUTE })
        .filter((r) => r.path.includes(id));
      expect(posts.map((r) => r.status)).toEqual([401, 200]);
      // The resumed POST carried a renewed token, obtained without a window.
      expect(posts[0]?.token).not.toBe(posts[1]?.token);
      expect(offersFor(sandbox.current, id)).toHaveLength(1);
      // Per value: one token answer either way; with a refresh token it was the refresh grant
      // (no authorize), else the silent authorize's code exchange.
      expect(routeCount('POST /oauth/token')).toBe(exchangeBefore + 1);
      expect(routeCount('GET /oauth/authorize')).toBe(
        authorizeBefore + (refreshTokensIssued() ? 0 : 1),
      );
    });

    it('needs the agent: explained with Sign in, and the start resumes after signing in', async () => {
      const session = ext.current;
      const s = sandbox.current;
      s.settings({ autoApprove: false });
      s.endLoginSessions();
      // Nothing silent may work: with refresh tokens, the one the extension holds is refused
      // too (without them there is none to refuse).
      expect(s.revokeRefreshTokens()).toBe(refreshTokensIssued() ? 1 : 0);
      const tokenAnswers = () =>
        s.requests({ method: 'POST', route: '/oauth/token' }).map((r) => r.status);
      const answersBefore = tokenAnswers().length;
      s.fault({ method: 'POST', path: POST_PATH, status: 401, code: 'bad.credentials' });
      const { id, overlay } = await start();
      await heading(overlay, 'err_needs_signin_title').waitFor({ timeout: 20_000 });
      expect(offersFor(s, id)).toHaveLength(0);
      // Per value: the refused refresh grant (400), then the silent authorize that found no
      // login; without refresh tokens only the latter (no token call at all).
      expect(tokenAnswers().slice(answersBefore)).toEqual(refreshTokensIssued() ? [400] : []);

      const loginWindow = session.context.waitForEvent('page', {
        predicate: (p) => p.url().startsWith(`${s.url}/oauth/authorize`),
      });
      await overlay.button(m('popup_sign_in')).click();
      const login = await loginWindow;
      await login.getByRole('radio', { name: 'Dana Whitfield' }).check();
      await login.getByRole('button', { name: 'Allow' }).click();

      expect((await overlay.joinCode()).length).toBeGreaterThan(0);
      await statusIs(overlay, 'ov_status_offered');
      expect(createStatuses(s, id)).toEqual([401, 200]);
      expect(offersFor(s, id)).toHaveLength(1);
    });
  });

  describe('403', () => {
    async function signInAs(userId: string, clientId: string = SEED.clients.pkce) {
      const session = ext.current;
      await session.request('auth.signOut', {});
      await session.request('settings.save', { clientId });
      sandbox.current.settings({ autoApprove: true, autoApproveUserId: userId });
      await signIn(session, sandbox.current);
    }

    it('missing.any.permissions known from the preflight cache: both permissions named, no POST', async () => {
      await signInAs(SEED.users.noCobrowse);
      try {
        const { id, overlay } = await start({ userId: SEED.users.noCobrowse });
        await heading(overlay, 'err_missing_permissions_title').waitFor();
        const text = (await overlay.root.textContent()) ?? '';
        expect(text).toContain('conversation:cobrowse:add');
        expect(createStatuses(sandbox.current, id)).toEqual([]);
      } finally {
        await signInAs(SEED.users.agent);
      }
    });

    it('app.not.authorized.for.scope known from the preflight cache: the scope named, no POST', async () => {
      await signInAs(SEED.users.agent, SEED.clients.noConversations);
      try {
        const { id, overlay } = await start();
        await heading(overlay, 'err_missing_scope_title').waitFor();
        expect((await overlay.root.textContent()) ?? '').toContain('conversations');
        expect(createStatuses(sandbox.current, id)).toEqual([]);
      } finally {
        await signInAs(SEED.users.agent);
      }
    });

    it('a 403 from the POST the cache did not know: explained for the media, rights re-read', async () => {
      const s = sandbox.current;
      const tokenInfoReads = () => s.requests({ method: 'GET', route: '/api/v2/tokens/me' }).length;
      s.fault({
        method: 'POST',
        path: POST_PATH,
        status: 403,
        code: 'missing.any.permissions',
        message:
          'You must have at least one of the following permissions assigned: conversation:cobrowse:add',
      });
      const before = tokenInfoReads();
      const { id, overlay } = await start();
      await heading(overlay, 'err_missing_permissions_title').waitFor({ timeout: 20_000 });
      expect((await overlay.root.textContent()) ?? '').toContain('conversation:cobrowse:add');
      // The context id support asks for is on screen.
      const post = s
        .requests({ method: 'POST', route: CREATE_ROUTE })
        .find((r) => r.path.includes(id));
      expect((await overlay.root.textContent()) ?? '').toContain(post?.correlationId ?? '?');
      await waitFor(() => tokenInfoReads() > before, { message: 'the rights re-read' });
      expect(createStatuses(s, id)).toEqual([403]);
    });
  });

  describe('429', () => {
    it('honours Retry-After with a visible countdown, then the offer goes out', async () => {
      sandbox.current.fault({ method: 'POST', path: POST_PATH, status: 429, retryAfter: 3 });
      const { id, overlay } = await start();
      const timer = overlay.root.getByRole('timer', { name: m('ov_retry_wait_label') });
      await timer.waitFor();
      expect(await timer.textContent()).toMatch(/\d/);
      expect((await overlay.joinCode()).length).toBeGreaterThan(0);
      expect(createStatuses(sandbox.current, id)).toEqual([429, 200]);
    });

    it('bounded: after three waits the fourth 429 is explained, nothing more is sent', async () => {
      sandbox.current.fault({
        method: 'POST',
        path: POST_PATH,
        status: 429,
        retryAfter: 1,
        times: 0,
      });
      const { id, overlay } = await start();
      await heading(overlay, 'err_too_many_requests_title').waitFor({ timeout: 20_000 });
      await statusIs(overlay, 'ov_status_failed');
      expect(createStatuses(sandbox.current, id)).toEqual([429, 429, 429, 429]);
    });
  });

  describe('ambiguous failures: reconcile first, then retry, never a double offer', () => {
    /** A REST read of the conversation came after POST number `n` and before the next one. */
    const reconciledBetween = (id: string, n = 0) => {
      const log = sandbox.current.requests();
      const posts = log.flatMap((r, i) =>
        r.method === 'POST' && r.route === CREATE_ROUTE && r.path.includes(id) ? [i] : [],
      );
      const reads = log.flatMap((r, i) =>
        r.method === 'GET' &&
        r.route === '/api/v2/conversations/messages/{conversationId}' &&
        r.path.includes(id)
          ? [i]
          : [],
      );
      const first = posts[n] as number;
      const second = posts[n + 1] as number;
      return reads.some((i) => i > first && i < second);
    };

    it.each([
      [500, 'err_server_error_title'],
      [503, 'err_unavailable_title'],
      [504, 'err_timeout_title'],
    ])(
      '%i: explained, reconciled, then Retry sends exactly one more POST',
      async (status, title) => {
        sandbox.current.fault({ method: 'POST', path: POST_PATH, status });
        const { id, overlay } = await start();
        await heading(overlay, title).waitFor({ timeout: 20_000 });
        const retry = overlay.button(m('ov_retry'));
        await expect.poll(() => retry.getAttribute('aria-disabled')).toBeNull();
        await retry.click();
        expect((await overlay.joinCode()).length).toBeGreaterThan(0);
        expect(createStatuses(sandbox.current, id)).toEqual([status, 200]);
        expect(reconciledBetween(id)).toBe(true);
        expect(offersFor(sandbox.current, id)).toHaveLength(1);
      },
    );

    it('network loss (every attempt dropped): explained, reconciled, one more POST on Retry', async () => {
      const s = sandbox.current;
      // Until cleared: Chrome itself resends a request whose reused connection closed unanswered.
      s.fault({ method: 'POST', path: POST_PATH, dropSocket: true, times: 0 });
      const { id, overlay } = await start();
      await heading(overlay, 'err_network_title').waitFor({ timeout: 20_000 });
      const retry = overlay.button(m('ov_retry'));
      await expect.poll(() => retry.getAttribute('aria-disabled')).toBeNull();
      expect(offersFor(s, id)).toHaveLength(0);
      s.clearFaults();
      const dropped = createStatuses(s, id);
      expect(dropped.length).toBeGreaterThan(0);
      expect(new Set(dropped)).toEqual(new Set([0]));
      await retry.click();
      expect((await overlay.joinCode()).length).toBeGreaterThan(0);
      expect(createStatuses(s, id)).toEqual([...dropped, 200]);
      expect(reconciledBetween(id, dropped.length - 1)).toBe(true);
      expect(offersFor(s, id)).toHaveLength(1);
    });

    it('timeout, and the POST did reach Genesys: Retry reconciles, finds the offer, sends nothing', async () => {
      const s = sandbox.current;
      const session = ext.current;
      // The client gives up after 4 s in the test build; the sandbox holds the answer for 7 s.
      s.fault({ method: 'POST', path: POST_PATH, delayMs: 7_000 });
      const { id, overlay } = await start();
      await heading(overlay, 'err_timeout_title').waitFor({ timeout: 20_000 });
      await sessionWhere(session, id, (x) => x.state === 'failed' && !x.reconciling, 'reconciled');
      // Genesys processed that POST after all (the sandbox drops a request its client left, so
      // the test completes it there, with the agent's own token).
      const token = s.requests({ method: 'GET' }).findLast((r) => r.token)?.token as string;
      const late = await fetch(`${s.url}/api/v2/conversations/${id}/cobrowse`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(late.status).toBe(200);
      const postsBefore = s.requests({ method: 'POST', route: CREATE_ROUTE }).length;
      await overlay.button(m('ov_retry')).click();
      await statusIs(overlay, 'ov_status_offered');
      expect(s.requests({ method: 'POST', route: CREATE_ROUTE })).toHaveLength(postsBefore);
      const offers = offersFor(s, id);
      expect(offers).toHaveLength(1);
      // Known limit: without the create answer the extension has no guest route to end this
      // offer at Genesys (End is local), so the test ends it there.
      const offer = offers[0] as { id: string; deploymentId: string };
      await fetch(
        `${s.url}/api/v2/webdeployments/deployments/${offer.deploymentId}/cobrowse/${offer.id}`,
        { method: 'DELETE' },
      );
    });

    it('malformed JSON in the answer: explained, no crash, reconciled like any ambiguous failure', async () => {
      sandbox.current.fault({ method: 'POST', path: POST_PATH, malformedBody: true, status: 200 });
      const { id, overlay } = await start();
      await heading(overlay, 'err_malformed_response_title').waitFor({ timeout: 20_000 });
      await sessionWhere(
        ext.current,
        id,
        (x) => x.state === 'failed' && !x.reconciling,
        'reconciled',
      );
      // The sandbox never made the offer (the fault answered first): Retry sends it once.
      await overlay.button(m('ov_retry')).click();
      expect((await overlay.joinCode()).length).toBeGreaterThan(0);
      expect(createStatuses(sandbox.current, id)).toEqual([200, 200]);
    });

    it('malformed JSON from the conversation list: the trigger explains it', async () => {
      const id = endAfter(freshConversation(sandbox.current));
      sandbox.current.fault({
        method: 'GET',
        path: '^/api/v2/conversations$',
        malformedBody: true,
      });
      // The page shows all of the agent's conversations: which one is meant needs the list read
      // (a conversation alone on its page is known by push and starts with no list read).
      const page = await openAgentTool();
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await heading(overlay, 'err_malformed_response_title').waitFor({ timeout: 20_000 });
      expect(createStatuses(sandbox.current, id)).toEqual([]);
    });

    it('a 503 from the conversation list: the panel says nothing was sent, not "may have been"', async () => {
      const id = endAfter(freshConversation(sandbox.current));
      sandbox.current.fault({ method: 'GET', path: '^/api/v2/conversations$', status: 503 });
      const page = await openAgentTool();
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await heading(overlay, 'err_unavailable_title').waitFor({ timeout: 20_000 });
      const text = (await overlay.root.textContent()) ?? '';
      expect(text).toContain(m('err_read_explanation'));
      expect(text).not.toContain(m('err_unavailable_explanation'));
      expect(createStatuses(sandbox.current, id)).toEqual([]);
    });
  });

  // One cobrowse per agent. Whether Genesys answers a second session with 409 is unverified
  // (conflictOnPendingSession): the extension knows its own sessions and refuses before any POST,
  // so under both values the agent sees the same choice and no POST goes out until they choose.
  it('409: the other session is named; Keep it keeps it, End it and start here swaps them', async () => {
    const s = sandbox.current;
    const first = await start({ customerName: 'Amira Haddad' });
    const code = await first.overlay.joinCode();
    const second = await start({ customerName: 'Second Customer' });
    await heading(second.overlay, 'err_request_conflict_title').waitFor({ timeout: 20_000 });
    const text = (await second.overlay.root.textContent()) ?? '';
    expect(text).toContain('Amira Haddad');
    expect(text).toContain(code);

    await second.overlay.button(m('ov_keep_other')).click();
    await second.overlay.root.waitFor({ state: 'hidden' });
    expect(offersFor(s, first.id).at(-1)?.state).toBe('offered');

    // The agent changes their mind: the shortcut again, and this time the other one goes.
    await pressCommand(ext.current, second.page);
    await heading(second.overlay, 'err_request_conflict_title').waitFor({ timeout: 20_000 });
    await second.overlay.button(m('ov_end_other')).click();
    expect((await second.overlay.joinCode()).length).toBeGreaterThan(0);
    await sandboxSession(s, first.id, ['ended']);
    await statusIs(first.overlay, 'ov_status_ended');
    // Both refusals were the extension's own (true: no 409 asked for; false: no second session
    // made behind the agent's back); the one POST is the agent's choice.
    expect(createStatuses(s, second.id)).toEqual([200]);
  });

  it("another device's session, which the extension cannot know: Genesys's answer decides", async () => {
    const s = sandbox.current;
    // The agent's desktop started a cobrowse on another of their conversations.
    const elsewhere = endAfter(freshConversation(s, { customerName: 'Desk Customer' }));
    const answer = await fetch(`${s.url}/api/v2/conversations/${elsewhere}/cobrowse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.issueToken()}` },
    });
    expect(answer.status).toBe(200);
    // Ended on the guest route, which names the web deployment whatever the create answer's
    // selfUri shows (deploymentIdPlace).
    const { id: deskSession } = (await answer.json()) as { id: string };
    try {
      const here = await start({ customerName: 'Second Customer' });
      if (s.settings().conflictOnPendingSession) {
        // Genesys's 409, explained in its own words: no session of ours to name or end.
        await heading(here.overlay, 'err_request_conflict_title').waitFor({ timeout: 20_000 });
        expect(await here.overlay.root.textContent()).not.toContain('Desk Customer');
        await here.overlay.button(m('ov_retry')).waitFor();
        expect(createStatuses(s, here.id)).toEqual([409]);
      } else {
        // Genesys makes the second session: this one is offered like any other.
        expect((await here.overlay.joinCode()).length).toBeGreaterThan(0);
        await statusIs(here.overlay, 'ov_status_offered');
        expect(createStatuses(s, here.id)).toEqual([200]);
      }
    } finally {
      const guest = `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${deskSession}`;
      expect((await fetch(`${s.url}${guest}`, { method: 'DELETE' })).status).toBe(204);
    }
  });

  it('any number of triggers at once for one conversation: exactly one POST', async () => {
    const session = ext.current;
    const id = endAfter(freshConversation(sandbox.current));
    const page = await openAgentTool(id);
    const tabId = await session.evalInWorker(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1,
      page.url(),
    );
    // The command and the menu are dispatched, not awaited: their starts settle later. Each ends
    // by saving what the tab shows (with its origin), after its start settled; record those.
    const handled = await recordTabOrigins(session, tabId);
    await Promise.all([
      // Each request's reply comes after its start settled.
      ...Array.from({ length: 5 }, () =>
        session.request('cobrowse.start', { conversationId: id, origin: 'popup', tabId }),
      ),
      pressCommand(session, page),
      clickMenuItem(session, page),
      session.request('cobrowse.start', { conversationId: id.toUpperCase(), origin: 'popup' }),
    ]);
    await waitFor(
      async () => {
        const origins = await handled();
        return origins.includes('command') && origins.includes('menu');
      },
      { timeout: 20_000, message: 'the command and the menu to show their start on the tab' },
    );
    const overlay = await overlayOn(page, session);
    expect((await overlay.joinCode()).length).toBeGreaterThan(0);
    await sandboxSession(sandbox.current, id, ['offered']);
    expect(createStatuses(sandbox.current, id)).toEqual([200]);
    expect(offersFor(sandbox.current, id)).toHaveLength(1);
  });

  describe('notifications socket', () => {
    it.each([
      ['dropped', () => sandbox.current.dropSockets()],
      ['socket_closing', () => sandbox.current.socketClosing({ closeAfterMs: 200 })],
    ] as const)(
      '%s: reconnects, reconciles, and the accept still arrives',
      async (_name, fault) => {
        const s = sandbox.current;
        const { id, overlay } = await start();
        await overlay.joinCode();
        await waitFor(() => s.state().channels.some((c) => c.openSockets > 0), {
          message: 'an open notifications socket',
        });
        const readsBefore = s.requests({
          method: 'GET',
          route: '/api/v2/conversations/messages/{conversationId}',
        }).length;
        fault();
        s.customer(id, 'accept');
        await statusIs(overlay, 'ov_status_active');
        // A socket is open again, and the gap was covered by a REST read of the conversation.
        await waitFor(() => s.state().channels.some((c) => c.openSockets > 0), {
          message: 'the socket back',
          timeout: 20_000,
        });
        await waitFor(
          () =>
            s.requests({ method: 'GET', route: '/api/v2/conversations/messages/{conversationId}' })
              .length > readsBefore,
          { message: 'a REST reconcile after the gap', timeout: 20_000 },
        );
        expect(createStatuses(s, id)).toEqual([200]);
      },
    );
  });

  it('logged no errors, except the refusals these faults cause', () => {
    ext.current.expectNoErrors([/\b(401|403|409|429|500|503|504)\b/, /Failed to fetch|ERR_/]);
  });
});
