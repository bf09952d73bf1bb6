// Pure matching of Genesys permissions and OAuth scopes.
// Permissions are "domain:entity:action" strings from the user's roles; sources disagree on
// case ("cobrowseVoice" vs "cobrowsevoice"), and a role may grant "*" in any segment.

export const PERMISSION_COBROWSE_MESSAGE = 'conversation:cobrowse:add';
export const PERMISSION_COBROWSE_CALL = 'conversation:cobrowseVoice:add';

/** OAuth client scopes the extension needs. There is no cobrowse scope. */
export const REQUIRED_SCOPES = ['conversations', 'notifications', 'user-basic-info'] as const;

const segments = (s: string) => s.trim().toLowerCase().split(':');

/** Does one granted permission (possibly with "*" segments) cover the required one? */
export function permissionCovers(granted: string, required: string): boolean {
  const g = segments(granted);
  const r = segments(required);
  if (g.length !== r.length) return false;
  return g.every((part, i) => part === '*' || part === r[i]);
}

export function hasPermission(granted: readonly string[], required: string): boolean {
  return granted.some((g) => permissionCovers(g, required));
}

/**
 * Does the token carry the scope? A full scope ("conversations") covers its ":readonly" form,
 * never the reverse: "conversations:readonly" cannot create a cobrowse.
 */
export function hasScope(authorized: readonly string[], required: string): boolean {
  const want = required.trim().toLowerCase();
  return authorized.some((scope) => {
    const have = scope.trim().toLowerCase();
    return have === want || `${have}:readonly` === want;
  });
}

export interface CobrowsePermissions {
  message: boolean;
  call: boolean;
}

export function cobrowsePermissions(granted: readonly string[]): CobrowsePermissions {
  return {
    message: hasPermission(granted, PERMISSION_COBROWSE_MESSAGE),
    call: hasPermission(granted, PERMISSION_COBROWSE_CALL),
  };
}
