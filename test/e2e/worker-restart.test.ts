// Chrome stops the service worker (DevTools ServiceWorker.stopWorker, as when it is idle) in the
// middle of a cobrowse: during an offer, during an active session, during a 429 wait and while
// the POST is in flight. What the agent sees comes back consistent — state, join code, countdown,
// overlay — and what happened at Genesys while the worker was gone (the customer accepting, the
// conversation ending) is not missed. Never a second POST. A panel left on a closed session follows the
// next start on its page.
import { describe, expect, it } from 'vitest';
import { clickMenuItem, pressCommand, sandboxSession } from '../../tools/browser/agent';
import {
  createStatuses,
  freshConversation,
  offersFor,
  sessionWhere,
  startWithCommand,
  storedSession,
} from '../../tools/browser/cobrowse';
import type { SessionPanel } from '../../tools/browser/overlay';
import { useAgentSuite } from './harness/suite';

describe('service worker restart', () => {
  const { ext, sandbox, m, keep, endAfter, start } = useAgentSuite();

  const statusIs = (overlay: SessionPanel, key: string) =>
    expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m(key));
  const countdown = (overlay: SessionPanel) =>
    overlay.root.getByRole('timer', { name: m('ov_time_left') });

  it('during an offer: code, countdown and state come back; an accept while stopped arrives', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const { id, overlay } = await start();
    const code = await overlay.joinCode();
    await statusIs(overlay, 'ov_status_offered');
    const before = await storedSession(session, id);

    await session.restartWorker();
    // Same offer, same expiry, the countdown still running on the page.
    expect((await storedSession(session, id))?.offerEndsAt).toBe(before?.offerEndsAt);
    expect(await overlay.joinCode()).toBe(code);
    await countdown(overlay).waitFor();
    await statusIs(overlay, 'ov_status_offered');

    // Stopped again, and the customer accepts while nothing of the extension runs. The page's
    // overlay reconnects on its own, which wakes the worker; the REST reconcile finds the accept.
    await session.stopWorker();
    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');
    await overlay.button(m('ov_open_viewer')).waitFor();
    expect(createStatuses(s, id)).toEqual([200]);
    expect(offersFor(s, id)).toHaveLength(1);
  });

  it('an accept while stopped arrives even when the first read after the restart meets a 429', async () => {
    // Found by the soak: the read after the socket opened is the only one that learns of an
    // accept made while the worker was stopped; one 429 on it left the panel on "offered".
    const session = ext.current;
    const s = sandbox.current;
    const { id, overlay } = await start();
    await overlay.joinCode();
    await statusIs(overlay, 'ov_status_offered');
    await session.stopWorker();
    const read = `^/api/v2/conversations/messages/${id}$`;
    s.fault({ method: 'GET', path: read, status: 429, code: 'too.many.requests' });
    const mark = s.requests().length;
    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');
    // The failure path was taken: the first read after the restart met the 429.
    const reads = s
      .requests()
      .slice(mark)
      .filter((r) => r.route === '/api/v2/conversations/messages/{conversationId}');
    expect(reads.map((r) => r.status)).toContain(429);
    expect(createStatuses(s, id)).toEqual([200]);
  });

  it('during an active session: the conversation ending while stopped ends it', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const { id, overlay } = await start();
    await overlay.joinCode();
    s.customer(id, 'accept');
    await statusIs(overlay, 'ov_status_active');

    await session.stopWorker();
    s.customer(id, 'end');
    await statusIs(overlay, 'ov_status_ended');
    expect((await storedSession(session, id))?.state).toBe('ended');
    expect(createStatuses(s, id)).toEqual([200]);
  });

  it('during a 429 wait: the countdown is re-armed and the POST goes out once after it', async () => {
    const session = ext.current;
    const s = sandbox.current;
    s.fault({ method: 'POST', path: '/cobrowse$', status: 429, retryAfter: 4 });
    const { id, overlay } = await start();
    const timer = overlay.root.getByRole('timer', { name: m('ov_retry_wait_label') });
    await timer.waitFor();
    const waiting = await sessionWhere(session, id, (x) => x.retryAt !== undefined, 'a 429 wait');
    await session.restartWorker();
    expect((await storedSession(session, id))?.retryAt).toBe(waiting.retryAt);
    expect((await overlay.joinCode()).length).toBeGreaterThan(0);
    await sandboxSession(s, id, ['offered']);
    expect(createStatuses(s, id)).toEqual([429, 200]);
  });

  it('while the POST is in flight: reconciled after the restart, explained, never resent', async () => {
    const session = ext.current;
    const s = sandbox.current;
    // The answer is held long enough for the worker to be stopped under it.
    s.fault({ method: 'POST', path: '/cobrowse$', delayMs: 3_000 });
    const id = endAfter(freshConversation(s));
    // The panel shows the start first (the stop must not fall between the start and its panel),
    // then the worker is stopped while the POST is still held.
    const { page, overlay } = await startWithCommand(session, s, id);
    keep(page);
    await sessionWhere(session, id, (x) => x.state === 'creating', 'the POST in flight', 10_000);
    await session.restartWorker();
    const failed = await sessionWhere(
      session,
      id,
      (x) => x.state === 'failed' && !x.reconciling,
      'the interrupted POST reconciled',
    );
    expect(failed.error?.code).toBe('timeout');
    await overlay.root.getByRole('heading', { name: m('err_timeout_title') }).waitFor();
    // No offer was made and nothing was resent on its own; Retry sends it once.
    expect(offersFor(s, id)).toHaveLength(0);
    // The held POST is recorded by the sandbox once its delay is over (its client gone): one
    // POST, never a second one on its own.
    await expect.poll(() => createStatuses(s, id).length, { timeout: 10_000 }).toBe(1);
    await overlay.button(m('ov_retry')).click();
    expect((await overlay.joinCode()).length).toBeGreaterThan(0);
    expect(createStatuses(s, id)).toHaveLength(2);
    expect(offersFor(s, id)).toHaveLength(1);
  });

  it('a panel left on a closed session follows the next start on its page after a worker stop', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const { id, page, overlay } = await start();
    const first = await overlay.joinCode();
    s.customer(id, 'decline');
    await statusIs(overlay, 'ov_status_declined');

    // Chrome stops the idle worker: the panel's port closes while it shows a closed session.
    await session.restartWorker();
    await pressCommand(session, page);
    const second = await sandboxSession(s, id, ['offered']);
    expect(second.joinCode).not.toBe(first);
    await statusIs(overlay, 'ov_status_offered');
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(second.joinCode);
    expect(createStatuses(s, id)).toEqual([200, 200]);
  });

  it('the same from the right-click item while another tab has the focus', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const { id, page, overlay } = await start();
    await overlay.joinCode();
    s.customer(id, 'decline');
    await statusIs(overlay, 'ov_status_declined');

    await session.restartWorker();
    // The agent is on another tab; the page behind keeps its panel (no focus to take there).
    keep(await session.openOptions());
    await clickMenuItem(session, page, { selectionText: `Conversation ID: ${id}` });
    const second = await sandboxSession(s, id, ['offered']);
    await statusIs(overlay, 'ov_status_offered');
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(second.joinCode);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors([/\b429\b/, /Failed to fetch|ERR_|aborted/i]);
  });
});
