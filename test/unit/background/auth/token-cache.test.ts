// The worker keeps the stored token in memory: one storage read serves every request, its own
// writes update the copy, and invalidate() (storage.onChanged) makes the next read go to storage.
import { describe, expect, it, vi } from 'vitest';
import {
  bindingOf,
  createTokenStore,
  type StoredToken,
  TOKEN_KEY,
} from '../../../../src/background/auth/token-store';
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings';

const settings = { ...DEFAULT_SETTINGS, clientId: 'client' };
const token = (accessToken: string): StoredToken => ({
  accessToken,
  expiresAt: Date.now() + 3_600_000,
  boundTo: bindingOf(settings),
});

function area(initial?: StoredToken) {
  const data: Record<string, unknown> = initial ? { [TOKEN_KEY]: initial } : {};
  return {
    data,
    get: vi.fn(async () => ({ ...data })),
    set: vi.fn(async (items: Record<string, unknown>) => {
      Object.assign(data, items);
    }),
    remove: vi.fn(async () => {
      delete data[TOKEN_KEY];
    }),
  };
}

describe('token store memory cache', () => {
  it('reads storage once; its own writes and removes update the copy', async () => {
    const storage = area(token('a'));
    const store = createTokenStore({ storage, revoke: async () => undefined, memoryCache: true });
    for (let i = 0; i < 5; i++) expect((await store.read(settings))?.accessToken).toBe('a');
    expect(storage.get).toHaveBeenCalledTimes(1);
    await store.write(token('b'));
    expect((await store.read(settings))?.accessToken).toBe('b');
    await store.remove();
    expect(await store.read(settings)).toBeUndefined();
    expect(storage.get).toHaveBeenCalledTimes(1);
  });

  it('invalidate() reads the change made elsewhere', async () => {
    const storage = area(token('a'));
    const store = createTokenStore({ storage, revoke: async () => undefined, memoryCache: true });
    await store.read(settings);
    storage.data[TOKEN_KEY] = token('c');
    expect((await store.read(settings))?.accessToken).toBe('a');
    store.invalidate();
    expect((await store.read(settings))?.accessToken).toBe('c');
  });

  it('without memoryCache every read goes to storage (other contexts)', async () => {
    const storage = area(token('a'));
    const store = createTokenStore({ storage, revoke: async () => undefined });
    await store.read(settings);
    await store.read(settings);
    expect(storage.get).toHaveBeenCalledTimes(2);
  });

  it('a token of another binding is still dropped, cached or not', async () => {
    const storage = area({ ...token('old'), boundTo: 'https://login.other|client' });
    const revoke = vi.fn(async () => undefined);
    const store = createTokenStore({ storage, revoke, memoryCache: true });
    expect(await store.read(settings)).toBeUndefined();
    expect(revoke).toHaveBeenCalledWith('old', 'https://api.other');
    expect(storage.data[TOKEN_KEY]).toBeUndefined();
  });
});
