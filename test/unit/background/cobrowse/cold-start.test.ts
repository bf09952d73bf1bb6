// The cold start: what a start needs (rights, the conversation list) kept in storage.session by
// one worker and restored by the next, so a start after a worker stop reads nothing before the
// POST; dropped when it belongs to another user or on clear(); and the list kept current by the
// user's conversation topic. Fakes: the API (sandbox shapes), fake-browser storage.session.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY } from '../../../../src/background/auth/token-store';
import type { StoredList } from '../../../../src/background/cobrowse/conversation-cache';
import { createRightsCache, type Rights } from '../../../../src/background/cobrowse/rights';
import type { Conversation } from '../../../../src/background/genesys';
import { createWarmStore, WARM_KEYS } from '../../../../src/background/warm-state';
import { SEED } from '../../../../tools/sandbox/seed';
import { conversationTopicBody } from '../../../../tools/sandbox/topic-shapes';
import { AGENT, CONV, type FakeApi, fakeApi, makeService } from '../../support/service-fakes';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const session = fakeBrowser.storage.session;
const signedInAs = (userId: string) =>
  session.set({
    [TOKEN_KEY]: {
      accessToken: 'token',
      expiresAt: T0 + 3_600_000,
      boundTo: 'x',
      profile: { user: { id: userId, name: 'Agent' }, org: { id: 'o', name: 'Org' } },
    },
  });

/** One worker: its warm store over storage.session, rights and service restoring from it. */
function worker(api: FakeApi) {
  const warm = createWarmStore({ storage: session, log: () => undefined });
  const warmed = warm.load();
  const now = () => Date.now();
  const rights = createRightsCache({
    api: api as never,
    now,
    restore: async () => (await warmed).rights as Rights | undefined,
    persist: (r) => warm.save('rights', r),
  });
  const { service } = makeService(api, {
    deps: {
      rights,
      restoreList: async () => (await warmed).list as StoredList | undefined,
      persistList: (list) => warm.save('list', list),
    },
  });
  return { warm, rights, service };
}

const reads = (api: FakeApi) =>
  api.getTokenInfo.mock.calls.length +
  api.getMe.mock.calls.length +
  api.listConversations.mock.calls.length +
  api.getConversation.mock.calls.length;

/** Until storage.session holds the three parts' writes (they are not awaited by the caller). */
const stored = (key: string) =>
  vi.waitFor(async () => {
    const value = (await session.get(key))[key];
    expect(value).toBeDefined();
    return value;
  });

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a worker restart', () => {
  it('restores rights and the list: a start reads nothing before the POST, even when the list is old', async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const first = worker(api);
    await first.service.conversations([]);
    await stored(WARM_KEYS.rights);
    await stored(WARM_KEYS.list);

    // The worker stops; a minute later (the list past its fresh-age) a new one starts.
    vi.setSystemTime(T0 + 60_000);
    const before = reads(api);
    const second = worker(api);
    const known = await second.service.knownConversations([CONV.voice]);
    expect(known?.fresh).toBe(false);
    expect(known?.list.preselectedId).toBe(CONV.voice);
    await second.service.startCobrowse(CONV.voice, 'command');
    expect(api.createCobrowse).toHaveBeenCalledWith(CONV.voice);
    expect(reads(api)).toBe(before);
  });

  it("drops what another user's worker kept, and reads afresh", async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const first = worker(api);
    await first.service.conversations([]);
    await stored(WARM_KEYS.list);

    await signedInAs(SEED.users.messagingOnly);
    const second = worker(api);
    expect(await second.warm.load()).toEqual({ user: SEED.users.messagingOnly });
    expect(await second.service.knownConversations([])).toBeUndefined();
    const left = await session.get(Object.values(WARM_KEYS));
    expect(left).toEqual({});
  });

  it('clear() removes every part, and a save queued before it does not come back', async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const first = worker(api);
    await first.service.conversations([]);
    await stored(WARM_KEYS.rights);
    first.warm.save('channel', { userId: AGENT, id: 'ch', connectUri: 'wss://x' } as never);
    await first.warm.clear();
    await vi.waitFor(async () => expect(await session.get(Object.values(WARM_KEYS))).toEqual({}));
    const second = worker(api);
    expect(await second.warm.load()).toEqual({ user: AGENT });
    await second.service.startCobrowse(CONV.voice, 'command');
    // Cold for real: the rights and the conversation were read for this start.
    expect(api.getMe).toHaveBeenCalledTimes(2);
    expect(api.getConversation).toHaveBeenCalledWith(CONV.voice);
  });
});

describe('the list kept by push', () => {
  const pushed = (api: FakeApi, id: string) =>
    conversationTopicBody(
      api.org,
      api.org.conversations.get(id) as never,
    ) as unknown as Conversation;

  it('a conversation pushed after the list was read starts with no read; its end removes it', async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const { service } = worker(api);
    await service.conversations([]);
    const conv = api.org.createConversation({
      media: 'call',
      userId: AGENT,
      customerName: 'New caller',
    });
    await service.conversationChanged(pushed(api, conv.id));
    const known = await service.knownConversations([conv.id]);
    expect(known?.list.conversations[0]).toMatchObject({ id: conv.id, canCobrowse: true });

    const before = reads(api);
    await service.startCobrowse(conv.id, 'command');
    expect(api.createCobrowse).toHaveBeenCalledWith(conv.id);
    expect(reads(api)).toBe(before);

    conv.state = 'disconnected';
    conv.endTime = new Date().toISOString();
    await service.conversationChanged(pushed(api, conv.id));
    const after = await service.knownConversations([conv.id]);
    expect(after?.list.conversations.map((c) => c.id)).not.toContain(conv.id);
    expect(after?.list.unknownHints).toEqual([conv.id]);
  });

  it('a push alone makes a partial list: it confirms its ids, and is never fresh', async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const { service } = worker(api);
    await service.ready;
    expect(await service.knownConversations([])).toBeUndefined();
    await service.conversationChanged(pushed(api, CONV.messagingOnline));
    const known = await service.knownConversations([CONV.messagingOnline]);
    expect(known?.fresh).toBe(false);
    expect(known?.list.conversations.map((c) => c.id)).toEqual([CONV.messagingOnline]);
    expect(service.cachedConversations([])).toBeUndefined();
  });

  it("another user's conversation pushed (no participant of the agent) is not listed", async () => {
    await signedInAs(AGENT);
    const api = fakeApi();
    const { service } = worker(api);
    await service.conversations([]);
    const theirs = api.org.createConversation({
      media: 'call',
      userId: SEED.users.messagingOnly,
      customerName: 'Not yours',
    });
    await service.conversationChanged(pushed(api, theirs.id));
    const known = await service.knownConversations([theirs.id]);
    expect(known?.list.unknownHints).toEqual([theirs.id]);
  });
});
