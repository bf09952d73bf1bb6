// The cobrowse service: one start path, single flight, persistence before push, commands run
// (POST, expiry, reconcile), restart safety, and the agent's actions. Fakes: the API (sandbox
// shapes), fake-browser storage, vi fake timers as the clock.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationUpdate } from '../../../../src/background/cobrowse/events';
import { relevantEvents } from '../../../../src/background/cobrowse/post-and-reconcile';
import { createSessionStore, SESSION_KEY_PREFIX } from '../../../../src/background/cobrowse/store';
import { viewerUrl } from '../../../../src/background/cobrowse/viewer';
import { GenesysError } from '../../../../src/background/genesys';
import type { SessionSnapshot } from '../../../../src/shared/session';
import { SEED } from '../../../../tools/sandbox/seed';
import {
  AGENT,
  CONV,
  DEPLOYMENT,
  fakeApi,
  holdCalls,
  makeService,
  OFFER_MS,
  offerInMessages,
  SESSION_ID,
} from '../../support/service-fakes';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const stored = async (id: string) =>
  ((await fakeBrowser.storage.session.get(SESSION_KEY_PREFIX + id)) as Record<string, unknown>)[
    SESSION_KEY_PREFIX + id
  ] as { snapshot: SessionSnapshot; endPath?: string } | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startCobrowse', () => {
  it('sends exactly one POST for any number of concurrent starts', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    const id = CONV.messagingOnline;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.startCobrowse(i % 2 ? id.toUpperCase() : id, i % 3 ? 'menu' : 'popup'),
      ),
    );
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.conversationId))).toEqual(new Set([id]));
    // A start after the offer went out returns the live session, still without a POST.
    const again = await service.startCobrowse(id, 'command');
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(again).toMatchObject({ state: 'offered', joinCode: '482913', sessionId: SESSION_ID });
  });

  it('persists every snapshot before pushing it', async () => {
    const api = fakeApi();
    const checks: Promise<boolean>[] = [];
    const { service, pushed } = makeService(api, {
      deps: {
        onSnapshot: (s) => {
          checks.push(stored(s.conversationId).then((r) => r?.snapshot.updatedAt === s.updatedAt));
        },
      },
    });
    await service.startCobrowse(CONV.messagingOnline, 'popup');
    await service.idle();
    expect(pushed).toEqual([]); // replaced by the checking callback
    expect(checks.length).toBeGreaterThanOrEqual(2); // creating, offered
    expect(await Promise.all(checks)).toEqual(checks.map(() => true));
    expect(await stored(CONV.messagingOnline)).toMatchObject({
      snapshot: { state: 'offered', joinCode: '482913' },
      endPath: `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`,
    });
  });

  it('uses a warm conversation list and rights cache: no lookup call on the hot path', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    await service.conversations([]);
    const calls = () =>
      api.getConversation.mock.calls.length +
      api.getTokenInfo.mock.calls.length +
      api.getMe.mock.calls.length;
    const before = calls();
    await service.startCobrowse(CONV.voice, 'popup');
    expect(calls()).toBe(before);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('serves its cached list, ranked, only while it is fresh, and never calls for it', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    await service.ready;
    expect(service.cachedConversations([CONV.voice])).toBeUndefined();
    await service.conversations([]);
    const cached = service.cachedConversations([CONV.voice.toUpperCase()]);
    expect(cached?.conversations[0]?.id).toBe(CONV.voice);
    expect(cached?.preselectedId).toBe(CONV.voice);
    vi.advanceTimersByTime(30_001);
    expect(service.cachedConversations([CONV.voice])).toBeUndefined();
    expect(api.listConversations).toHaveBeenCalledTimes(1);
  });

  it('waits, asking, when the Messenger is offline and settings say ask', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    const s = await service.startCobrowse(CONV.messagingOffline, 'command');
    expect(s).toMatchObject({
      state: 'waiting',
      prompt: 'customer-offline',
      customerOnline: false,
    });
    await service.idle();
    expect(api.createCobrowse).not.toHaveBeenCalled();
    const sent = await service.answerOffline(CONV.messagingOffline, 'send-anyway');
    await service.idle();
    expect(sent.state).toBe('creating');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('sends when the customer is back (a Join pushed later)', async () => {
    const api = fakeApi();
    const { service } = makeService(api, { settings: { whenCustomerOffline: 'send-when-back' } });
    await service.startCobrowse(CONV.messagingOffline, 'popup');
    const update = (subType: 'Join' | 'Disconnect', n: number): ConversationUpdate => ({
      conversationId: CONV.messagingOffline,
      events: [{ type: 'presence', subType, key: `m${n}:Presence:${subType}`, at: T0 + n }],
      agentLeft: false,
      problems: [],
    });
    // A REST read repeating history (Join, then Disconnect) must not send.
    await service.apply({
      ...update('Join', 1),
      events: [...update('Join', 1).events, ...update('Disconnect', 2).events],
    });
    await service.idle();
    expect(api.createCobrowse).not.toHaveBeenCalled();
    await service.apply(update('Join', 3));
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(service.get(CONV.messagingOffline)?.state).toBe('offered');
  });

  it('refuses an id that is not one of the agent’s conversations unless confirmed', async () => {
    const api = fakeApi();
    const other = api.org.createConversation({
      media: 'message',
      userId: SEED.users.messagingOnly,
      customerName: 'Someone else’s customer',
    });
    // Known to be online, so the confirmed start sends at once (an unknown Messenger asks first).
    api.org.appendMessage(other, 'customer', {
      events: [{ eventType: 'Presence', subType: 'Join' }],
    });
    const { service } = makeService(api);
    await expect(service.startCobrowse(other.id, 'menu')).rejects.toMatchObject({
      error: { code: 'not.agents.conversation' },
    });
    expect(api.createCobrowse).not.toHaveBeenCalled();
    await service.startCobrowse(other.id, 'menu', { confirmed: true });
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledWith(other.id);
  });

  it('refuses a non-UUID id and unsupported media before any POST', async () => {
    const api = fakeApi();
    const { service } = makeService(api);
    await expect(service.startCobrowse('../../tokens/me', 'menu')).rejects.toMatchObject({
      error: { code: 'invalid.conversation.id' },
    });
    // The nil UUID is no conversation (the shared validator's rule, as the page scan uses it).
    await expect(
      service.startCobrowse('00000000-0000-0000-0000-000000000000', 'menu'),
    ).rejects.toMatchObject({ error: { code: 'invalid.conversation.id' } });
    await expect(service.startCobrowse(CONV.email, 'popup')).rejects.toMatchObject({
      error: { code: 'media.not.supported' },
    });
    expect(api.createCobrowse).not.toHaveBeenCalled();
  });

  it('explains a missing permission from the cache without calling the POST', async () => {
    const api = fakeApi();
    api.getMe.mockResolvedValue({
      id: AGENT,
      name: 'Dana Whitfield',
      authorization: { permissions: ['conversation:cobrowse:add'] },
    } as never);
    const { service } = makeService(api);
    // Web messaging only: a voice start is explained by the preflight.
    await expect(service.startCobrowse(CONV.voice, 'popup')).rejects.toMatchObject({
      error: { code: 'preflight.missing.permission' },
    });
    expect(api.createCobrowse).not.toHaveBeenCalled();
  });

  it('a 403 from the POST fails the session, explained for the media, and refreshes the rights', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(
      new GenesysError({
        status: 403,
        code: 'missing.permissions',
        message: 'You are missing the following permission(s): conversation:cobrowseVoice:add',
        contextId: 'ctx-1',
      }),
    );
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    const s = service.get(CONV.voice);
    expect(s).toMatchObject({ state: 'failed', error: { status: 403, contextId: 'ctx-1' } });
    expect(s?.error?.admin).toMatch(/CobrowseVoice/i);
    expect(api.getTokenInfo).toHaveBeenCalledTimes(2);
  });
});

