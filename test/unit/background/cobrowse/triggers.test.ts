// The trigger flows (menu, command, overlay prompts) from page hints to the overlay's view,
// with the real service over a fake API and a recording overlay bridge; and the pure choice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choose } from '../../../../src/background/cobrowse/choose';
import { createTriggers, MENU_ID } from '../../../../src/background/cobrowse/triggers';
import type { OverlayBridge } from '../../../../src/background/overlay';
import type { TabState } from '../../../../src/background/overlay-store';
import type { Hint, PageHints } from '../../../../src/shared/detect/types';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/settings';
import type { OverlayView } from '../../../../src/ui/session/model';
import { SEED } from '../../../../tools/sandbox/seed';
import { CONV, fakeApi, makeService } from '../../support/service-fakes';

const TAB = 7;
const UNKNOWN = '3b241101-e2bb-4255-8caf-4136c566a962';

function fakeOverlay(page: PageHints) {
  const shown: { tabId: number; view: OverlayView; state: TabState }[] = [];
  const overlay: OverlayBridge = {
    accept: () => undefined,
    ensure: vi.fn(async () => undefined),
    collect: vi.fn(async () => page),
    show: vi.fn(async (tabId: number, view: OverlayView, state: TabState) => {
      shown.push({ tabId, view, state });
    }),
    sessionOn: vi.fn(async (_tabId: number): Promise<string | undefined> => undefined),
    pushSnapshot: () => undefined,
    adopt: () => undefined,
    reveal: () => undefined,
    tabsShowing: async () => [],
    forget: () => undefined,
    idle: async () => undefined,
  };
  return { overlay, shown, last: () => shown.at(-1) };
}

const attr = (id: string): Hint => ({ id, source: 'attribute', where: 'data-conversation-id' });
const pageOf = (...hints: Hint[]): PageHints => ({ hints, truncated: false });

function setup(page: PageHints, settings: Partial<Settings> = {}) {
  const api = fakeApi();
  const { service } = makeService(api, { settings });
  const o = fakeOverlay(page);
  const triggers = createTriggers({
    service,
    overlay: o.overlay,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    tabUrl: async () => 'https://crm.example.com/case/42',
    now: () => Date.now(),
  });
  return { api, service, triggers, ...o };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keyboard command', () => {
  it('starts at once for the one conversation of the agent’s the page shows', async () => {
    const t = setup(pageOf(attr(CONV.voice), attr(UNKNOWN)));
    await t.triggers.onCommand('start-cobrowse', { id: TAB, url: 'https://crm.example.com/' });
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.voice);
    expect(t.last()).toMatchObject({
      tabId: TAB,
      view: { kind: 'session', snapshot: { conversationId: CONV.voice, origin: 'command' } },
      state: { conversationId: CONV.voice, origin: 'command' },
    });
  });

  it('lets the agent pick when the page shows no id', async () => {
    const t = setup(pageOf());
    await t.triggers.onCommand('start-cobrowse', { id: TAB, url: 'https://intranet.example/' });
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
    const last = t.last();
    expect(last?.view.kind).toBe('picker');
    const listed = last?.view.kind === 'picker' ? last.view.conversations.map((c) => c.id) : [];
    expect(listed).toEqual(expect.arrayContaining([CONV.voice, CONV.messagingOnline, CONV.email]));
    // Only conversations that can cobrowse may be started from this tab.
    expect(last?.state.allowed).toContain(CONV.voice);
    expect(last?.state.allowed).not.toContain(CONV.email);
  });

  it('lets the agent pick when the page shows several of their conversations', async () => {
    const t = setup(pageOf(attr(CONV.voice), attr(CONV.messagingOnline)));
    await t.triggers.onCommand('start-cobrowse', { id: TAB });
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
    expect(t.last()?.view.kind).toBe('picker');
  });

  it('asks to confirm the page’s one id when it is not the agent’s, and starts once confirmed', async () => {
    const t = setup(pageOf(attr(UNKNOWN)));
    const other = t.api.org.createConversation({
      media: 'call',
      userId: SEED.users.messagingOnly,
      customerName: 'Elsewhere',
    });
    t.overlay.collect = vi.fn(async () => pageOf(attr(other.id)));
    await t.triggers.onCommand('start-cobrowse', { id: TAB });
    expect(t.last()).toMatchObject({
      view: { kind: 'confirm', conversationId: other.id },
      state: { allowed: [other.id] },
    });
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
    const state = t.last()?.state as TabState;
    await t.triggers.onOverlayAction(TAB, state, {
      action: 'start',
      conversationId: other.id,
      options: { confirmed: true },
    });
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledWith(other.id);
    expect(t.last()?.view.kind).toBe('session');
  });

  it('ignores other commands', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.triggers.onCommand('something-else', { id: TAB });
    expect(t.overlay.ensure).not.toHaveBeenCalled();
  });
});

