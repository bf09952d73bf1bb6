// Preflight: from the cached token scopes (tokens/me) and the user's permissions
// (users/me?expand=authorization), tell before the POST whether a start can work for this
// media, and if not, explain the gap exactly. Unknown inputs never block: the server
// has the last word, and its error is explained the same way.
import { explain } from '../../shared/errors';
import {
  hasPermission,
  hasScope,
  PERMISSION_COBROWSE_CALL,
  PERMISSION_COBROWSE_MESSAGE,
} from '../../shared/permissions';
import type { ConversationMedia } from '../../shared/protocol';
import type { Profile, SessionError } from '../../shared/session';

/** The only scope the create call needs; there is no cobrowse scope. */
export const CREATE_SCOPE = 'conversations';

export interface PreflightInput {
  media: ConversationMedia;
  /** tokens/me authorizedScope; undefined (or empty) when not known yet. */
  scopes?: readonly string[];
  /** users/me?expand=authorization → authorization.permissions; undefined when unknown. */
  permissions?: readonly string[];
  /** The gateway profile calls a company's own service: Genesys scopes and roles do not apply. */
  profile?: Profile;
}

export type PreflightResult = { ok: true } | { ok: false; error: SessionError };

export function requiredPermission(media: 'message' | 'call'): string {
  return media === 'message' ? PERMISSION_COBROWSE_MESSAGE : PERMISSION_COBROWSE_CALL;
}

export function preflight(input: PreflightInput): PreflightResult {
  const { media } = input;
  if (media !== 'message' && media !== 'call') {
    return { ok: false, error: explain({ code: 'media.not.supported', media }) };
  }
  if (input.profile === 'gateway') return { ok: true };

  const scopes = input.scopes ?? [];
  if (scopes.length > 0 && !hasScope(scopes, CREATE_SCOPE)) {
    return {
      ok: false,
      error: explain({
        code: 'preflight.missing.scope',
        media,
        // Technical detail for "Copy details": what the token actually carries.
        message: `authorizedScope: ${scopes.join(', ')}`,
      }),
    };
  }

  const permission = requiredPermission(media);
  if (input.permissions && !hasPermission(input.permissions, permission)) {
    return {
      ok: false,
      error: explain({
        code: 'preflight.missing.permission',
        media,
        message: `missing permission: ${permission}`,
      }),
    };
  }
  return { ok: true };
}
