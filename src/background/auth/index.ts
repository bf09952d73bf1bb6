// The token's life in the background: interactive PKCE sign-in, silent renewal (refresh token
// when the server gave one, else a non-interactive auth flow), the 401 path, and sign-out.
// The token lives only in storage.session (trusted contexts only, see index.ts) and never leaves
// the background. Browser APIs are injected so tests drive every path.
import type { AuthStatus } from '../../shared/protocol';
import { maskSecrets } from '../../shared/redact';
import { type Environment, endpoints, isValidBaseUrl, type Settings } from '../../shared/settings';
import type { StorageAreaLike } from '../../shared/storage';
import {
  authorizeUrl,
  challengeS256,
  createState,
  createVerifier,
  parseRedirect,
  type RandomFill,
} from '../pkce';
import {
  AuthError,
  authorizeError,
  CLIENT_ID_MISSING,
  isNeedsSignIn,
  NEEDS_SIGN_IN,
} from './errors';
import { exchangeCode, refreshTokens, type TokenSet } from './token-endpoint';

export { AuthError, CLIENT_ID_MISSING, isNeedsSignIn, NEEDS_SIGN_IN } from './errors';
export type { TokenSet } from './token-endpoint';

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
  random?: RandomFill;
  /** Renew this long before expiry, so a request never goes out with a token about to lapse. */
  renewMarginMs?: number;
  timeoutMs?: number;
  /** How long dropping another environment's token waits for its revoke (default 5 s). */
  revokeTimeoutMs?: number;
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
}

export const environmentLabel = (env: Environment): string =>
  env.kind === 'region' ? env.domain : env.baseUrl;

const bindingOf = (s: Settings) => `${endpoints(s.environment).login}|${s.clientId}`;

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