describe('warm list cache', () => {
  /** A listConversations call that answers only when released. */
  function holdNextList(t: ReturnType<typeof setup>) {
    let release: () => void = () => undefined;
    const real = t.api.listConversations.getMockImplementation();
    t.api.listConversations.mockImplementationOnce(async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return (await real?.()) as never;
    });
    return () => release();
  }

  it('posts before the list refresh answers when the page’s id is in the cached list', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.service.conversations([]); // the cache, as a previous start or the popup left it
    const release = holdNextList(t);
    const run = t.triggers.onCommand('start-cobrowse', { id: TAB });
    await vi.waitFor(() => expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.voice));
    // The refresh was asked for alongside the POST and has not answered yet.
    expect(t.api.listConversations).toHaveBeenCalledTimes(2);
    expect(t.api.getConversation).not.toHaveBeenCalled();
    release();
    await run;
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(t.last()).toMatchObject({
      view: { kind: 'session', snapshot: { conversationId: CONV.voice } },
      state: { conversationId: CONV.voice },
    });
  });

  it('starts on a stale cache that holds the page’s id, and refreshes the list after the POST', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.service.conversations([]);
    vi.advanceTimersByTime(31_000);
    const release = holdNextList(t);
    const run = t.triggers.onCommand('start-cobrowse', { id: TAB });
    await vi.waitFor(() => expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.voice));
    // Neither the list nor the conversation was read for it: the stale list confirmed the id.
    expect(t.api.getConversation).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(t.api.listConversations).toHaveBeenCalledTimes(2));
    release();
    await run;
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('reads the list first when there is none (a cold start with nothing kept)', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.service.ready;
    const release = holdNextList(t);
    const run = t.triggers.onCommand('start-cobrowse', { id: TAB });
    await vi.waitFor(() => expect(t.api.listConversations).toHaveBeenCalledTimes(1));
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
    release();
    await run;
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.voice);
  });

  it('verifies an id missing from the cached list with a fresh list before starting', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.service.conversations([]);
    // A conversation the agent got after the list was cached: the page shows only it.
    const fresh = t.api.org.createConversation({
      media: 'call',
      userId: SEED.users.agent,
      customerName: 'New caller',
    });
    t.overlay.collect = vi.fn(async () => pageOf(attr(fresh.id)));
    await t.triggers.onCommand('start-cobrowse', { id: TAB });
    await t.service.idle();
    expect(t.api.listConversations).toHaveBeenCalledTimes(2);
    expect(t.api.createCobrowse).toHaveBeenCalledWith(fresh.id);
    expect(t.shown.map((s) => s.view.kind)).toEqual(['session']);
  });

  it('still confirms an id that the fresh list does not hold either', async () => {
    const t = setup(pageOf(attr(UNKNOWN)));
    await t.service.conversations([]);
    await t.triggers.onCommand('start-cobrowse', { id: TAB });
    expect(t.api.listConversations).toHaveBeenCalledTimes(2);
    expect(t.last()?.view).toEqual({ kind: 'confirm', conversationId: UNKNOWN });
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
  });

  it('starts a right-clicked link from the cache while the overlay is still being injected', async () => {
    const t = setup(pageOf());
    await t.service.conversations([]);
    let injected: () => void = () => undefined;
    t.overlay.ensure = vi.fn(
      () =>
        new Promise<void>((r) => {
          injected = r;
        }),
    );
    const run = t.triggers.onMenuClick(
      { menuItemId: MENU_ID, selectionText: CONV.messagingOnline },
      { id: TAB },
    );
    await vi.waitFor(() => expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.messagingOnline));
    expect(t.shown).toEqual([]);
    expect(t.overlay.collect).not.toHaveBeenCalled(); // the pointed id decides alone
    injected();
    await run;
    await t.service.idle();
    expect(t.last()).toMatchObject({
      view: { kind: 'session', snapshot: { conversationId: CONV.messagingOnline } },
      state: { origin: 'menu', conversationId: CONV.messagingOnline },
    });
  });

  it('keeps one start for parallel warm triggers', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.service.conversations([]);
    await Promise.all([
      t.triggers.onCommand('start-cobrowse', { id: TAB }),
      t.triggers.onCommand('start-cobrowse', { id: TAB }),
      t.triggers.onMenuClick({ menuItemId: MENU_ID, selectionText: CONV.voice }, { id: TAB }),
    ]);
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
  });
});

