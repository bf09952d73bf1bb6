// The session history store: the newest HISTORY_MAX attempts, in storage.local (this browser
// only: never sync, it holds customer names) under one key. The cobrowse service's onSnapshot
// calls record() on every persisted change, so one entry per attempt follows it to its outcome.
// The popup reads and clears it through the router (extension pages only).
import { HISTORY_MAX, type HistoryEntry, isEntry, toEntry, upsert } from '../shared/history-entry';
import { REQUEST_PAYLOADS as P, type RequestName } from '../shared/protocol/requests';
import { createSerial } from '../shared/serial';
import type { SessionSnapshot } from '../shared/session';
import type { StorageAreaLike } from '../shared/storage';
import type { Handlers } from './router';

export const HISTORY_KEY = 'history.entries';

export interface History {
  /** Upserts the snapshot's attempt (idempotent: the same snapshot twice changes nothing). */
  record(snapshot: SessionSnapshot): Promise<void>;
  /** Newest first. Waits for records already made, so a view asking after a push sees it. */
  list(): Promise<HistoryEntry[]>;
  clear(): Promise<void>;
}

export interface HistoryDeps {
  /** browser.storage.local */
  storage: StorageAreaLike;
  max?: number;
}

// No clock: an entry's times are the snapshot's own (its timeline and updatedAt).
export function createHistory({ storage, max = HISTORY_MAX }: HistoryDeps): History {
  // Each record is a read-modify-write of one key: run them one at a time, in call order, so
  // two quick snapshots never overwrite each other's result.
  const serial = createSerial();

  async function load(): Promise<HistoryEntry[]> {
    const stored = (await storage.get(HISTORY_KEY))[HISTORY_KEY];
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  return {
    record: (snapshot) =>
      serial(async () => {
        const list = await load();
        const next = upsert(list, toEntry(snapshot), max);
        if (JSON.stringify(next) === JSON.stringify(list)) return;
        await storage.set({ [HISTORY_KEY]: next });
      }),
    list: () => serial(load),
    clear: () => serial(() => storage.remove(HISTORY_KEY)),
  };
}

/** The router's history requests: the popup only (content scripts run inside web pages). */
export type HistoryRequest = Extract<RequestName, `history.${string}`>;

export function historyHandlers(history: History): Handlers<HistoryRequest> {
  return {
    'history.list': { from: 'pages', payload: P['history.list'], handle: () => history.list() },
    'history.clear': {
      from: 'pages',
      payload: P['history.clear'],
      handle: async () => {
        await history.clear();
        return history.list();
      },
    },
  };
}
