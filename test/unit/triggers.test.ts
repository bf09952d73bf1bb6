// The trigger flows (menu, command, overlay prompts) from page hints to the overlay's view,
// with the real service over a fake API and a recording overlay bridge; and the pure choice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OverlayBridge, TabState } from '../../src/background/overlay';
import { choose, createTriggers, MENU_ID } from '../../src/background/triggers';
import type { OverlayView } from '../../src/content/overlay/model';
import type { Hint, PageHints } from '../../src/shared/detect/types';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { SEED } from '../sandbox/seed';
import { CONV, fakeApi, makeService } from './service-fakes';

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
    pushSnapshot: () => undefined,
    adopt: () => undefined,
    forget: () => undefined,
    state: async () => undefined,
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
