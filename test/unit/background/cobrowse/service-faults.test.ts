// The cobrowse service under faults: never a blind retry after an ambiguous failure (Retry
// waits for the reconcile, and a retry reconciles again first), the preflight on every POST, a
// 409 that names the agent's other session and "End it and start here", and a start that
// stopped at "Sign in" resuming once after the agent signs in.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError, NEEDS_SIGN_IN } from '../../../../src/background/auth/errors';
import { tokenArrived } from '../../../../src/background/cobrowse/app';
import { transition } from '../../../../src/background/cobrowse/machine';
import { SESSION_KEY_PREFIX } from '../../../../src/background/cobrowse/store';
import { GenesysError } from '../../../../src/background/genesys';
import { explain } from '../../../../src/shared/errors';
import type { SessionSnapshot } from '../../../../src/shared/session';
import { SEED } from '../../../../tools/sandbox/seed';
import {
  CONV,
  fakeApi,
  holdCalls,
  makeService,
  offerInMessages,
} from '../../support/service-fakes';
import { requestedSnapshot } from '../../support/snapshot-fixtures';

const T0 = Date.parse('2026-03-02T10:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const unavailable = () =>
  new GenesysError({ status: 503, code: 'service.unavailable', message: 'down' });

describe('ambiguous failures: reconcile first, then retry', () => {
  it('keeps Retry unavailable (reconciling) until the reconcile has run', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(unavailable());
    // Every REST read waits until the test lets it answer.
    const release = holdCalls(api.getMessageConversation);
    const { service, pushed } = makeService(api);
    const id = CONV.messagingOnline;
    await service.startCobrowse(id, 'popup');
    await vi.waitFor(() => expect(api.getMessageConversation).toHaveBeenCalled());
    expect(service.get(id)).toMatchObject({ state: 'failed', reconciling: true });
    // The agent clicks Retry while the reconcile runs: nothing is sent until it answers.
    const retry = service.offerAgain(id, 'retry');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(service.get(id)).toMatchObject({ state: 'failed', reconciling: true });
    release();
    await retry;
    await service.idle();
    // Reconciled (no offer found), then the retry went out: exactly one more POST.
    expect(pushed.some((s) => s.state === 'failed' && !s.reconciling)).toBe(true);
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(id)?.state).toBe('offered');
  });

  it('a retry reconciles again first: an offer that appeared meanwhile is adopted, not doubled', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(
      new GenesysError({ code: 'timeout', message: 'no answer in 4000 ms' }),
    );
    const { service } = makeService(api);
    const id = CONV.messagingOnline;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    expect(service.get(id)).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
    expect(service.get(id)?.reconciling).toBeUndefined();
    // The late POST reached Genesys after the first reconcile: the offer exists now.
    offerInMessages(api, 'late-offer', T0 + 5);
    await service.offerAgain(id, 'retry');
    await service.idle();
    expect(service.get(id)?.state).toBe('offered');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('a reconcile whose read failed keeps Retry from posting until a read answers', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(unavailable());
    const base = api.getMessageConversation.getMockImplementation();
    api.getMessageConversation.mockRejectedValue(
      new GenesysError({ code: 'network', message: 'offline' }),
    );
    const { service } = makeService(api);
    const id = CONV.messagingOnline;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    expect(service.get(id)).toMatchObject({ state: 'failed', reconciling: true });
    // Retry reads again; that read fails too: refused, explained, nothing sent.
    await expect(service.offerAgain(id, 'retry')).rejects.toMatchObject({
      error: { code: 'network' },
    });
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(service.get(id)).toMatchObject({ state: 'failed', reconciling: true });
    // Genesys answers again: the read finds no offer, and Retry sends exactly one POST.
    api.getMessageConversation.mockImplementation(
      async (cid: string) => (await base?.(cid)) as never,
    );
    await service.offerAgain(id, 'retry');
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(id)?.state).toBe('offered');
  });

  it('re-arms an interrupted reconcile after a restart', () => {
    const s: SessionSnapshot = {
      conversationId: CONV.messagingOnline,
      media: 'message',
      profile: 'genesys',
      origin: 'popup',
      state: 'failed',
      reconciling: true,
      error: explain({ status: 503 }),
      timeline: [],
      updatedAt: T0,
    };
    expect(transition(s, { type: 'offer-again' }, T0).commands).toEqual([]);
    expect(transition(s, { type: 'reconciled' }, T0).snapshot?.reconciling).toBeUndefined();
  });
});

