// What a start needs that costs a request, kept in storage.session so it survives a worker stop
// (Chrome stops an idle worker after ~30 s, so the usual start is a cold one): the agent's
// rights, their conversation list and the notification channel. storage.session is readable
// only by trusted contexts and is emptied when the browser closes. Read once at worker start,
// in one call, together with the token it must belong to: data of another user is dropped.
import type { StorageAreaLike } from '../shared/storage';
import { TOKEN_KEY, userOfToken } from './auth/token-store';

export const WARM_KEYS = {
  rights: 'warm.rights',
  list: 'warm.conversations',
  channel: 'warm.channel',
} as const;

type Part = keyof typeof WARM_KEYS;

/** Every stored part names the user it belongs to. */
export interface Owned {
  userId: string;
}

export type WarmState = Partial<Record<Part, Owned & Record<string, unknown>>> & {
  /** The user of the stored token (signed in when set). */
  user?: string;
};

export interface WarmStore {
  /** The stored parts of the token's user (read once; later calls share the first read). */
  load(): Promise<WarmState>;
  save(part: Part, value: Owned): void;
  /** Another account or a sign-out: nothing stored may serve the next user. */
  clear(): Promise<void>;
}

const isOwned = (v: unknown): v is Owned & Record<string, unknown> =>
  typeof v === 'object' && v !== null && typeof (v as Owned).userId === 'string';

export function createWarmStore(deps: {
  storage: StorageAreaLike;
  log: (message: string) => void;
}): WarmStore {
  const { storage, log } = deps;
  const keys = Object.values(WARM_KEYS);
  let loaded: Promise<WarmState> | undefined;
  // Writes after a clear() of an older generation would put the old user's data back.
  let generation = 0;

  async function read(): Promise<WarmState> {
    const stored = await storage.get([...keys, TOKEN_KEY]);
    const user = userOfToken(stored[TOKEN_KEY]);
    const state: WarmState = user === undefined ? {} : { user };
    const foreign: string[] = [];
    for (const [part, key] of Object.entries(WARM_KEYS) as [Part, string][]) {
      const value = stored[key];
      if (value === undefined) continue;
      if (isOwned(value) && user !== undefined && value.userId === user) state[part] = value;
      else foreign.push(key);
    }
    if (foreign.length > 0) await storage.remove(foreign);
    return state;
  }

  return {
    load() {
      loaded ??= read().catch((err) => {
        log(`stored start data not read: ${String(err)}`);
        return {};
      });
      return loaded;
    },
    save(part, value) {
      const mine = generation;
      // After the first read: a save must not race the read that checks ownership.
      void (loaded ?? Promise.resolve({}))
        .then(() => (mine === generation ? storage.set({ [WARM_KEYS[part]]: value }) : undefined))
        .catch((err) => log(`${part} not stored: ${String(err)}`));
    },
    async clear() {
      generation++;
      loaded = Promise.resolve({});
      await storage.remove(keys);
    },
  };
}
