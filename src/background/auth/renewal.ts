// Silent renewal of a stored token: the refresh grant when the server gave a refresh token, else
// a non-interactive auth flow; when neither works and the token has lapsed, the session ends.

import { withRetries } from '../../shared/retry';
import { endpoints, type Settings } from '../../shared/settings';
import { AuthError, NEEDS_SIGN_IN } from './errors';
import { refreshTokens, type TokenEndpointDeps, type TokenSet } from './token-endpoint';
import type { Profile, StoredToken, TokenStore } from './token-store';

/** How a token set was obtained, and whether its answer carried a refresh token. */
export interface TokenOutcome {
  via: 'sign-in' | 'silent-sign-in' | 'refresh';
  refreshToken: boolean;
  /** A renewal whose refresh token the server refused before the silent sign-in. */
  refreshRefused?: boolean;
}

/** The auth's own deps (AuthDeps), read at call time. */
export interface RenewalDeps {
  now: () => number;
  loadProfile?: (accessToken: string) => Promise<Profile>;
  onChange?: () => void;
  /** Told how each token set came (what the org does, learned at run time). */
  onTokenSet?: (outcome: TokenOutcome) => void;
}

/** The token endpoint answered and said no (invalid_grant, ...), as opposed to unreachable. */
const refusedByServer = (err: unknown): boolean =>
  err instanceof AuthError && err.status !== undefined && err.status >= 400 && err.status < 500;

export interface RenewalTools {
  store: TokenStore;
  tokenDeps: TokenEndpointDeps;
  /** The silent (non-interactive) authorize flow. */
  authorizeSilently: (settings: Settings) => Promise<TokenSet>;
}

/** Pauses before the profile's second and third read after a sign-in. */
export const PROFILE_RETRY_DELAYS_MS = [250, 1_000] as const;

/**
 * The profile of a new token (sign-in or silent renewal), read up to three times: a token stored
 * without one has no known user, so every worker start drops the stored start data and the
 * notification channel as another user's, and one failed read (a 5xx) made every later worker
 * start create a new channel.
 */
export function readProfile(
  load: (accessToken: string) => Promise<Profile>,
  accessToken: string,
): Promise<Profile | undefined> {
  return withRetries(() => load(accessToken), {
    delaysMs: PROFILE_RETRY_DELAYS_MS,
    retryable: () => true,
  }).catch(() => undefined);
}

export async function renewToken(
  deps: RenewalDeps,
  tools: RenewalTools,
  settings: Settings,
  stored: StoredToken,
): Promise<StoredToken> {
  const loginBase = endpoints(settings.environment).login;
  let next: TokenSet | undefined;
  let refused = false;
  if (stored.refreshToken) {
    try {
      const got = await refreshTokens(tools.tokenDeps, {
        loginBase,
        clientId: settings.clientId,
        refreshToken: stored.refreshToken,
      });
      // Refresh tokens may rotate: the answer's new one replaces the used one. An answer
      // without one leaves the old one in use.
      next = { refreshToken: stored.refreshToken, ...got };
    } catch (err) {
      // Refused (a rotated-away, revoked or expired refresh token) or unreachable: fall back
      // to the silent auth flow. A refused one is never presented again.
      refused = refusedByServer(err);
    }
  }
  // A refresh grant renews the same user's token; the silent flow signs in whoever holds the
  // Genesys login session now, which may be another user: only then is the profile re-read.
  let viaLogin = false;
  if (!next) {
    try {
      next = await tools.authorizeSilently(settings);
      viaLogin = true;
    } catch (err) {
      // Inside the margin but not yet expired: the old token still works for now.
      if (stored.expiresAt > deps.now()) {
        if (!refused) return stored;
        const { refreshToken: _dead, ...kept } = stored;
        await tools.store.write(kept);
        return kept;
      }
      await tools.store.remove();
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
        await readProfile(deps.loadProfile, next.accessToken)
      : stored.profile;
  if (profile) renewed.profile = profile;
  await tools.store.write(renewed);
  deps.onTokenSet?.({
    via: viaLogin ? 'silent-sign-in' : 'refresh',
    refreshToken: Boolean(next.refreshToken),
    ...(refused ? { refreshRefused: true } : {}),
  });
  if (profile?.user.id !== stored.profile?.user.id) deps.onChange?.();
  return renewed;
}
