// The background's overlay bridge: the injection handshake, page hints, and what a content
// script may do (its own tab only, ids the background offered it), including after a restart.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { createOverlayBridge, type OverlayPort } from '../../src/background/overlay';
import type { OverlayAction, OverlayPush } from '../../src/shared/messages';
import type { SessionSnapshot } from '../../src/shared/session';

const EXT = 'ext-id';
const A = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const B = '3b241101-e2bb-4255-8caf-4136c566a962';

function fakePort(tabId: number | undefined, id = EXT, frameId = 0) {
  const listeners: ((m: unknown) => void)[] = [];
  const disconnects: (() => void)[] = [];
  // The bridge handles messages asynchronously (tab state comes from storage): `await b.idle()`.
  const received: OverlayPush[] = [];
  const port = {
    name: 'overlay',
    sender: { id, frameId, ...(tabId === undefined ? {} : { tab: { id: tabId } }) },
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
    expect(ports[0]?.received.at(-1)).toEqual({
      type: 'view',
      view: { kind: 'confirm', conversationId: A },
      show: true,
    });
    const port = ports[0] as ReturnType<typeof fakePort>;
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

  it('ignores actions from a tab it never showed anything', async () => {
    const { b, actions } = bridge();
    const p = fakePort(9);
    b.accept(p.port);
    p.send({ type: 'hello' });
    p.send({ type: 'action', action: 'end' });
    await b.idle();
    expect(actions).toEqual([]);
  });

  it('pushes live snapshots to the tabs showing that session, without reopening', async () => {
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
    b.pushSnapshot({ ...snapshot(A), state: 'active' });
    b.pushSnapshot({ ...snapshot(B), state: 'active' });
    const views = ports[0]?.received.filter((m) => m.type === 'view') ?? [];
    expect(views.at(-1)).toMatchObject({
      show: false,
      view: { kind: 'session', snapshot: { conversationId: A, state: 'active' } },
    });
    expect(views).toHaveLength(2);
  });

  it('after a worker restart, sends a reconnecting tab its session as it is now', async () => {
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
    // New worker: a new bridge over the same storage.session; the content script reconnects.
    const second = bridge({ sessions: { [A]: { ...snapshot(A), state: 'active' } } });
    const p = fakePort(7);
    second.b.accept(p.port);
    p.send({ type: 'hello' });
    await second.b.idle();
    expect(p.received).toEqual([
      {
        type: 'view',
        view: { kind: 'session', snapshot: { ...snapshot(A), state: 'active' } },
        show: false,
      },
    ]);
    p.send({ type: 'action', action: 'end' });
    await second.b.idle();
    expect(second.actions).toEqual([{ tabId: 7, action: { action: 'end' } }]);
  });
});
