// What the panel bridge remembers: each tab's state (storage.session, so a panel that
// reconnects after a worker restart gets its session back) and where the agent put the panel
// on each site (storage.local). Writes go out one at a time, in call order.
import type { OverlayView, PanelPlace } from '../shared/protocol';
import { createSerial } from '../shared/serial';
import type { Origin } from '../shared/session';
import type { StorageAreaLike } from '../shared/storage';

export const TABS_KEY = 'overlay.tabs';
/** storage.local: where the agent put the panel, per site (origin), newest last. */
export const PLACES_KEY = 'panel.places';
const MAX_PLACES = 100;

export type StorageLike = Pick<StorageAreaLike, 'get' | 'set'>;

/** What the background remembers about a tab it put the panel on. */
export interface TabState {
  origin: Origin;
  /** The session this tab shows (live updates go to it). */
  conversationId?: string;
  /** Ids this tab may start: the picker's, the confirm's, the failed start's. */
  allowed: string[];
  /** The error view's retry re-runs the trigger (no id to retry). */
  retryTrigger?: boolean;
  /** The panel frame's key (see overlay.ts); made on the first show in each page (document). */
  key?: string;
  /** The document the key was given to. */
  document?: string;
  /** The last view shown that is not a session's (a session's is always its latest snapshot). */
  view?: OverlayView;
}

const isTabState = (x: unknown): x is TabState =>
  typeof x === 'object' && x !== null && Array.isArray((x as TabState).allowed);

export interface TabStore {
  /** The states, read from storage once after a restart, then kept in memory. */
  load(): Promise<Map<number, TabState>>;
  /** The states if loaded (no tab was shown anything since the restart otherwise). */
  loaded(): Map<number, TabState> | undefined;
  save(map: Map<number, TabState>): Promise<void>;
}

export function createTabStore(storage: StorageLike, log: (m: string) => void): TabStore {
  let tabs: Map<number, TabState> | undefined;
  let loading: Promise<Map<number, TabState>> | undefined;
  const serial = createSerial();
  return {
    load() {
      if (tabs) return Promise.resolve(tabs);
      loading ??= storage.get(TABS_KEY).then(
        (items) => {
          const raw = items[TABS_KEY];
          const map = new Map<number, TabState>();
          if (raw && typeof raw === 'object') {
            for (const [k, s] of Object.entries(raw)) if (isTabState(s)) map.set(Number(k), s);
          }
          tabs ??= map;
          return tabs;
        },
        () => {
          tabs ??= new Map();
          return tabs;
        },
      );
      return loading;
    },
    loaded: () => tabs,
    async save(map) {
      const snapshot = Object.fromEntries(map);
      await serial(() => storage.set({ [TABS_KEY]: snapshot })).catch((err) =>
        log(`overlay tabs not saved: ${String(err)}`),
      );
    },
  };
}

/** Where the agent put the panel, per origin, in storage.local (the oldest site dropped first). */
export function createPlaceStore(storage: StorageLike | undefined, log: (m: string) => void) {
  const read = async (): Promise<Record<string, PanelPlace>> => {
    if (!storage) return {};
    try {
      const raw = (await storage.get(PLACES_KEY))[PLACES_KEY];
      return raw && typeof raw === 'object' ? (raw as Record<string, PanelPlace>) : {};
    } catch {
      return {};
    }
  };
  const serial = createSerial();
  return {
    async get(origin: string): Promise<PanelPlace | undefined> {
      const place = (await read())[origin];
      const ok = place && Number.isFinite(place.right) && Number.isFinite(place.bottom);
      return ok ? { right: place.right, bottom: place.bottom } : undefined;
    },
    set(origin: string, place: PanelPlace): Promise<void> {
      return serial(async () => {
        const all = await read();
        delete all[origin];
        all[origin] = place;
        const kept = Object.entries(all).slice(-MAX_PLACES);
        await storage?.set({ [PLACES_KEY]: Object.fromEntries(kept) });
      }).catch((err) => log(`panel place not saved: ${String(err)}`));
    },
  };
}
