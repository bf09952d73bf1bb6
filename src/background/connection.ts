// "Test connection": who the token belongs to, which scopes the OAuth client grants, which
// cobrowse permissions the agent's roles carry, and for each thing missing, exactly what to ask
// the admin for. buildReport is pure; testConnection adds the two API reads.

import { t } from '../shared/i18n';
import {
  cobrowsePermissions,
  hasScope,
  PERMISSION_COBROWSE_CALL,
  PERMISSION_COBROWSE_MESSAGE,
  REQUIRED_SCOPES,
} from '../shared/permissions';
import type { ConnectionReport, SetupGap } from '../shared/protocol';
import { clip } from '../shared/redact';
import { type GenesysClient, GenesysError, type TokenInfo, type UserMe } from './genesys';

/** Names and ids from Genesys shown in the report: bounded, whatever the server sends. */
const MAX_NAME = 200;

/** The licence the new cobrowse needs; product names, not translated. */
export const COBROWSE_LICENCE = 'Genesys Cloud CX 2, CX 3 or the Digital add-on';

const SCOPE_KEYS: Record<(typeof REQUIRED_SCOPES)[number], string> = {
  conversations: 'conversations',
  notifications: 'notifications',
  'user-basic-info': 'user_basic_info',
};

function scopeGaps(scopes: string[], clientName: string): SetupGap[] {
  const gaps: SetupGap[] = [];
  for (const scope of REQUIRED_SCOPES) {
    if (hasScope(scopes, scope)) continue;
    let explanation = t(`conn_gap_scope_${SCOPE_KEYS[scope]}_why`);
    if (scope === 'conversations' && hasScope(scopes, 'conversations:readonly')) {
      explanation += ` ${t('conn_gap_scope_readonly_note')}`;
    }
    gaps.push({
      kind: 'scope',
      name: scope,
      explanation,
      fix: t('conn_gap_scope_fix', [scope, clientName]),
    });
  }
  return gaps;
}

function permissionGaps(permissions: string[]): {
  gaps: SetupGap[];
  message: boolean;
  call: boolean;
} {
  const has = cobrowsePermissions(permissions);
  const gaps: SetupGap[] = [];
  if (!has.message) {
    gaps.push({
      kind: 'permission',
      name: PERMISSION_COBROWSE_MESSAGE,
      explanation: t('conn_gap_perm_message_why', [
        PERMISSION_COBROWSE_MESSAGE,
        t('conn_perm_message_label'),
      ]),
      fix: t('conn_gap_perm_fix', [PERMISSION_COBROWSE_MESSAGE, t('conn_perm_message_label')]),
    });
  }
  if (!has.call) {
    gaps.push({
      kind: 'permission',
      name: PERMISSION_COBROWSE_CALL,
      explanation: t('conn_gap_perm_call_why', [
        PERMISSION_COBROWSE_CALL,
        t('conn_perm_call_label'),
      ]),
      fix: t('conn_gap_perm_fix', [PERMISSION_COBROWSE_CALL, t('conn_perm_call_label')]),
    });
  }
  if (!has.message && !has.call) {
    // A permission the admin cannot even find in the role editor means the org lacks the licence.
    gaps.push({
      kind: 'licence',
      name: COBROWSE_LICENCE,
      explanation: t('conn_gap_licence_why', COBROWSE_LICENCE),
      fix: t('conn_gap_licence_fix', COBROWSE_LICENCE),
    });
  }
  return { gaps, ...has };
}

/** Pure: the report from tokens/me and users/me (undefined when users/me could not be read). */
export function buildReport(tokenInfo: TokenInfo, me: UserMe | undefined): ConnectionReport {
  const clientName = clip(
    tokenInfo.OAuthClient?.name || tokenInfo.OAuthClient?.id || t('conn_client_unknown'),
    MAX_NAME,
  );
  const scopes = [...tokenInfo.authorizedScope].sort();
  const report: ConnectionReport = {
    org: {
      id: clip(tokenInfo.organization.id, MAX_NAME),
      name: clip(tokenInfo.organization.name ?? '', MAX_NAME),
    },
    user: { id: clip(me?.id ?? '', MAX_NAME), name: clip(me?.name ?? '', MAX_NAME) },
    scopes,
    cobrowse: { message: false, call: false },
    gaps: scopeGaps(scopes, clientName),
  };
  if (tokenInfo.OAuthClient?.id) {
    report.client = {
      id: clip(tokenInfo.OAuthClient.id, MAX_NAME),
      name: clip(tokenInfo.OAuthClient.name ?? '', MAX_NAME),
    };
  }
  if (!me) {
    report.permissionsUnknown = true;
    return report;
  }
  const perms = permissionGaps(me.authorization?.permissions ?? []);
  report.cobrowse = { message: perms.message, call: perms.call };
  report.gaps.push(...perms.gaps);
  return report;
}

export async function testConnection(
  api: Pick<GenesysClient, 'getTokenInfo' | 'getMe'>,
): Promise<ConnectionReport> {
  const tokenInfo = await api.getTokenInfo();
  let me: UserMe | undefined;
  try {
    me = await api.getMe();
  } catch (err) {
    // Without user-basic-info (a scope gap the report already names) Genesys answers 403: the
    // report still tells everything else rather than failing as a whole.
    if (!(err instanceof GenesysError && err.status === 403)) throw err;
  }
  return buildReport(tokenInfo, me);
}