describe('right-click menu', () => {
  it('uses the right-clicked link before the page’s ids', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.triggers.onMenuClick(
      {
        menuItemId: MENU_ID,
        linkUrl: `https://apps.mypurecloud.com/directory/#/engage/admin/interactions/${CONV.messagingOnline}`,
      },
      { id: TAB, url: 'https://crm.example.com/' },
    );
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledWith(CONV.messagingOnline);
    expect(t.last()?.view).toMatchObject({ snapshot: { origin: 'menu', state: 'offered' } });
  });

  it('confirms a selected id that is not one of the agent’s', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    await t.triggers.onMenuClick(
      { menuItemId: MENU_ID, selectionText: `  ${UNKNOWN.toUpperCase()} ` },
      { id: TAB },
    );
    expect(t.last()?.view).toEqual({ kind: 'confirm', conversationId: UNKNOWN });
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
  });

  it('waits and asks when the customer’s Messenger is offline', async () => {
    const t = setup(pageOf(), { whenCustomerOffline: 'ask' });
    await t.triggers.onMenuClick(
      { menuItemId: MENU_ID, selectionText: CONV.messagingOffline },
      { id: TAB },
    );
    await t.service.idle();
    expect(t.api.createCobrowse).not.toHaveBeenCalled();
    expect(t.last()?.view).toMatchObject({
      kind: 'session',
      snapshot: { state: 'waiting', prompt: 'customer-offline' },
    });
    // "Send anyway" from the overlay goes out at once.
    await t.triggers.onOverlayAction(TAB, t.last()?.state as TabState, {
      action: 'answerOffline',
      choice: 'send-anyway',
    });
    await t.service.idle();
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
  });

  it('hands the rules and the right-clicked link or selection to the page, which runs the regexes', async () => {
    const rules = [{ kind: 'regex' as const, value: 'ticket=([0-9a-f-]{36})' }];
    const t = setup(pageOf(), { detectionRules: rules });
    const linkUrl = 'https://crm.example.com/open?ticket=none';
    await t.triggers.onMenuClick({ menuItemId: MENU_ID, linkUrl }, { id: TAB });
    expect(t.overlay.collect).toHaveBeenCalledWith(TAB, rules, { linkUrl });
    await t.triggers.onCommand('start-cobrowse', { id: TAB, url: 'https://crm.example.com/' });
    expect(t.overlay.collect).toHaveBeenLastCalledWith(TAB, rules, undefined);
  });

  it('shows a refusal in the overlay (a conversation that cannot cobrowse)', async () => {
    const t = setup(pageOf(attr(CONV.email)));
    await t.triggers.onMenuClick({ menuItemId: MENU_ID }, { id: TAB });
    expect(t.last()?.view).toMatchObject({
      kind: 'error',
      conversationId: CONV.email,
      error: { code: 'media.not.supported' },
    });
  });

  it('creates its item on install with the localised title on pages, links and selections', async () => {
    const t = setup(pageOf());
    const created: unknown[] = [];
    await t.triggers.createMenu({
      removeAll: async () => undefined,
      create: (props) => created.push(props),
    });
    expect(created).toEqual([
      { id: MENU_ID, title: 'Start cobrowse', contexts: ['page', 'link', 'selection'] },
    ]);
  });
});

describe('popup requests', () => {
  it('starts with a tab id and shows the session on that page', async () => {
    const t = setup(pageOf());
    const s = await t.triggers.start({ conversationId: CONV.voice, origin: 'popup', tabId: TAB });
    expect(s.conversationId).toBe(CONV.voice);
    expect(t.overlay.ensure).toHaveBeenCalledWith(TAB);
    expect(t.last()).toMatchObject({ tabId: TAB, view: { kind: 'session' } });
  });

  it('still starts when the page cannot host the overlay', async () => {
    const t = setup(pageOf());
    t.overlay.ensure = vi.fn(async () => {
      throw new Error('Cannot access a chrome:// URL');
    });
    const s = await t.triggers.start({ conversationId: CONV.voice, origin: 'popup', tabId: TAB });
    await t.service.idle();
    expect(s.conversationId).toBe(CONV.voice);
    expect(t.api.createCobrowse).toHaveBeenCalledTimes(1);
    expect(t.shown).toEqual([]);
  });

  it('ranks the list by the tab’s page hints', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    const list = await t.triggers.conversations(TAB);
    expect(list.conversations[0]?.id).toBe(CONV.voice);
    expect(list.preselectedId).toBe(CONV.voice);
    expect(list.conversations[0]?.onPage).toBe(true);
    expect(list.tabSession).toBeUndefined();
  });

  it('names the session the tab’s panel shows, so the popup follows that tab', async () => {
    const t = setup(pageOf(attr(CONV.voice)));
    t.overlay.sessionOn = vi.fn(async (tabId: number) =>
      tabId === TAB ? CONV.messagingOnline : undefined,
    );
    expect((await t.triggers.conversations(TAB)).tabSession).toBe(CONV.messagingOnline);
    expect((await t.triggers.conversations(TAB + 1)).tabSession).toBeUndefined();
  });
});

describe('choose', () => {
  const list = { conversations: [{ id: 'a' }, { id: 'b' }], unknownHints: [] } as never;
  const id = (x: string, rank: number) => ({ id: x, source: 'attribute' as const, rank });
  it('decides from what the agent pointed at, else the page', () => {
    expect(choose({ ids: [id('z', 0), id('a', 1)] }, list)).toEqual({
      kind: 'confirm',
      conversationId: 'z',
    });
    expect(choose({ ids: [id('a', 1), id('z', 1)] }, list)).toEqual({
      kind: 'start',
      conversationId: 'a',
    });
    expect(choose({ ids: [id('z', 3)] }, list)).toEqual({ kind: 'picker' });
    expect(choose({ ids: [id('y', 1), id('z', 1)] }, list)).toEqual({ kind: 'picker' });
  });
});
