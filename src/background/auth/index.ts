// The token's life in the background: interactive PKCE sign-in, silent renewal (refresh token
// when the server gave one, else a non-interactive auth flow), the 401 path, and sign-out.
// The token lives only in storage.session (trusted contexts only, see index.ts) and never leaves
// the background. Browser APIs are injected so tests drive every path.
import type { AuthStatus } from '../../shared/protocol';
import { maskSecrets } from '../../shared/redact';
import { type Environment, endpoints, type Settings } from '../../shared/settings';
import type { StorageAreaLike } from '../../shared/storage';
import type { RandomFill } from '../pkce';
import { authorize } from './authorize';
import { AuthError, isNeedsSignIn, NEEDS_SIGN_IN } from './errors';
import { readProfile, renewToken, type TokenOutcome } from './renewal';
import { bindingOf, createTokenStore, type Profile, type StoredToken } from './token-store';

export { AuthError, CLIENT_ID_MISSING, isNeedsSignIn, NEEDS_SIGN_IN } from './errors';
export type { TokenOutcome } from './renewal';
export type { TokenSet } from './token-endpoint';
export {
  apiBaseOf,
  type Profile,
  type StoredToken,
  switchedUser,
  TOKEN_KEY,
  userOfToken,
} from './token-store';

export interface AuthDeps {
  launchWebAuthFlow: (details: {
    url: string;
    interactive: boolean;
  }) => Promise<string | undefined>;
  getRedirectURL: () => string;
  storage: StorageAreaLike;
  fetch: typeof fetch;
  now: () => number;
  getSettings: () => Promise<Settings>;
  /**
   * DELETE /api/v2/tokens/me with this token (the Genesys client's revokeToken), at `apiBase`
   * when given (a token of an environment the settings no longer name), else the current one.
   */
  revoke: (accessToken: string, apiBase?: string) => Promise<void>;
  /** Reads user and org for the status line, with the fresh token. */
  loadProfile?: (accessToken: string) => Promise<Profile>;
  /** Called after sign-in, sign-out, or a renewal that ended the session (views are told). */
  onChange?: () => void;
  /** Told how each token set came and whether it carried a refresh token (nothing secret). */
  onTokenSet?: (outcome: TokenOutcome) => void;
  random?: RandomFill;
  /** Renew this long before expiry, so a request never goes out with a token about to lapse. */
  renewMarginMs?: number;
  timeoutMs?: number;
  /** How long dropping another environment's token waits for its revoke (default 5 s). */
  revokeTimeoutMs?: number;
  /** Keep the token in memory (the worker); tokenChanged() drops the copy. */
  memoryCache?: boolean;
}

export interface Auth {
  /** A valid access token, renewed silently if needed; AuthError 'needs.signin' otherwise. */
  getToken(): Promise<string>;
  /** After a 401 with `staleToken`: renew once (shared with concurrent callers) and return the new one. */
  renewAfterUnauthorized(staleToken: string): Promise<string>;
  /** Interactive sign-in (opens the Genesys login window). */
  signIn(): Promise<AuthStatus>;
  /** Revokes the token at Genesys, then clears it, even when the revoke fails. */
  signOut(): Promise<AuthStatus>;
  status(): Promise<AuthStatus>;
  /** The URI the admin must register on the OAuth client. */
  redirectUri(): string;
  /** storage.session's token changed: the in-memory copy is read again. */
  tokenChanged?(): void;
}

export function environmentLabel(env: Environment): string {
  return env.kind === 'region' ? env.domain : env.baseUrl;
}

export function createAuth(deps: AuthDeps): Auth {
  const margin = deps.renewMarginMs ?? 60_000;
  const tokenDeps = { fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs ?? 30_000 };
  const store = createTokenStore(deps);
  const authorizeWith = (settings: Settings, interactive: boolean) =>
    authorize(deps, tokenDeps, settings, interactive);
  const renewalTools = {
    store,
    tokenDeps,
    authorizeSilently: (settings: Settings) => authorizeWith(settings, false),
  };
  let renewing: Promise<StoredToken> | null = null;
  let signingIn: Promise<AuthStatus> | null = null;

  const fresh = (t: StoredToken) => t.expiresAt - margin > deps.now();

  /** Single flight: every caller during a renewal waits for the same one. */
  function renew(settings: Settings, stored: StoredToken): Promise<StoredToken> {
    renewing ??= renewToken(deps, renewalTools, settings, stored).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  async function getToken(): Promise<string> {
    if (renewing) return (await renewing).accessToken;
    const settings = await deps.getSettings();
    const stored = await store.read(settings);
    // Never signed in, or signed out: no silent sign-in behind the agent's back.
    if (!stored) throw new AuthError(NEEDS_SIGN_IN);
    if (fresh(stored)) return stored.accessToken;
    return (await renew(settings, stored)).accessToken;
  }

  async function renewAfterUnauthorized(staleToken: string): Promise<string> {
    if (renewing) return (await renewing).accessToken;
    const settings = await deps.getSettings();
    const stored = await store.read(settings);
    if (!stored) throw new AuthError(NEEDS_SIGN_IN);
    // Someone renewed since this request went out: use theirs.
    if (stored.accessToken !== staleToken && fresh(stored)) return stored.accessToken;
    // Genesys refused the token (revoked, or idle-timed-out): treat it as expired.
    const dead: StoredToken = { ...stored, expiresAt: 0 };
    await store.write(dead);
    return (await renew(settings, dead)).accessToken;
  }

  async function status(): Promise<AuthStatus> {
    const settings = await deps.getSettings();
    const environment = environmentLabel(settings.environment);
    try {
      await getToken();
    } catch (err) {
      if (isNeedsSignIn(err)) return { signedIn: false, environment };
      throw err;
    }
    const stored = await store.read(settings);
    if (!stored) return { signedIn: false, environment };
    return {
      signedIn: true,
      environment,
      expiresAt: stored.expiresAt,
      ...(stored.profile ?? {}),
    };
  }

  async function doSignIn(): Promise<AuthStatus> {
    const settings = await deps.getSettings();
    const token = await authorizeWith(settings, true);
    const stored: StoredToken = {
      ...token,
      boundTo: bindingOf(settings),
      apiBase: endpoints(settings.environment).api,
    };
    if (deps.loadProfile) {
      // Read up to three times (it names the token's user); a failure never undoes the sign-in.
      const profile = await readProfile(deps.loadProfile, token.accessToken);
      if (profile) stored.profile = profile;
    }
    await store.write(stored);
    deps.onTokenSet?.({ via: 'sign-in', refreshToken: Boolean(token.refreshToken) });
    deps.onChange?.();
    return status();
  }

  function signIn(): Promise<AuthStatus> {
    signingIn ??= doSignIn().finally(() => {
      signingIn = null;
    });
    return signingIn;
  }

  async function signOut(): Promise<AuthStatus> {
    const settings = await deps.getSettings();
    const stored = await store.read(settings);
    try {
      if (stored) await deps.revoke(stored.accessToken);
    } catch (err) {
      // Clearing matters more than the revoke: the token is dropped here either way, and
      // Genesys ends it at its expiry or idle timeout.
      console.warn(
        `Token revoke failed; clearing the local token anyway. ${maskSecrets(String(err))}`,
      );
    } finally {
      await store.remove();
      deps.onChange?.();
    }
    return { signedIn: false, environment: environmentLabel(settings.environment) };
  }

  return {
    getToken,
    renewAfterUnauthorized,
    signIn,
    signOut,
    status,
    redirectUri: () => deps.getRedirectURL(),
    tokenChanged: () => store.invalidate(),
  };
}