describe('commands', () => {
  it('expires a web messaging offer when offerEndsAt passes', async () => {
    const { service } = makeService(fakeApi());
    await service.startCobrowse(CONV.messagingOnline, 'popup');
    await service.idle();
    expect(service.get(CONV.messagingOnline)?.state).toBe('offered');
    await vi.advanceTimersByTimeAsync(OFFER_MS + 10);
    await service.idle();
    expect(service.get(CONV.messagingOnline)?.state).toBe('expired');
  });

  it('waits out a 429’s Retry-After, then posts again', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(
      new GenesysError({
        status: 429,
        code: 'too.many.requests',
        message: 'slow',
        retryAfterSeconds: 3,
      }),
    );
    const { service } = makeService(api);
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    expect(service.get(CONV.voice)).toMatchObject({ state: 'creating', retryAt: T0 + 3000 });
    await vi.advanceTimersByTimeAsync(3000);
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(CONV.voice)?.state).toBe('offered');
  });

  it('reconciles after an ambiguous failure: an offer found over REST revives the session', async () => {
    const api = fakeApi();
    api.createCobrowse.mockRejectedValueOnce(
      new GenesysError({ status: 503, code: 'service.unavailable', message: 'down' }),
    );
    const id = CONV.messagingOnline;
    offerInMessages(api, 'offer-1', T0 + 1);
    const { service } = makeService(api);
    await service.startCobrowse(id, 'popup');
    await service.idle();
    expect(api.getMessageConversation).toHaveBeenCalled();
    expect(service.get(id)?.state).toBe('offered');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});

