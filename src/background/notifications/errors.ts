// Stream failures as explained SessionErrors, and which of them only an admin or a sign-in fixes.
import { type ErrorMedia, explain } from '../../shared/errors';
import type { SessionError } from '../../shared/session';
import { GenesysError } from '../genesys';

/** Failures only an admin or a sign-in fixes: retried at maxBackoffMs, not hammered. */
const PERMANENT_CODES = new Set([
  'notifications.rejected',
  'needs.signin',
  'client.id.missing',
  'stream.address.refused',
]);

export const isPermanent = (error: SessionError) => PERMANENT_CODES.has(error.code);

/**
 * Any failure as an explained SessionError. A 403 on the notifications endpoints (channel) means the
 * OAuth client lacks the `notifications` scope (the catalogue's generic scope text names
 * `conversations`, the create call's scope), so it is explained as notifications.rejected.
 */
export function explainError(
  err: unknown,
  { channel = false, media }: { channel?: boolean; media?: ErrorMedia } = {},
): SessionError {
  if (err instanceof GenesysError) {
    if (err.code === 'notifications.rejected' || (channel && err.status === 403)) {
      return explain({
        code: 'notifications.rejected',
        message: err.message,
        ...(err.status === undefined ? {} : { status: err.status }),
        ...(err.contextId ? { contextId: err.contextId } : {}),
      });
    }
    return err.toSessionError(media);
  }
  // AuthError (needs.signin, …) and anything else that explains itself.
  const own = (err as { toSessionError?: unknown } | null)?.toSessionError;
  if (typeof own === 'function') return (own as () => SessionError).call(err);
  if (isSessionError(err)) return err;
  return explain({ code: 'network', message: String(err) });
}

function isSessionError(v: unknown): v is SessionError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as SessionError).code === 'string' &&
    typeof (v as SessionError).title === 'string'
  );
}
