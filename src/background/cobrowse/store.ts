// Persistence of cobrowse sessions in storage.session (trusted contexts only: see index.ts), so a
// service-worker restart loses nothing. One key per conversation: a write never races another
// conversation's. Besides the snapshot, a record keeps what the views need not see (the path that
// ends the session server-side).

import { createSerial } from '../../shared/serial';
import type { SessionSnapshot } from '../../shared/session';
import type { StorageAreaLike } from '../../shared/storage';

export const SESSION_KEY_PREFIX = 'cobrowse.session.';

export interface StoredSession {
  snapshot: SessionSnapshot;
  /** The guest route from the create answer's selfUri, used to end the session at Genesys. */
  endPath?: string;
}

/** The part of a storage area the store uses (browser.storage.session fits). */

export interface SessionStore {
  loadAll(): Promise<StoredSession[]>;
  put(record: StoredSession): Promise<void>;
  remove(conversationId: string): Promise<void>;
}

const isRecord = (v: unknown): v is StoredSession => {
  const s = (v as { snapshot?: Partial<SessionSnapshot> } | null)?.snapshot;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.conversationId === 'string' &&
    typeof s.state === 'string' &&
    Array.isArray(s.timeline)
  );
};

export function createSessionStore(area: StorageAreaLike): SessionStore {
  // Writes go out in the order they were made, so an older snapshot never lands last.
  const serial = createSerial();

  return {
    async loadAll() {
      const all = await area.get(null);
      return Object.entries(all)
        .filter(([key, value]) => key.startsWith(SESSION_KEY_PREFIX) && isRecord(value))
        .map(([, value]) => value as StoredSession);
    },
    put: (record) =>
      serial(() => area.set({ [SESSION_KEY_PREFIX + record.snapshot.conversationId]: record })),
    remove: (conversationId) => serial(() => area.remove(SESSION_KEY_PREFIX + conversationId)),
  };
}
