// The cold start an agent really hits: Chrome stopped the idle worker (DevTools
// ServiceWorker.stopWorker, as when idle), and the next trigger starts it again. What the start
// needs — rights, the agent's conversation list, the notification channel — was kept in
// storage.session, so the start sends no tokens/me, users/me or conversation read before the POST
// and makes no new channel. A conversation that began after the worker started is known by push
// on the user's conversation topic. Another account drops it all. Requests are counted in the
// sandbox's log.
import { describe, expect, it } from 'vitest';
import { pressCommand, sandboxSession } from '../../tools/browser/agent';
import type { ExtensionSession } from '../../tools/browser/browser';
import { casePage, freshConversation } from '../../tools/browser/cobrowse';
import { type Sandbox, SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const POST = 'POST /api/v2/conversations/{conversationId}/cobrowse';
const READS = [
  'GET /api/v2/tokens/me',
  'GET /api/v2/users/me',
  'GET /api/v2/conversations',
  'GET /api/v2/conversations/{conversationId}',
];
const NEW_CHANNEL = 'POST /api/v2/notifications/channels';

/** The routes the sandbox answered from entry `from` on, in order ("METHOD template"). */
const routesSince = (s: Sandbox, from: number) =>
  s
    .requests()
    .slice(from)
    .map((e) => `${e.method} ${e.route}`);

/** What the extension asked before its first create request since `from`. */
function beforeThePost(s: Sandbox, from: number) {
  const routes = routesSince(s, from);
  const post = routes.indexOf(POST);
  expect(post).toBeGreaterThanOrEqual(0);
  return routes.slice(0, post);
}

const countsOf = (routes: string[]) =>
  Object.fromEntries([...new Set(routes)].map((r) => [r, routes.filter((x) => x === r).length]));

/** The part of storage.session the worker keeps for the next start (trusted context read). */
async function kept(session: ExtensionSession) {
  const all = await session.sessionStorage();
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('warm.'))) as Record<
    string,
    {
      userId: string;
      id?: string;
      entries?: { summary: { id: string; customerOnline?: boolean } }[];
    }
  >;
}

/** Until the kept list holds this conversation, its customer known online (the push arrived). */
async function knownOnline(session: ExtensionSession, id: string) {
  await expect
    .poll(
      async () =>
        (await kept(session))['warm.conversations']?.entries?.some(
          (e) => e.summary.id === id && e.summary.customerOnline === true,
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** Until the agent's held channel has its socket open. */
const socketUp = (s: Sandbox, userId: string = SEED.users.agent) =>
  s.waitFor(() => s.state().channels.some((c) => c.userId === userId && c.openSockets > 0), 20_000);

describe('cold start', () => {
  const { ext, sandbox, keep, endAfter } = useAgentSuite();

  /** Presses the shortcut on the conversation's page; resolves once the sandbox offered it. */
  async function startOn(id: string) {
    const page = keep(await casePage(ext.current, sandbox.current, endAfter(id)));
    await pressCommand(ext.current, page);
    await sandboxSession(sandbox.current, id);
  }

  it('after a worker stop: no tokens/me, users/me or conversation read before the POST, no new channel', async () => {
    const session = ext.current;
    const s = sandbox.current;
    // A warm-up start (cold for real: the first after sign-in reads the rights and the list),
    // ended: the sandbox, like Genesys, holds one pending session per agent.
    const first = freshConversation(s);
    await startOn(first);
    await session.request('cobrowse.end', { conversationId: first });
    await s.waitFor(() => s.sessions().every((x) => x.state !== 'offered'));
    await socketUp(s);
    const next = freshConversation(s, { customerName: 'Robin Cold' });
    await knownOnline(session, next);
    const channels = s.requests({ method: 'POST', route: '/api/v2/notifications/channels' });

    // Counted from the stop: the worker's own start-up requests are in front of the POST too.
    const mark = s.requests().length;
    await session.restartWorker();
    await startOn(next);
    const before = beforeThePost(s, mark);
    console.info('[cold-start] before the POST after a worker stop:', countsOf(before));
    for (const read of READS) expect(before).not.toContain(read);
    await socketUp(s);
    expect(routesSince(s, mark)).not.toContain(NEW_CHANNEL);
    expect(s.requests({ method: 'POST', route: '/api/v2/notifications/channels' })).toEqual(
      channels,
    );
    // One channel for the agent, the one made before the stop.
    expect(s.state().channels.filter((c) => c.userId === SEED.users.agent)).toHaveLength(1);
  });

  it('a conversation that began after the worker started: pushed, started with no list read before the POST', async () => {
    const session = ext.current;
    const s = sandbox.current;
    await session.restartWorker();
    await socketUp(s);
    const id = freshConversation(s, { customerName: 'Kim Justnow' });
    await knownOnline(session, id);

    const mark = s.requests().length;
    await startOn(id);
    const before = beforeThePost(s, mark);
    console.info('[cold-start] before the POST for a conversation just begun:', countsOf(before));
    for (const read of READS) expect(before).not.toContain(read);
  });

  it('a sign-in whose profile read failed once keeps its channel across a worker stop', async () => {
    // Found by the soak: a token stored without its user made every worker start drop the kept
    // channel as another user's, and create a new one (7 alive for one agent within a minute).
    const session = ext.current;
    const s = sandbox.current;
    const mark = s.requests().length;
    s.fault({ method: 'GET', path: '/api/v2/users/me$', status: 503 });
    const status = await session.request('auth.signIn', {});
    expect(status.signedIn).toBe(true);
    // The failure path was really taken: the sign-in's first profile read met the 503.
    expect(
      s
        .requests()
        .slice(mark)
        .map((e) => `${e.method} ${e.route} ${e.status}`),
    ).toContain('GET /api/v2/users/me 503');
    await socketUp(s);
    await expect
      .poll(async () => (await kept(session))['warm.channel']?.userId)
      .toBe(SEED.users.agent);
    const channels = s.requests({ method: 'POST', route: '/api/v2/notifications/channels' });

    await session.restartWorker();
    await startOn(freshConversation(s));
    await socketUp(s);
    expect(s.requests({ method: 'POST', route: '/api/v2/notifications/channels' })).toEqual(
      channels,
    );
  });

  it('switching account drops what was kept for the previous one', async () => {
    const session = ext.current;
    const s = sandbox.current;
    await startOn(freshConversation(s));
    const mine = await kept(session);
    expect(Object.keys(mine).sort()).toEqual(['warm.channel', 'warm.conversations', 'warm.rights']);
    expect(Object.values(mine).every((v) => v.userId === SEED.users.agent)).toBe(true);

    const other = SEED.users.messagingOnly;
    s.settings({ autoApprove: true, autoApproveUserId: other });
    try {
      const status = await session.request('auth.signIn', {});
      expect(status.signedIn).toBe(true);
      // Nothing of the previous agent is left; what is kept now is the new user's.
      await expect
        .poll(async () => Object.values(await kept(session)).map((v) => v.userId), {
          timeout: 20_000,
        })
        .not.toContain(SEED.users.agent);
      await socketUp(s, other);
      const now = await kept(session);
      expect(Object.values(now).every((v) => v.userId === other)).toBe(true);
      // And a worker stop after the switch restores nothing of the previous agent.
      await session.restartWorker();
      const restored = await kept(session);
      expect(Object.values(restored).some((v) => v.userId === SEED.users.agent)).toBe(false);
    } finally {
      s.settings({ autoApproveUserId: SEED.users.agent });
      await session.request('auth.signIn', {});
    }
  });
});
