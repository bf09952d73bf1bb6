// The background's overlay bridge: the injection handshake, page hints, the panel frame's key,
// and what a panel may do (its own tab only, ids the background offered it), also after a
// restart.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import {
  createOverlayBridge,
  type OverlayBridge,
  type OverlayPort,
} from '../../../src/background/overlay';
import { PLACES_KEY } from '../../../src/background/overlay-store';
import type { OverlayAction, OverlayPush, PanelPush } from '../../../src/shared/protocol';
import type { SessionSnapshot } from '../../../src/shared/session';

const EXT = 'ext-id';
const A = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const B = '3b241101-e2bb-4255-8caf-4136c566a962';

const PANEL_URL = `chrome-extension://${EXT}/src/panel/index.html`;

function fakePort(
  tabId: number | undefined,
  id = EXT,
  frameId = 0,
  {
    name = 'overlay',
    url = 'https://crm.example/case/1',
    documentId = undefined as string | undefined,
  } = {},
) {
  const listeners: ((m: unknown) => void)[] = [];
  const disconnects: (() => void)[] = [];
  // The bridge handles messages asynchronously (tab state comes from storage): `await b.idle()`.
  const received: (OverlayPush | PanelPush)[] = [];
  const port = {
    name,
    sender: {
      id,
      frameId,
      url,
      ...(documentId ? { documentId } : {}),
      ...(tabId === undefined ? {} : { tab: { id: tabId } }),
    },
    postMessage: (m: unknown) => received.push(m as OverlayPush),
    disconnect: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => listeners.push(cb) },
    onDisconnect: { addListener: (cb: () => void) => disconnects.push(cb) },
  } satisfies OverlayPort;
  const send = (m: unknown) => {
    for (const l of listeners) l(m);
  };
  return { port, received, send, disconnects };
}

/** The panel frame of a tab (an extension page in a sub-frame) saying hello with `key`. */
async function panelOf(b: OverlayBridge, tabId: number, key: string | undefined, frameId = 5) {
  const p = fakePort(tabId, EXT, frameId, { name: 'panel', url: PANEL_URL });
  b.accept(p.port);
  p.send({ type: 'hello', key });
  await b.idle();
  return p;
}

/** The key the background gave the tab's content script with its last `show`. */
function keyOf(content: ReturnType<typeof fakePort> | undefined): string | undefined {
  const show = content?.received.findLast((m) => m.type === 'show') as { key?: string } | undefined;
  return show?.key;
}

const snapshot = (id: string): SessionSnapshot => ({
  conversationId: id,
  media: 'call',
  profile: 'genesys',
  origin: 'menu',
  state: 'offered',
  joinCode: '123456',
  timeline: [],
  updatedAt: 1,
});

function bridge(opts: { sessions?: Record<string, SessionSnapshot> } = {}) {
  const actions: { tabId: number; action: OverlayAction }[] = [];
  const ports: ReturnType<typeof fakePort>[] = [];
  const b = createOverlayBridge({
    extensionId: () => EXT,
    storage: fakeBrowser.storage.session,
    places: fakeBrowser.storage.local,
    session: (id) => opts.sessions?.[id],
    onAction: (tabId, _state, action) => actions.push({ tabId, action }),
    // Injecting the script makes it connect and say hello, as the real one does.
    inject: async (tabId) => {
      const p = fakePort(tabId);
      ports.push(p);
      b.accept(p.port);
      p.send({ type: 'hello' });
      await b.idle();
    },
  });
  return { b, actions, ports };
}