describe('restart', () => {
  it('resumes an offer from storage.session: same state, expiry re-armed', async () => {
    const api = fakeApi();
    const first = makeService(api);
    await first.service.startCobrowse(CONV.messagingOnline, 'popup');
    await first.service.idle();
    // A new worker: a fresh service over the same storage (timers of the old one are gone).
    vi.clearAllTimers();
    const second = makeService(api);
    await second.service.ready;
    expect(second.service.get(CONV.messagingOnline)).toMatchObject({
      state: 'offered',
      joinCode: '482913',
    });
    expect(second.live.at(-1)).toEqual([CONV.messagingOnline]);
    await vi.advanceTimersByTimeAsync(OFFER_MS + 10);
    await second.service.idle();
    expect(second.service.get(CONV.messagingOnline)?.state).toBe('expired');
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('expires at once a web messaging offer whose time passed while the worker was gone', async () => {
    const api = fakeApi();
    const first = makeService(api);
    await first.service.startCobrowse(CONV.messagingOnline, 'popup');
    await first.service.idle();
    vi.clearAllTimers();
    vi.setSystemTime(T0 + OFFER_MS + 5_000);
    const second = makeService(api);
    await second.service.ready;
    expect(second.service.get(CONV.messagingOnline)?.state).toBe('expired');
    expect(second.pushed.at(-1)?.state).toBe('expired');
  });

  it('tells subscribers each change with the snapshot it replaced, also the stored one after a restart', async () => {
    const api = fakeApi();
    const first = makeService(api);
    const heard: [string, string | undefined][] = [];
    first.service.subscribe({
      snapshot: (s, previous) => heard.push([s.state, previous?.state]),
    });
    await first.service.startCobrowse(CONV.messagingOnline, 'popup');
    await first.service.idle();
    expect(heard).toEqual([
      ['creating', undefined],
      ['offered', 'creating'],
    ]);
    vi.clearAllTimers();
    vi.setSystemTime(T0 + OFFER_MS + 5_000);
    const second = makeService(api);
    const afterRestart: [string, string | undefined][] = [];
    second.service.subscribe({
      snapshot: (s, previous) => afterRestart.push([s.state, previous?.state]),
    });
    await second.service.ready;
    expect(afterRestart).toEqual([['expired', 'offered']]);
  });

  it('reconciles a POST that was in flight when the worker stopped, never resending it', async () => {
    const api = fakeApi();
    api.createCobrowse.mockImplementationOnce(() => new Promise(() => undefined));
    const first = makeService(api);
    await first.service.startCobrowse(CONV.messagingOnline, 'popup');
    const second = makeService(api);
    await second.service.ready;
    await second.service.idle();
    expect(api.getMessageConversation).toHaveBeenCalledWith(CONV.messagingOnline);
    expect(api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});

describe('actions', () => {
  it('End stops the session and ends it at Genesys through the guest route', async () => {
    const { service, ended, live } = makeService(fakeApi());
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    const s = await service.end(CONV.voice);
    expect(s.state).toBe('ended');
    expect(ended).toEqual([
      `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`,
    ]);
    expect(live.at(-1)).toEqual([]);
  });

  it('End queued behind the POST answer ends the offer it made at Genesys', async () => {
    const api = fakeApi();
    const id = CONV.messagingOnline;
    // The POST answer waits for the test; so does persisting the customer going offline.
    const answer = holdCalls(api.createCobrowse);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const real = createSessionStore(fakeBrowser.storage.session);
    const store = {
      ...real,
      put: async (record: Parameters<typeof real.put>[0]) => {
        if (record.snapshot.customerOnline === false) await held;
        return real.put(record);
      },
    };
    const { service, ended } = makeService(api, { deps: { store } });
    await service.startCobrowse(id, 'popup');
    await vi.waitFor(() => expect(api.createCobrowse).toHaveBeenCalled());
    // A step that is slow to persist; the POST answer queues behind it, End behind that.
    const away = service.apply({
      conversationId: id,
      events: [{ type: 'presence', subType: 'Disconnect', key: 'away-1' }],
      agentLeft: false,
      problems: [],
    });
    answer();
    await vi.advanceTimersByTimeAsync(10);
    expect(service.get(id)?.state).toBe('creating');
    const end = service.end(id);
    release();
    await Promise.all([away, end]);
    await service.idle();
    expect(service.get(id)?.state).toBe('ended');
    expect(ended).toEqual([
      `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`,
    ]);
  });

  it('opens the viewer only after the customer accepted', async () => {
    const id = CONV.messagingOnline;
    const { service, opened } = makeService(fakeApi());
    await service.startCobrowse(id, 'popup');
    await service.idle();
    await expect(service.openViewer(id)).rejects.toMatchObject({
      error: { code: 'viewerNotReady' },
    });
    await service.apply({
      conversationId: id,
      events: [{ type: 'cobrowse', subType: 'OfferingAccepted', key: 'acc-1' }],
      agentLeft: false,
      problems: [],
    });
    const { url } = await service.openViewer(id);
    expect(url).toBe(
      `https://apps.mypurecloud.ie/cobrowse-next/viewer.html?conversationId=${id}&lang=en-GB`,
    );
    expect(opened).toEqual([url]);
  });

  it('a new start on a warm cached list never takes the last session’s Accepted as its own', async () => {
    const api = fakeApi();
    const id = CONV.messagingOnline;
    const { service } = makeService(api);
    await service.conversations([]); // cached before the first session's events
    await service.startCobrowse(id, 'command');
    await service.idle();
    const accepted = {
      conversationId: id,
      events: [{ type: 'cobrowse' as const, subType: 'OfferingAccepted' as const, key: 'acc-1' }],
      agentLeft: false,
      problems: [],
    };
    await service.apply(accepted);
    expect(service.get(id)?.state).toBe('active');
    await service.end(id);
    await service.startCobrowse(id, 'command');
    await service.idle();
    expect(api.getConversation).not.toHaveBeenCalled(); // still the warm path
    await service.apply(accepted); // the conversation's history, replayed
    expect(service.get(id)?.state).toBe('offered');
  });

  it('offers again after a decline with one call', async () => {
    const api = fakeApi();
    const id = CONV.messagingOnline;
    const { service } = makeService(api);
    await service.startCobrowse(id, 'popup');
    await service.idle();
    await service.apply({
      conversationId: id,
      events: [{ type: 'cobrowse', subType: 'OfferingRejected', key: 'rej-1' }],
      agentLeft: false,
      problems: [],
    });
    expect(service.get(id)?.state).toBe('declined');
    await service.offerAgain(id);
    await service.idle();
    expect(api.createCobrowse).toHaveBeenCalledTimes(2);
    expect(service.get(id)?.state).toBe('offered');
  });
});

describe('pure helpers', () => {
  it('keeps only the last presence event of an update, and every CoBrowse event', () => {
    const events = relevantEvents({
      conversationId: 'c',
      agentLeft: false,
      problems: [],
      events: [
        { type: 'presence', subType: 'Join', key: 'a' },
        { type: 'cobrowse', subType: 'Offering', key: 'b' },
        { type: 'presence', subType: 'Disconnect', key: 'c' },
        { type: 'cobrowse', subType: 'OfferingExpired', key: 'd' },
      ],
    });
    expect(events.map((e) => e.key)).toEqual(['b', 'c', 'd']);
  });

  it('builds the viewer URL on a custom base URL’s origin', () => {
    expect(viewerUrl('http://127.0.0.1:8787/', 'abc', 'de')).toBe(
      'http://127.0.0.1:8787/cobrowse-next/viewer.html?conversationId=abc&lang=de',
    );
  });
});
