// The one storage-area interface: the part of a browser storage area (storage.session, local,
// sync, managed) the extension uses. Modules take what they need of it (Pick<…>), so tests pass
// @webext-core/fake-browser's areas or a small object.

export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