describe('overlay bridge', () => {
  it('injects, waits for the hello, and collects the page’s hints from that tab only', async () => {
    const { b, ports } = bridge();
    await b.ensure(7);
    expect(ports).toHaveLength(1);
    await b.ensure(7); // connected: not injected again
    expect(ports).toHaveLength(1);
    const hints = b.collect(7, [{ kind: 'selector', value: '#case' }]);
    const request = ports[0]?.received.find((m) => m.type === 'collect');
    expect(request).toMatchObject({ rules: [{ kind: 'selector', value: '#case' }] });
    expect(request).not.toHaveProperty('context'); // none given, none sent
    const requestId = (request as { requestId: number }).requestId;
    // Another tab cannot answer for tab 7.
    const other = fakePort(8);
    b.accept(other.port);
    other.send({ type: 'hello' });
    other.send({ type: 'hints', requestId, page: { hints: [{ id: B }], truncated: false } });
    ports[0]?.send({
      type: 'hints',
      requestId,
      page: { hints: [{ id: A, source: 'attribute' }], truncated: false },
    });
    await b.idle();
    await expect(hints).resolves.toEqual({
      hints: [{ id: A, source: 'attribute' }],
      truncated: false,
    });
    // The right-clicked link or selection travels with the request, for the page's rules.
    const withContext = b.collect(7, [], { selectionText: 'Ref 42' });
    const second = ports[0]?.received.filter((m) => m.type === 'collect').at(-1);
    expect(second).toMatchObject({ rules: [], context: { selectionText: 'Ref 42' } });
    ports[0]?.send({
      type: 'hints',
      requestId: (second as { requestId: number }).requestId,
      page: { hints: [], truncated: false },
    });
    await expect(withContext).resolves.toEqual({ hints: [], truncated: false });
  });

  it('refuses ports from another extension, without a tab, or from a sub-frame', () => {
    const { b } = bridge();
    for (const p of [fakePort(7, 'evil'), fakePort(undefined), fakePort(7, EXT, 3)]) {
      b.accept(p.port);
      expect(p.port.disconnect).toHaveBeenCalled();
    }
  });

  it('passes on a start only for an id the background offered to that tab', async () => {
    const { b, actions, ports } = bridge();
    await b.ensure(7);
    await b.show(7, { kind: 'confirm', conversationId: A }, { origin: 'menu', allowed: [A] });
    const key = keyOf(ports[0]);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const port = await panelOf(b, 7, key);
    expect(port.received).toEqual([{ type: 'view', view: { kind: 'confirm', conversationId: A } }]);
    port.send({ type: 'action', action: 'start', conversationId: B, options: {} });
    port.send({ type: 'action', action: 'start', conversationId: 'not-a-uuid', options: {} });
    port.send({ type: 'action', action: 'steal-token' });
    await b.idle();
    expect(actions).toEqual([]);
    port.send({
      type: 'action',
      action: 'start',
      conversationId: A,
      options: { confirmed: true },
    });
    await b.idle();
    expect(actions).toEqual([
      { tabId: 7, action: { action: 'start', conversationId: A, options: { confirmed: true } } },
    ]);
  });

  it('gives a panel frame nothing without the key the content script was given', async () => {
    const { b, actions, ports } = bridge({ sessions: { [A]: snapshot(A) } });
    await b.ensure(7);
    const session = { kind: 'session', snapshot: snapshot(A) } as const;
    await b.show(7, session, { origin: 'menu', conversationId: A, allowed: [A] });
    const key = keyOf(ports[0]) as string;
    // A frame the page embedded itself: no key, a guessed key, the key of another tab.
    const refused = [
      await panelOf(b, 7, undefined),
      await panelOf(b, 7, 'x'.repeat(36)),
      await panelOf(b, 8, key),
    ];
    // Not a panel at all: a web page's frame, or the top frame, using the panel's port name.
    const web = fakePort(7, EXT, 6, { name: 'panel', url: 'https://evil.example/panel' });
    const top = fakePort(7, EXT, 0, { name: 'panel', url: PANEL_URL });
    for (const p of [web, top]) b.accept(p.port);
    b.pushSnapshot({ ...snapshot(A), state: 'active' });
    for (const p of refused) {
      p.send({ type: 'action', action: 'end' });
      expect(p.received).toEqual([]);
    }
    await b.idle();
    expect(actions).toEqual([]);
    for (const p of [...refused.slice(0, 2), web, top])
      expect(p.port.disconnect).toHaveBeenCalled();
    // Positive control: the frame with the key gets the session and may act on it.
    const panel = await panelOf(b, 7, key);
    expect(panel.received).toEqual([{ type: 'view', view: session }]);
    panel.send({ type: 'action', action: 'end' });
    await b.idle();
    expect(actions).toEqual([{ tabId: 7, action: { action: 'end' } }]);
  });

  it('names the session a tab’s page shows, and none once the tab shows another page', async () => {
    const { b } = bridge({ sessions: { [A]: snapshot(A) } });
    const connect = async (documentId: string) => {
      const p = fakePort(7, EXT, 0, { documentId });
      b.accept(p.port);
      p.send({ type: 'hello' });
      await b.idle();
    };
    await connect('doc-1');
    expect(await b.sessionOn(7)).toBeUndefined();
    const session = { kind: 'session', snapshot: snapshot(A) } as const;
    await b.show(7, session, { origin: 'menu', conversationId: A, allowed: [A] });
    expect(await b.sessionOn(7)).toBe(A);
    expect(await b.sessionOn(8)).toBeUndefined();
    await connect('doc-2'); // the agent navigated the tab
    expect(await b.sessionOn(7)).toBeUndefined();
  });

  it('keeps one key per tab across shows, and tells the content script where the panel was', async () => {
    const { b, ports } = bridge();
    await b.ensure(7);
    await fakeBrowser.storage.local.set({
      [PLACES_KEY]: { 'https://crm.example': { right: 40, bottom: 90 } },
    });
    await b.show(7, { kind: 'confirm', conversationId: A }, { origin: 'menu', allowed: [A] });
    await b.show(7, { kind: 'confirm', conversationId: B }, { origin: 'menu', allowed: [B] });
    const shows = ports[0]?.received.filter((m) => m.type === 'show') ?? [];
    expect(shows).toHaveLength(2);
    expect(shows[0]).toEqual(shows[1]);
    expect(shows[0]).toMatchObject({ place: { right: 40, bottom: 90 } });
    // The agent moves it: remembered for the content script's site (its sender origin).
    ports[0]?.send({ type: 'place', place: { right: 120, bottom: 16 } });
    ports[0]?.send({ type: 'place', place: { right: -1, bottom: 'x' } });
    await b.idle();
    expect((await fakeBrowser.storage.local.get(PLACES_KEY))[PLACES_KEY]).toEqual({
      'https://crm.example': { right: 120, bottom: 16 },
    });
  });

  it('gives a new page in the tab a new key; the old page’s key then opens nothing', async () => {
    const { b } = bridge({ sessions: { [A]: snapshot(A) } });
    const view = { kind: 'session', snapshot: snapshot(A) } as const;
    const state = { origin: 'menu', conversationId: A, allowed: [A] } as const;
    const contentOf = async (documentId: string) => {
      const p = fakePort(7, EXT, 0, { documentId });
      b.accept(p.port);
      p.send({ type: 'hello' });
      await b.idle();
      await b.show(7, view, { ...state, allowed: [A] });
      return keyOf(p) as string;
    };
    const first = await contentOf('doc-1');
    expect(await contentOf('doc-1')).toBe(first); // the same page keeps its key
    const second = await contentOf('doc-2');
    expect(second).not.toBe(first);
    const stale = await panelOf(b, 7, first);
    expect(stale.received).toEqual([]);
    expect(stale.port.disconnect).toHaveBeenCalled();
    // Positive control: the new page's frame, with the new key, gets the session.
    expect((await panelOf(b, 7, second)).received).toEqual([{ type: 'view', view }]);
  });

  it('ignores actions from a tab it never showed anything', async () => {
    const { b, actions } = bridge();
    const p = await panelOf(b, 9, 'k'.repeat(36));
    p.send({ type: 'action', action: 'end' });
    await b.idle();
    expect(actions).toEqual([]);
  });

  it('pushes live snapshots to the panels showing that session, without reopening', async () => {
    const { b, ports } = bridge();
    await b.ensure(7);
    await b.show(
      7,
      { kind: 'session', snapshot: snapshot(A) },
      {
        origin: 'menu',
        conversationId: A,
        allowed: [A],
      },
    );
    const panel = await panelOf(b, 7, keyOf(ports[0]));
    b.pushSnapshot({ ...snapshot(A), state: 'active' });
    b.pushSnapshot({ ...snapshot(B), state: 'active' });
    expect(panel.received.at(-1)).toEqual({
      type: 'view',
      view: { kind: 'session', snapshot: { ...snapshot(A), state: 'active' } },
    });
    expect(panel.received).toHaveLength(1);
    // The content script was told to show the panel once, by the trigger; never by a push.
    expect(ports[0]?.received.filter((m) => m.type === 'show')).toHaveLength(1);
  });

  it('after a worker restart, sends a reconnecting panel its session as it is now', async () => {
    const first = bridge();
    await first.b.ensure(7);
    await first.b.show(
      7,
      { kind: 'session', snapshot: snapshot(A) },
      {
        origin: 'command',
        conversationId: A,
        allowed: [A],
      },
    );
    const key = keyOf(first.ports[0]);
    // New worker: a new bridge over the same storage.session; the panel reconnects.
    const second = bridge({ sessions: { [A]: { ...snapshot(A), state: 'active' } } });
    const p = await panelOf(second.b, 7, key);
    expect(p.received).toEqual([
      {
        type: 'view',
        view: { kind: 'session', snapshot: { ...snapshot(A), state: 'active' } },
      },
    ]);
    p.send({ type: 'action', action: 'end' });
    await second.b.idle();
    expect(second.actions).toEqual([{ tabId: 7, action: { action: 'end' } }]);
  });

  it('reveal: the panels showing that session get its view with reveal; tabsShowing names their tabs', async () => {
    const active = { ...snapshot(A), state: 'active' as const };
    const { b, ports } = bridge({ sessions: { [A]: active } });
    for (const [tabId, id] of [
      [7, A],
      [8, B],
    ] as const) {
      await b.ensure(tabId);
      await b.show(
        tabId,
        { kind: 'session', snapshot: snapshot(id) },
        { origin: 'menu', conversationId: id, allowed: [id] },
      );
    }
    const seven = await panelOf(b, 7, keyOf(ports[0]));
    const eight = await panelOf(b, 8, keyOf(ports[1]));
    const before = { seven: seven.received.length, eight: eight.received.length };

    b.reveal(A.toUpperCase());
    await vi.waitFor(() => expect(seven.received.length).toBe(before.seven + 1));

    expect(seven.received.at(-1)).toEqual({
      type: 'view',
      view: { kind: 'session', snapshot: active },
      reveal: true,
    });
    expect(eight.received).toHaveLength(before.eight);
    expect(await b.tabsShowing(A)).toEqual([7]);
    expect(await b.tabsShowing(B)).toEqual([8]);
    b.forget(7);
    expect(await b.tabsShowing(A)).toEqual([]);
  });

  it('a tab that went to another page (its panel frame gone) no longer counts as showing it', async () => {
    const { b, ports } = bridge();
    await b.ensure(7);
    await b.show(
      7,
      { kind: 'session', snapshot: snapshot(A) },
      { origin: 'menu', conversationId: A, allowed: [A] },
    );
    const panel = await panelOf(b, 7, keyOf(ports[0]));
    expect(await b.tabsShowing(A)).toEqual([7]);
    // The page navigates: its frame and the frame's port go with it.
    for (const gone of panel.disconnects) gone();
    expect(await b.tabsShowing(A)).toEqual([]);
  });
});
