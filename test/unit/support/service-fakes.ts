// Fakes shared by the cobrowse service and trigger tests: an API client answering with the
// sandbox's SDK-typed response builders (so the shapes are the real ones), and a service wired
// to fake-browser's storage.session, fake timers (vi.useFakeTimers) and recorders.
import { fakeBrowser } from '@webext-core/fake-browser';
import { type Mock, vi } from 'vitest';
import { createRightsCache } from '../../../src/background/cobrowse/rights';
import {
  type CobrowseServiceDeps,
  createCobrowseService,
} from '../../../src/background/cobrowse/service';
import { createSessionStore } from '../../../src/background/cobrowse/store';
import { createKeyedTimers } from '../../../src/background/cobrowse/timers';
import type { CobrowseSession } from '../../../src/background/genesys';
import type { SessionSnapshot } from '../../../src/shared/session';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { SandboxOrg } from '../../../tools/sandbox/org';
import { SEED } from '../../../tools/sandbox/seed';
import {
  conversationBody,
  conversationListing,
  messageConversationBody,
} from '../../../tools/sandbox/shapes';

export const AGENT = SEED.users.agent;
export const CONV = SEED.conversations.agent;
export const SESSION_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const DEPLOYMENT = SEED.deploymentId;
export const OFFER_MS = 120_000;

export function fakeApi(org = new SandboxOrg()) {
  const mine = () => [...org.conversations.values()].filter((c) => c.userId === AGENT);
  const body = (id: string) => {
    const conv = org.conversations.get(id);
    if (!conv) throw Object.assign(new Error('not found'), { status: 404 });
    return conversationBody(org, conv);
  };
  return {
    org,
    listConversations: vi.fn(async () => conversationListing(org, mine()) as never),
    getConversation: vi.fn(async (id: string) => body(id) as never),
    getMessageConversation: vi.fn(async (id: string) => {
      const conv = org.conversations.get(id);
      if (!conv) throw new Error('not found');
      return messageConversationBody(org, conv) as never;
    }),
    createCobrowse: vi.fn(
      async (_id: string): Promise<CobrowseSession> => ({
        id: SESSION_ID,
        name: 'cobrowse',
        joinCode: '482913',
        websocketUrl: 'wss://example.invalid',
        dateOfferEnds: new Date(Date.now() + OFFER_MS).toISOString(),
        communicationType: 'Message',
        selfUri: `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`,
      }),
    ),
    getTokenInfo: vi.fn(async () => ({
      organization: { id: SEED.org.id, name: SEED.org.name },
      authorizedScope: ['conversations', 'notifications', 'user-basic-info'],
    })),
    getMe: vi.fn(async () => ({
      id: AGENT,
      name: 'Dana Whitfield',
      authorization: {
        permissions: ['conversation:cobrowse:add', 'conversation:cobrowseVoice:add'],
      },
    })),
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;

/**
 * From now on every call of `mock` waits until the returned release() is called, then answers
 * as it did before: the test decides when a read or the POST's answer arrives.
 */
export function holdCalls(mock: Mock): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const base = mock.getMockImplementation();
  mock.mockImplementation(async (...args: unknown[]) => {
    await gate;
    return base?.(...args);
  });
  return () => release();
}

/**
 * From now on the messaging conversations read over REST also carry a cobrowse Offering event
 * (message `messageId` at `at`): an offer Genesys made that the service did not see answered.
 */
export function offerInMessages(api: FakeApi, messageId: string, at: number): void {
  const base = api.getMessageConversation.getMockImplementation();
  api.getMessageConversation.mockImplementation(async (cid: string) => {
    const body = (await base?.(cid)) as unknown as { participants: { messages?: unknown[] }[] };
    const p = body.participants[0] as { messages?: unknown[] };
    p.messages = [
      ...(p.messages ?? []),
      {
        messageId,
        messageTime: new Date(at).toISOString(),
        messageMetadata: { events: [{ eventType: 'CoBrowse', subType: 'Offering' }] },
      },
    ];
    return body as never;
  });
}

export function makeService(
  api: FakeApi,
  options: { settings?: Partial<Settings>; deps?: Partial<CobrowseServiceDeps> } = {},
) {
  const pushed: SessionSnapshot[] = [];
  const opened: string[] = [];
  const ended: string[] = [];
  const live: string[][] = [];
  const now = () => Date.now();
  const service = createCobrowseService({
    api: api as never,
    store: createSessionStore(fakeBrowser.storage.session),
    timers: createKeyedTimers(now),
    rights: createRightsCache({ api: api as never, now }),
    now,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...options.settings }),
    onSnapshot: (s) => pushed.push(s),
    onLive: (l) => live.push(l.map((x) => x.id)),
    endRemote: async (path) => {
      ended.push(path);
    },
    openTab: async (url) => {
      opened.push(url);
    },
    appsBase: async () => 'https://apps.mypurecloud.ie',
    uiLanguage: () => 'en-GB',
    ...options.deps,
  });
  return { service, pushed, opened, ended, live };
}
