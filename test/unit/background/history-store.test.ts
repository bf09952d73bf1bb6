import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { createHistory, HISTORY_KEY, historyHandlers } from '../../../src/background/history';
import { createRouter } from '../../../src/background/router';
import type { SessionSnapshot } from '../../../src/shared/session';
import { requestedSnapshot } from '../support/snapshot-fixtures';

const CONV = '11111111-2222-4333-8444-555555555555';
const T0 = Date.UTC(2025, 2, 7, 9, 30, 0);

const snapshot = (patch: Partial<SessionSnapshot> = {}) => requestedSnapshot(CONV, T0, patch);

const history = () => createHistory({ storage: fakeBrowser.storage.local });

describe('history store (storage.local)', () => {
  it('follows one attempt from creating to its outcome in one entry', async () => {
    const h = history();
    await h.record(snapshot());
    await h.record(snapshot({ state: 'offered', sessionId: 's-1', updatedAt: T0 + 1 }));
    await h.record(
      snapshot({
        state: 'ended',
        sessionId: 's-1',
        timeline: [
          { at: T0, step: 'requested' },
          { at: T0 + 2, step: 'ended', detail: 'agent' },
        ],
        updatedAt: T0 + 2,
      }),
    );
    const list = await h.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ outcome: 'ended', reason: 'agent', sessionId: 's-1' });
    // Stored locally, never in sync.
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect((await fakeBrowser.storage.local.get(HISTORY_KEY))[HISTORY_KEY]).toEqual(list);
  });

  it('keeps every record when they are made back to back (no lost read-modify-write)', async () => {
    const h = history();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.record(snapshot({ timeline: [{ at: T0 + i, step: 'requested' }], updatedAt: T0 + i })),
      ),
    );
    expect((await h.list()).map((e) => e.startedAt)).toEqual(
      Array.from({ length: 8 }, (_, i) => T0 + 7 - i),
    );
  });

  it('a list asked for right after a record includes it', async () => {
    const h = history();
    void h.record(snapshot());
    expect(await h.list()).toHaveLength(1);
  });

  it('keeps only the newest max', async () => {
    const h = createHistory({ storage: fakeBrowser.storage.local, max: 3 });
    for (let i = 0; i < 5; i++) {
      await h.record(
        snapshot({ timeline: [{ at: T0 + i, step: 'requested' }], updatedAt: T0 + i }),
      );
    }
    expect((await h.list()).map((e) => e.startedAt)).toEqual([T0 + 4, T0 + 3, T0 + 2]);
  });

  it('drops malformed stored entries and clears', async () => {
    await fakeBrowser.storage.local.set({ [HISTORY_KEY]: [{ nope: 1 }, 'x'] });
    const h = history();
    expect(await h.list()).toEqual([]);
    await h.record(snapshot());
    expect(await h.list()).toHaveLength(1);
    await fakeBrowser.storage.local.set({ other: 'kept' });
    await h.clear();
    expect(await h.list()).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ other: 'kept' });
  });
});

describe('history requests', () => {
  const EXT = 'chrome-extension://abc/';
  const router = () => {
    const r = createRouter({ extensionId: () => 'abc', extensionUrl: () => EXT });
    const h = history();
    r.register(historyHandlers(h));
    return { r, h };
  };
  const popup = { id: 'abc', url: `${EXT}src/popup/index.html` };

  it('lists and clears for the extension’s pages', async () => {
    const { r, h } = router();
    await h.record(snapshot());
    const listed = await r.handle({ type: 'history.list', payload: {} }, popup);
    expect(listed.ok && (listed.value as unknown[]).length).toBe(1);
    expect(await r.handle({ type: 'history.clear', payload: {} }, popup)).toEqual({
      ok: true,
      value: [],
    });
    expect(await h.list()).toEqual([]);
  });

  it('refuses content scripts (web pages) and malformed payloads', async () => {
    const { r, h } = router();
    await h.record(snapshot());
    const page = { id: 'abc', url: 'https://evil.example/', tab: { id: 1 } as never };
    const read = await r.handle({ type: 'history.list', payload: {} }, page);
    expect(read.ok || read.error.code).toBe('sender.refused');
    const wipe = await r.handle({ type: 'history.clear', payload: {} }, page);
    expect(wipe.ok || wipe.error.code).toBe('sender.refused');
    const bad = await r.handle({ type: 'history.clear', payload: 'all' }, popup);
    expect(bad.ok || bad.error.code).toBe('request.malformed');
    expect(await h.list()).toHaveLength(1);
  });
});
