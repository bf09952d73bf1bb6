// The worker's settings: read once and kept until a storage change invalidates them; a read that
// began before the change is not kept.
import { describe, expect, it, vi } from 'vitest';
import { cachedSettingsStore, createSettingsStore } from '../../../src/shared/settings-store';

function areas(sync: Record<string, unknown> = {}) {
  const data = { ...sync };
  const syncArea = {
    get: vi.fn(async () => ({ ...data })),
    set: vi.fn(async (items: Record<string, unknown>) => {
      Object.assign(data, items);
    }),
  };
  const managed = { get: vi.fn(async () => ({})) };
  return { data, sync: syncArea, managed };
}

describe('cachedSettingsStore', () => {
  it('reads storage once for many loads, and again after invalidate()', async () => {
    const a = areas({ badge: false });
    const store = cachedSettingsStore(createSettingsStore(a));
    for (let i = 0; i < 11; i++) expect((await store.load()).settings.badge).toBe(false);
    expect(a.sync.get).toHaveBeenCalledTimes(1);
    a.data.badge = true;
    expect((await store.load()).settings.badge).toBe(false);
    store.invalidate();
    expect((await store.load()).settings.badge).toBe(true);
    expect(a.sync.get).toHaveBeenCalledTimes(2);
  });

  it('does not keep a load that began before an invalidate()', async () => {
    const a = areas({ badge: false });
    const store = cachedSettingsStore(createSettingsStore(a));
    const early = store.load();
    a.data.badge = true;
    store.invalidate();
    await early;
    expect((await store.load()).settings.badge).toBe(true);
  });

  it('a save is seen by the next load', async () => {
    const a = areas({ badge: false });
    const store = cachedSettingsStore(createSettingsStore(a));
    await store.load();
    await store.save({ badge: true });
    expect((await store.load()).settings.badge).toBe(true);
  });
});
