// What the signed-in agent may do, cached for the start path: the token's scopes (tokens/me)
// and the user's permissions (users/me?expand=authorization). A warm cache answers at once and
// refreshes itself in the background when old, so a start never waits on these two calls
// (only the very first one after sign-in does). A 403 from the POST forces a refresh. Rights
// stored by an earlier worker (restore) count as cached: a cold start reads no rights either.
import { type CobrowsePermissions, cobrowsePermissions } from '../../shared/permissions';
import type { GenesysClient } from '../genesys';

export interface Rights {
  userId: string;
  scopes: string[];
  permissions: string[];
  cobrowse: CobrowsePermissions;
  /** epoch ms */
  fetchedAt: number;
}

export interface RightsCache {
  /** The cached rights (refreshed in the background when stale), or fetched when none. */
  get(): Promise<Rights>;
  /** Fetch now (single flight); the next get() sees the result. */
  refresh(): Promise<Rights>;
  /** Forget (sign-out, another account). */
  clear(): void;
}

export const RIGHTS_MAX_AGE_MS = 5 * 60_000;

export function createRightsCache(deps: {
  api: Pick<GenesysClient, 'getTokenInfo' | 'getMe'>;
  now: () => number;
  maxAgeMs?: number;
  log?: (message: string) => void;
  /** Rights an earlier worker stored (read once, before the first get). */
  restore?: () => Promise<Rights | undefined>;
  /** Keeps fetched rights for the next worker. */
  persist?: (rights: Rights) => void;
}): RightsCache {
  const maxAge = deps.maxAgeMs ?? RIGHTS_MAX_AGE_MS;
  let cached: Rights | undefined;
  let inflight: Promise<Rights> | undefined;
  let generation = 0;
  // The stored rights, taken once; a clear() before they arrive discards them.
  const restoring = (async () => {
    const mine = generation;
    const stored = await deps.restore?.().catch(() => undefined);
    if (stored && mine === generation && !cached) cached = stored;
  })();

  function refresh(): Promise<Rights> {
    if (inflight) return inflight;
    const mine = generation;
    const run = (async () => {
      const [info, me] = await Promise.all([deps.api.getTokenInfo(), deps.api.getMe()]);
      const permissions = me.authorization?.permissions ?? [];
      const rights: Rights = {
        userId: me.id,
        scopes: info.authorizedScope,
        permissions,
        cobrowse: cobrowsePermissions(permissions),
        fetchedAt: deps.now(),
      };
      // A clear() while this was in flight wins: the answer may belong to the old account.
      if (mine === generation) {
        cached = rights;
        deps.persist?.(rights);
      }
      return rights;
    })();
    inflight = run;
    run.then(
      () => {
        if (inflight === run) inflight = undefined;
      },
      () => {
        if (inflight === run) inflight = undefined;
      },
    );
    return run;
  }

  return {
    async get() {
      if (!cached && deps.restore) await restoring;
      if (!cached) return refresh();
      if (deps.now() - cached.fetchedAt > maxAge) {
        refresh().catch((err) => deps.log?.(`rights refresh failed: ${String(err)}`));
      }
      return cached;
    },
    refresh,
    clear() {
      cached = undefined;
      inflight = undefined;
      generation++;
    },
  };
}
