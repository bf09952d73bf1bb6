// Silent renewal of a stored token: the refresh grant when the server gave a refresh token, else
// a non-interactive auth flow; when neither works and the token has lapsed, the session ends.
import { endpoints, type Settings } from '../../shared/settings';
import { AuthError, NEEDS_SIGN_IN } from './errors';
import { refreshTokens, type TokenEndpointDeps, type TokenSet } from './token-endpoint';
import type { Profile, StoredToken, TokenStore } from './token-store';

/** The auth's own deps (AuthDeps), read at call time. */
export interface RenewalDeps {
  now: () => number;
  loadProfile?: (accessToken: string) => Promise<Profile>;
  onChange?: () => void;
}

export interface RenewalTools {
  store: TokenStore;
  tokenDeps: TokenEndpointDeps;
  /** The silent (non-interactive) authorize flow. */
  authorizeSilently: (settings: Settings) => Promise<TokenSet>;
}

export async function renewToken(
  deps: RenewalDeps,
  tools: RenewalTools,
  settings: Settings,
  stored: StoredToken,
): Promise<StoredToken> {
  const loginBase = endpoints(settings.environment).login;
  let next: TokenSet | undefined;
  if (stored.refreshToken) {
    try {
      const got = await refreshTokens(tools.tokenDeps, {
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
      next = await tools.authorizeSilently(settings);
      viaLogin = true;
    } catch (err) {
      // Inside the margin but not yet expired: the old token still works for now.
      if (stored.expiresAt > deps.now()) return stored;
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
        await deps.loadProfile(next.accessToken).catch(() => undefined)
      : stored.profile;
  if (profile) renewed.profile = profile;
  await tools.store.write(renewed);
  if (profile?.user.id !== stored.profile?.user.id) deps.onChange?.();
  return renewed;
}
