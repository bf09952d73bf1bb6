// Auth failures. Codes are the error catalogue's (src/shared/errors.ts): local ones such as
// "needs.signin" and "state.mismatch", and the authorize/token endpoints' own OAuth `error`
// values (access_denied, invalid_client, invalid_grant, ...), which the catalogue explains
// with what to ask the admin for. The server's or browser's own words travel in `detail`,
// masked (a redirect URL may carry a code, a refused answer a token).
import { explain } from '../../shared/errors';
import { safeText } from '../../shared/redact';
import type { SessionError } from '../../shared/session';

export class AuthError extends Error {
  /** the server's or browser's own words, with anything token-shaped masked, bounded */
  readonly detail: string;

  constructor(
    readonly code: string,
    detail = '',
    readonly status?: number,
  ) {
    const safe = safeText(detail, 1_000);
    super(safe ? `${code}: ${safe}` : code);
    this.name = 'AuthError';
    this.detail = safe;
  }

  toSessionError(): SessionError {
    return explain({
      code: this.code,
      message: this.detail,
      ...(this.status === undefined ? {} : { status: this.status }),
    });
  }
}

/** No usable token and no silent way to get one: the UI offers "Sign in". */
export const NEEDS_SIGN_IN = 'needs.signin';
export const CLIENT_ID_MISSING = 'client.id.missing';

export const isNeedsSignIn = (err: unknown): boolean =>
  err instanceof AuthError && (err.code === NEEDS_SIGN_IN || err.code === CLIENT_ID_MISSING);

/**
 * The authorize endpoint's `?error=` (RFC 6749 §4.1.2.1). The catalogue knows each value:
 * invalid_client / unauthorized_client → "OAuth client ID or redirect URI is invalid"
 * (register exactly the redirect URI shown in Options), access_denied, invalid_scope, ...
 */
export function authorizeError(error: string, description: string): AuthError {
  return new AuthError(error, description ? `${error}: ${description}` : error);
}