describe('the preflight runs before every POST', () => {
  it('Offer again after the permission was removed is explained without a POST', async () => {
    const api = fakeApi();
    const { service } = makeService(api, { deps: { keepFinalMs: 10 * 60 * 60_000 } });
    const id = CONV.voice;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    await service.end(id);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    // The role lost the voice permission; the cache learns it (a refresh after 5 minutes).
    api.getMe.mockResolvedValue({
      id: 'x',
      authorization: { permissions: ['conversation:cobrowse:add'] },
    } as never);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    await service.conversations([]); // any use of the rights refreshes a stale cache
    await service.idle();
    await service.startCobrowse(id, 'popup').catch(() => undefined);
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('a session waiting for the customer is explained at the POST when the scope went away', async () => {
    const api = fakeApi();
    const { service } = makeService(api, { settings: { whenCustomerOffline: 'send-when-back' } });
    const id = CONV.messagingOffline;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    expect(service.get(id)?.state).toBe('waiting');
    api.getTokenInfo.mockResolvedValue({
      organization: { id: 'o', name: 'o' },
      authorizedScope: ['notifications'],
    } as never);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    await service.conversations([]);
    await service.idle();
    await service.apply({
      conversationId: id,
      events: [{ type: 'presence', subType: 'Join', key: 'back:Presence:Join' }],
      agentLeft: false,
      problems: [],
    });
    await service.idle();
    expect(service.get(id)).toMatchObject({
      state: 'failed',
      error: { code: 'preflight.missing.scope' },
    });
    expect(api.createCobrowse).not.toHaveBeenCalled();
  });
});

describe('one cobrowse per agent: the other session named, whether or not Genesys answers 409', () => {
  const conflict = () =>
    new GenesysError({ status: 409, code: 'request.conflict', message: 'conflict' });

  // Genesys may refuse a second session with 409 or may not (unverified): the extension knows
  // its own sessions and refuses before the POST, so the agent sees the same under both.
  it.each([
    ['Genesys would answer 409', true],
    ['Genesys would make a second session', false],
  ])(
    '%s: refused before any POST, the other named; Retry ends it and starts here',
    async (_, answers409) => {
      const api = fakeApi();
      const { service } = makeService(api);
      await service.startCobrowse(CONV.voice, 'popup');
      await service.idle();
      if (answers409) {
        // Genesys's 409 while the voice session holds its offer.
        const real = api.createCobrowse.getMockImplementation();
        api.createCobrowse.mockImplementation(async (cid) => {
          if (service.get(CONV.voice)?.state === 'offered') throw conflict();
          return (real as NonNullable<typeof real>)(cid);
        });
      }
      const id = CONV.messagingOnline;
      await service.startCobrowse(id, 'popup');
      await service.idle();
      const failed = service.get(id);
      expect(failed).toMatchObject({
        state: 'failed',
        conflictWith: CONV.voice,
        error: {
          code: 'session.already.running',
          title: explain({ code: 'request.conflict' }).title,
        },
      });
      expect(failed?.error?.explanation).toContain('482913');
      expect(failed?.error?.status).toBeUndefined();
      expect(failed?.reconciling).toBeUndefined();
      // Told from the background's own sessions: no POST went out for it.
      expect(api.createCobrowse).toHaveBeenCalledTimes(1);
      await service.offerAgain(id, 'retry');
      await service.idle();
      expect(service.get(CONV.voice)?.state).toBe('ended');
      expect(service.get(id)?.state).toBe('offered');
      expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    },
  );

  it('a 409 with no session of ours holding an offer: the catalogue’s explanation, no conflict link', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(conflict());
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    expect(service.get(CONV.voice)).toMatchObject({
      error: { code: 'request.conflict', status: 409 },
    });
    expect(service.get(CONV.voice)?.conflictWith).toBeUndefined();
    expect(service.get(CONV.voice)?.error?.title).toBeTruthy();
  });

  it('the offer of a session that waited for its customer is checked when it goes out', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    const waiting = CONV.messagingOffline;
    await service.startCobrowse(waiting, 'popup', { whenCustomerOffline: 'send-when-back' });
    await service.idle();
    expect(service.get(waiting)?.state).toBe('waiting');
    // A waiting session holds no offer: a start elsewhere goes out.
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('offered');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});

describe('a start that needs the agent to sign in', () => {
  it('a POST refused for want of sign-in resumes once after sign-in', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN, 'login_required'));
    const { service } = makeService(api);
    const id = CONV.voice;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    expect(service.get(id)).toMatchObject({ state: 'failed', error: { code: NEEDS_SIGN_IN } });
    await service.signedIn();
    await service.signedIn(); // a second token write resumes nothing more
    await service.idle();
    expect(service.get(id)?.state).toBe('offered');
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
  });

  it('Retry signs in first, then resumes; a concurrent token arrival adds no POST', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    const holder: { service?: ReturnType<typeof makeService>['service'] } = {};
    const signIn = vi.fn(async () => {
      await holder.service?.signedIn(); // the token write the storage listener reports
    });
    const { service } = makeService(api, { deps: { signIn } });
    holder.service = service;
    const id = CONV.voice;
    await service.startCobrowse(id, 'popup');
    await service.idle();
    await service.offerAgain(id, 'retry');
    await service.idle();
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(id)?.state).toBe('offered');
  });

  it('a start refused before any session resumes after sign-in, and the tab adopts it', async () => {
    const api = fakeApi();
    api.getTokenInfo.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    const resumed: string[] = [];
    const { service } = makeService(api, { deps: { onResumed: (id) => resumed.push(id) } });
    const id = CONV.voice;
    await expect(service.startCobrowse(id, 'menu')).rejects.toMatchObject({ code: NEEDS_SIGN_IN });
    expect(service.get(id)).toBeUndefined();
    await service.signedIn();
    await service.idle();
    expect(service.get(id)).toMatchObject({ state: 'offered', origin: 'menu' });
    expect(resumed).toEqual([id]);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('a later start is its own: it takes neither the refused start’s confirmation nor, once old, its origin', async () => {
    const api = fakeApi();
    const other = api.org.createConversation({
      media: 'message',
      userId: SEED.users.messagingOnly,
      customerName: 'Someone else’s customer',
    });
    const { service } = makeService(api);
    api.getConversation.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    await expect(
      service.startCobrowse(other.id, 'menu', { confirmed: true }),
    ).rejects.toMatchObject({ code: NEEDS_SIGN_IN });
    // The popup, unconfirmed: still refused as not the agent's conversation.
    await expect(service.startCobrowse(other.id, 'popup')).rejects.toMatchObject({
      error: { code: 'not.agents.conversation' },
    });
    // A Retry long after a refused start starts as a Retry, not as that old start.
    api.getConversation.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    await expect(service.startCobrowse(CONV.voice, 'menu')).rejects.toMatchObject({
      code: NEEDS_SIGN_IN,
    });
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    await service.startCobrowse(CONV.voice, 'retry');
    await service.idle();
    expect(service.get(CONV.voice)).toMatchObject({ state: 'offered', origin: 'retry' });
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('does not resume an old failure', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    await service.signedIn();
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('failed');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(
      SESSION_KEY_PREFIX + CONV.voice,
    );
  });

  it('only a usable token counts as signed in', () => {
    expect(tokenArrived({ newValue: { accessToken: 'a', expiresAt: T0 + 1 } }, T0)).toBe(true);
    expect(tokenArrived({ newValue: { accessToken: 'a', expiresAt: 0 } }, T0)).toBe(false);
    expect(tokenArrived({}, T0)).toBe(false);
  });
});

describe('a POST cut off by a worker restart', () => {
  it('is reconciled, then explained as unanswered with Retry; never resent on its own', async () => {
    const api = fakeApi();
    const id = CONV.messagingOnline;
    const snapshot = requestedSnapshot(id, T0);
    await fakeBrowser.storage.session.set({ [SESSION_KEY_PREFIX + id]: { snapshot } });
    const { service } = makeService(api);
    await service.ready;
    await service.idle();
    expect(api.getMessageConversation).toHaveBeenCalled();
    expect(service.get(id)).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
    expect(service.get(id)?.reconciling).toBeUndefined();
    expect(api.createCobrowse).not.toHaveBeenCalled();
  });
});

describe('accountChanged', () => {
  it('forgets the list and every start waiting for a sign-in: nothing resumes for the next user', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    api.getConversation.mockRejectedValueOnce(new AuthError(NEEDS_SIGN_IN));
    await expect(service.startCobrowse(CONV.messagingOnline, 'menu')).rejects.toMatchObject({
      code: NEEDS_SIGN_IN,
    });
    await service.conversations([]);
    expect(service.cachedConversations([])).toBeDefined();
    service.accountChanged();
    expect(service.cachedConversations([])).toBeUndefined();
    await service.signedIn();
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('failed');
    expect(service.get(CONV.messagingOnline)).toBeUndefined();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});

describe('a new start after an ambiguous failure', () => {
  it('goes the guarded retry way: no POST while the reconcile runs, then exactly one', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(unavailable());
    const release = holdCalls(api.getMessageConversation);
    const { service } = makeService(api);
    const id = CONV.messagingOnline;
    await service.startCobrowse(id, 'popup');
    await vi.waitFor(() => expect(api.getMessageConversation).toHaveBeenCalled());
    expect(service.get(id)).toMatchObject({ state: 'failed', reconciling: true });
    // The shortcut, while the reconcile is held.
    const again = service.startCobrowse(id, 'command');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    release();
    await again;
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(id)).toMatchObject({ state: 'offered', origin: 'command' });
  });
  it('after the refusal, a new trigger asks again: it does not end the other session', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    await service.startCobrowse(CONV.messagingOnline, 'popup');
    await service.idle();
    expect(service.get(CONV.messagingOnline)?.conflictWith).toBe(CONV.voice);
    await service.startCobrowse(CONV.messagingOnline, 'command');
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('offered');
    expect(service.get(CONV.messagingOnline)).toMatchObject({
      state: 'failed',
      conflictWith: CONV.voice,
    });
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});
