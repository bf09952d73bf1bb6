// The token as storage.session holds it: bound to the environment and client it came from, read
// back only for that binding. A token of another binding is revoked where it was issued and
// dropped on the first read that sees it.
import { maskSecrets } from '../../shared/redact';
import { endpoints, isValidBaseUrl, type Settings } from '../../shared/settings';
import type { StorageAreaLike } from '../../shared/storage';
import type { TokenSet } from './token-endpoint';

export const TOKEN_KEY = 'auth.token';

export interface Profile {
  user: { id: string; name: string };
  org: { id: string; name: string };
}

/** What storage.session holds: the token, bound to the environment and client it came from. */
export interface StoredToken extends TokenSet {
  /** endpoints(env).login + client id: a token from another org or client is never reused */
  boundTo: string;
  /** endpoints(env).api of the environment it was issued for: where it is revoked */
  apiBase?: string;
  profile?: Profile;
}

/** The user a stored token belongs to; undefined: no token, or its profile was not read. */
export const userOfToken = (token: unknown): string | undefined =>
  (token as Partial<StoredToken> | undefined)?.profile?.user?.id;

/**
 * Whether a storage.session change of TOKEN_KEY stores a token of another user than `lastUser`
 * (the last one a token was stored for; the change's old token when unknown): a sign-in as
 * someone else, or a silent renewal that came back as another user. A token whose user could
 * not be read counts as another user. A removed token (sign-out, expired session) is not a switch
 * yet: the next sign-in decides, so a start that waited for the same user's sign-in resumes.
 */
export function switchedUser(
  lastUser: string | undefined,
  change: { oldValue?: unknown; newValue?: unknown },
): boolean {
  if (!change.newValue) return false;
  const previous = lastUser ?? userOfToken(change.oldValue);
  return previous !== undefined && userOfToken(change.newValue) !== previous;
}

export const bindingOf = (s: Settings) => `${endpoints(s.environment).login}|${s.clientId}`;

/**
 * The API base a stored token was issued for: recorded since it was stored, else derived from
 * its binding (`https://login.{domain}` → `https://api.{domain}`; a custom base serves both).
 */
export function apiBaseOf(token: Pick<StoredToken, 'boundTo' | 'apiBase'>): string | undefined {
  if (token.apiBase) return token.apiBase;
  const login = token.boundTo.split('|')[0] ?? '';
  if (!isValidBaseUrl(login)) return undefined;
  const url = new URL(login);
  if (url.protocol === 'https:' && url.hostname.startsWith('login.')) {
    url.hostname = `api.${url.hostname.slice('login.'.length)}`;
  }
  return url.origin;
}

/** Resolves when `p` settles or after `ms`, whichever is first; never rejects. */
function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([p.then(() => undefined), limit])
    .catch((err) => {
      console.warn(`Revoking the previous environment's token failed: ${maskSecrets(String(err))}`);
    })
    .finally(() => clearTimeout(timer));
}

export interface TokenStoreDeps {
  storage: StorageAreaLike;
  revoke: (accessToken: string, apiBase?: string) => Promise<void>;
  revokeTimeoutMs?: number;
  /**
   * Keep the stored token in memory (the worker, where every request reads it). Its writes go
   * through this store; invalidate() covers a change made elsewhere (storage.onChanged).
   */
  memoryCache?: boolean;
}

export interface TokenStore {
  /** The stored token when it is bound to `settings`; a foreign one is dropped first. */
  read(settings: Settings): Promise<StoredToken | undefined>;
  write(token: StoredToken): Promise<void>;
  remove(): Promise<void>;
  /** The next read goes to storage (it changed outside this store). */
  invalidate(): void;
}

export function createTokenStore(deps: TokenStoreDeps): TokenStore {
  let dropping: Promise<void> | null = null;
  // undefined: not read yet (or invalidated); null: read, none stored.
  let memory: StoredToken | null | undefined;
  let generation = 0;

  async function storedToken(): Promise<StoredToken | undefined> {
    if (memory !== undefined) return memory ?? undefined;
    const mine = generation;
    const value = (await deps.storage.get(TOKEN_KEY))[TOKEN_KEY] as StoredToken | undefined;
    if (deps.memoryCache && mine === generation) memory = value ?? null;
    return value;
  }
  const remember = (token: StoredToken | null) => {
    generation++;
    memory = deps.memoryCache ? token : undefined;
  };

  async function read(settings: Settings): Promise<StoredToken | undefined> {
    const stored = await storedToken();
    if (!stored || typeof stored.accessToken !== 'string') return undefined;
    if (stored.boundTo !== bindingOf(settings)) {
      // The admin or agent switched region or client: that token belongs to someone else.
      dropping ??= dropForeign(stored).finally(() => {
        dropping = null;
      });
      await dropping;
      return undefined;
    }
    return stored;
  }

  /**
   * A token of another environment (or client) still works there until it expires: revoke it at
   * its own API base first (never at the new one), best effort and bounded in time; it is
   * dropped whatever the outcome.
   */
  async function dropForeign(stored: StoredToken): Promise<void> {
    const apiBase = apiBaseOf(stored);
    try {
      if (apiBase) {
        await settleWithin(deps.revoke(stored.accessToken, apiBase), deps.revokeTimeoutMs ?? 5_000);
      }
    } finally {
      remember(null);
      await deps.storage.remove(TOKEN_KEY);
    }
  }

  return {
    read,
    async write(token) {
      remember(token);
      await deps.storage.set({ [TOKEN_KEY]: token });
    },
    async remove() {
      remember(null);
      await deps.storage.remove(TOKEN_KEY);
    },
    invalidate() {
      generation++;
      memory = undefined;
    },
  };
}
