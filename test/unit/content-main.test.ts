// @vitest-environment happy-dom
// The injected content script: the port handshake, page hints on request, rendering the views
// the background sends, reporting clicks as actions, idempotent re-injection, and reconnecting
// when the service worker restarts.
import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type PortLike,
  RECONNECT_DELAY_MS,
  type RuntimeLike,
  startContent,
} from '../../src/content/bridge';
import { findOverlay, HOST_TAG } from '../../src/content/mount';
import type { OverlayMessage, OverlayPush } from '../../src/shared/messages';
import { agentClick, snapshot } from './overlay-fixtures';

const CID = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';

function fakeRuntime() {
  const ports: {
    sent: OverlayMessage[];
    push: (m: OverlayPush) => void;
    drop: () => void;
    disconnected: boolean;
  }[] = [];
  const runtime: RuntimeLike & { id?: string } = {
    id: 'ext',
    connect: vi.fn(({ name }: { name: string }): PortLike => {
      expect(name).toBe('overlay');
      const onMessage: ((m: unknown) => void)[] = [];
      const onDisconnect: (() => void)[] = [];
      const entry = {
        sent: [] as OverlayMessage[],
        push: (m: OverlayPush) => {
          for (const l of onMessage) l(m);
        },
        drop: () => {
          for (const l of onDisconnect) l();
        },
        disconnected: false,
      };
      ports.push(entry);
      return {
        postMessage: (m) => entry.sent.push(m as OverlayMessage),
        disconnect: () => {
          entry.disconnected = true;
        },
        onMessage: { addListener: (cb) => onMessage.push(cb) },
        onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
      };
    }),
  };
  return { runtime, ports, last: () => ports.at(-1) as (typeof ports)[number] };
}

const overlayRoot = () => {
  const root = findOverlay()?.shadowRoot;
  if (!root) throw new Error('no overlay');
  return within(root as unknown as HTMLElement);
};

afterEach(() => {
  findOverlay()?.unmount();
  document.body.innerHTML = '';
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('cobrowse-launcher.content')];
});

describe('content script', () => {
  it('connects the overlay port and says hello', () => {
    const r = fakeRuntime();
    startContent(r.runtime);
    expect(r.ports).toHaveLength(1);
    expect(r.last().sent).toEqual([{ type: 'hello' }]);
  });

  it('answers a collect request with the ids the page shows', () => {
    document.body.innerHTML = `<main><div data-conversation-id="${CID}">Case</div></main>`;
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'collect', requestId: 4, rules: [] });
    expect(r.last().sent.at(-1)).toMatchObject({
      type: 'hints',
      requestId: 4,
      page: { hints: [{ id: CID, source: 'attribute' }], truncated: false },
    });
  });

  it('runs the rules over the context the background sends (the right-clicked link)', () => {
    document.body.innerHTML = '<main>nothing</main>';
    const r = fakeRuntime();
    startContent(r.runtime);
    const rules = [{ kind: 'regex' as const, value: 'case/([0-9a-f-]{36})' }];
    const context = { linkUrl: `https://crm.example/case/${CID}` };
    r.last().push({ type: 'collect', requestId: 5, rules, context });
    expect(r.last().sent.at(-1)).toMatchObject({
      requestId: 5,
      page: { hints: [{ id: CID, source: 'rule', where: 'rule 1' }] },
    });
    r.last().push({ type: 'collect', requestId: 6, rules }); // no context: nothing to match
    expect(r.last().sent.at(-1)).toMatchObject({ requestId: 6, page: { hints: [] } });
  });

  it('renders a shown view and reports the agent’s clicks', () => {
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'confirm', conversationId: CID }, show: true });
    agentClick(overlayRoot().getByRole('button', { name: 'Start anyway' }));
    expect(r.last().sent.at(-1)).toEqual({
      type: 'action',
      action: 'start',
      conversationId: CID,
      options: { confirmed: true },
    });
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: snapshot() }, show: true });
    expect(overlayRoot().getByText('482913')).toBeTruthy();
    agentClick(overlayRoot().getByRole('button', { name: 'End' }));
    expect(r.last().sent.at(-1)).toEqual({ type: 'action', action: 'end' });
  });

  it('ignores clicks and keys the page’s script makes on the overlay', () => {
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'confirm', conversationId: CID }, show: true });
    const anyway = overlayRoot().getByRole('button', { name: 'Start anyway' });
    fireEvent.click(anyway);
    anyway.click();
    fireEvent.keyDown(anyway, { key: 'Escape' });
    expect(r.last().sent).toEqual([{ type: 'hello' }]);
    expect(findOverlay()?.visible).toBe(true);
    agentClick(anyway);
    expect(r.last().sent.at(-1)).toMatchObject({ type: 'action', action: 'start' });
  });

  it('keeps a closed overlay closed on live updates, and reopens it on a trigger', () => {
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: snapshot() }, show: true });
    agentClick(overlayRoot().getByRole('button', { name: 'Close' }));
    expect(r.last().sent.at(-1)).toEqual({ type: 'action', action: 'close' });
    expect(findOverlay()?.visible).toBe(false);
    const active = snapshot({ state: 'active' });
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: active }, show: false });
    expect(findOverlay()?.visible).toBe(false);
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: active }, show: true });
    expect(overlayRoot().getByRole('dialog', { name: 'Cobrowse' })).toBeTruthy();
  });

  it('is idempotent: a second injection reuses the instance, its port and its overlay', () => {
    const r = fakeRuntime();
    const first = startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: snapshot() }, show: true });
    const second = startContent(r.runtime);
    expect(second).toBe(first);
    expect(r.runtime.connect).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('reconnects by itself when the worker restarts during a live session on screen', () => {
    vi.useFakeTimers();
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'session', snapshot: snapshot() }, show: true });
    r.last().drop();
    expect(r.ports).toHaveLength(1);
    vi.advanceTimersByTime(RECONNECT_DELAY_MS);
    vi.useRealTimers();
    expect(r.ports).toHaveLength(2);
    expect(r.last().sent).toEqual([{ type: 'hello' }]);
    // The background sends the stored snapshot; the overlay shows it.
    r.last().push({
      type: 'view',
      view: { kind: 'session', snapshot: snapshot({ state: 'active' }) },
      show: false,
    });
    expect(overlayRoot().getByRole('button', { name: 'Open viewer' })).toBeTruthy();
  });

  it('reconnects on the next click when nothing live is on screen', () => {
    const r = fakeRuntime();
    startContent(r.runtime);
    r.last().push({ type: 'view', view: { kind: 'confirm', conversationId: CID }, show: true });
    vi.useFakeTimers();
    r.last().drop();
    vi.advanceTimersByTime(RECONNECT_DELAY_MS * 10);
    vi.useRealTimers();
    expect(r.ports).toHaveLength(1);
    agentClick(overlayRoot().getByRole('button', { name: 'Start anyway' }));
    expect(r.ports).toHaveLength(2);
    expect(r.last().sent).toEqual([
      { type: 'hello' },
      { type: 'action', action: 'start', conversationId: CID, options: { confirmed: true } },
    ]);
  });

  it('stays quiet when the extension was reloaded (connect throws)', () => {
    const runtime: RuntimeLike = {
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
    };
    expect(() => startContent(runtime)).not.toThrow();
  });
});