export function createAuth(deps: AuthDeps): Auth {
  const margin = deps.renewMarginMs ?? 60_000;
  const tokenDeps = { fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs ?? 30_000 };
  let renewing: Promise<StoredToken> | null = null;
  let signingIn: Promise<AuthStatus> | null = null;
  let dropping: Promise<void> | null = null;

  const fresh = (t: StoredToken) => t.expiresAt - margin > deps.now();

  async function read(settings: Settings): Promise<StoredToken | undefined> {
    const stored = (await deps.storage.get(TOKEN_KEY))[TOKEN_KEY] as StoredToken | undefined;
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
      await deps.storage.remove(TOKEN_KEY);
    }
  }

  const write = (token: StoredToken) => deps.storage.set({ [TOKEN_KEY]: token });

  /** One run of the authorization code flow with PKCE. */
  async function authorize(settings: Settings, interactive: boolean): Promise<TokenSet> {
    const redirectUri = deps.getRedirectURL();
    if (!settings.clientId) throw new AuthError(CLIENT_ID_MISSING);
    const verifier = createVerifier(deps.random);
    const state = createState(deps.random);
    const loginBase = endpoints(settings.environment).login;
    const url = authorizeUrl({
      loginBase,
      clientId: settings.clientId,
      redirectUri,
      challenge: await challengeS256(verifier),
      state,
    });
    let redirected: string | undefined;
    try {
      redirected = await deps.launchWebAuthFlow({ url, interactive });
    } catch (err) {
      // Chrome rejects when the window is closed (also after Genesys showed an error page
      // there, e.g. "OAuth client ID or redirect URI is invalid"), or when a silent flow needs
      // interaction. The browser's words are kept so the details show which.
      const detail = err instanceof Error ? err.message : String(err);
      throw new AuthError(interactive ? 'access_denied' : NEEDS_SIGN_IN, detail);
    }
    if (!redirected) throw new AuthError(interactive ? 'access_denied' : NEEDS_SIGN_IN);
    const outcome = parseRedirect(redirected, state);
    if (outcome.kind === 'error') {
      throw authorizeError(outcome.error, outcome.description);
    }
    if (outcome.kind === 'state-mismatch') throw new AuthError('state.mismatch');
    if (outcome.kind === 'no-code') {
      throw new AuthError('malformed.response', `no code in ${redirected.split('?')[0]}`);
    }
    return exchangeCode(tokenDeps, {
      loginBase,
      clientId: settings.clientId,
      redirectUri,
      code: outcome.code,
      verifier,
    });
  }

  async function doRenew(settings: Settings, stored: StoredToken): Promise<StoredToken> {
    const loginBase = endpoints(settings.environment).login;
    let next: TokenSet | undefined;
    if (stored.refreshToken) {
      try {
        const got = await refreshTokens(tokenDeps, {
          loginBase,
          clientId: settings.clientId,
          refreshToken: stored.refreshToken,
        });
        // A refresh response may omit a new refresh token: keep using the old one then.
        next = { refreshToken: stored.refreshToken, ...got };
      } catch {
        next = undefined; // refused or unreachable: fall back to the silent auth flow
      }
    }
    // A refresh grant renews the same user's token; the silent flow signs in whoever holds the
    // Genesys login session now, which may be another user: only then is the profile re-read.
    let viaLogin = false;
    if (!next) {
      try {
        next = await authorize(settings, false);
        viaLogin = true;
      } catch (err) {
        // Inside the margin but not yet expired: the old token still works for now.
        if (stored.expiresAt > deps.now()) return stored;
        await deps.storage.remove(TOKEN_KEY);
        deps.onChange?.();
        const detail = err instanceof AuthError ? err.message : String(err);
        throw new AuthError(NEEDS_SIGN_IN, detail);
      }
    }
    const renewed: StoredToken = {
      ...next,
      boundTo: stored.boundTo,
      ...(stored.apiBase ? { apiBase: stored.apiBase } : {}),
    };
    const profile =
      viaLogin && deps.loadProfile
        ? // Unread (failed): no profile rather than the old user's, so a switch is never hidden.
          await deps.loadProfile(next.accessToken).catch(() => undefined)
        : stored.profile;
    if (profile) renewed.profile = profile;
    await write(renewed);
    if (profile?.user.id !== stored.profile?.user.id) deps.onChange?.();
    return renewed;
  }

  /** Single flight: every caller during a renewal waits for the same one. */
  function renew(settings: Settings, stored: StoredToken): Promise<StoredToken> {
    renewing ??= doRenew(settings, stored).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  async function getToken(): Promise<string> {
    if (renewing) return (await renewing).accessToken;
    const settings = await deps.getSettings();
    const stored = await read(settings);
    // Never signed in, or signed out: no silent sign-in behind the agent's back.
    if (!stored) throw new AuthError(NEEDS_SIGN_IN);
    if (fresh(stored)) return stored.accessToken;
    return (await renew(settings, stored)).accessToken;
  }

  async function renewAfterUnauthorized(staleToken: string): Promise<string> {
    if (renewing) return (await renewing).accessToken;
    const settings = await deps.getSettings();
    const stored = await read(settings);
    if (!stored) throw new AuthError(NEEDS_SIGN_IN);
    // Someone renewed since this request went out: use theirs.
    if (stored.accessToken !== staleToken && fresh(stored)) return stored.accessToken;
    // Genesys refused the token (revoked, or idle-timed-out): treat it as expired.
    const dead: StoredToken = { ...stored, expiresAt: 0 };
    await write(dead);
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
    const stored = await read(settings);
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
    const token = await authorize(settings, true);
    const stored: StoredToken = {
      ...token,
      boundTo: bindingOf(settings),
      apiBase: endpoints(settings.environment).api,
    };
    if (deps.loadProfile) {
      // The status line is a nicety: a failure here must not undo a good sign-in.
      stored.profile = await deps.loadProfile(token.accessToken).catch(() => undefined);
      if (!stored.profile) delete stored.profile;
    }
    await write(stored);
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
    const stored = await read(settings);
    try {
      if (stored) await deps.revoke(stored.accessToken);
    } catch (err) {
      // Clearing matters more than the revoke: the token is dropped here either way, and
      // Genesys ends it at its expiry or idle timeout.
      console.warn(
        `Token revoke failed; clearing the local token anyway. ${maskSecrets(String(err))}`,
      );
    } finally {
      await deps.storage.remove(TOKEN_KEY);
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
  };
}
