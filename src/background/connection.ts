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
  conversations: 'Conversations',
  notifications: 'Notifications',
  'user-basic-info': 'UserBasicInfo',
};

function scopeGaps(scopes: string[], clientName: string): SetupGap[] {
  const gaps: SetupGap[] = [];
  for (const scope of REQUIRED_SCOPES) {
    if (hasScope(scopes, scope)) continue;
    let explanation = t(`conn_gapScope${SCOPE_KEYS[scope]}Why`);
    if (scope === 'conversations' && hasScope(scopes, 'conversations:readonly')) {
      explanation += ` ${t('conn_gapScopeReadonlyNote')}`;
    }
    gaps.push({
      kind: 'scope',
      name: scope,
      explanation,
      fix: t('conn_gapScopeFix', [scope, clientName]),
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
      explanation: t('conn_gapPermMessageWhy', [
        PERMISSION_COBROWSE_MESSAGE,
        t('conn_permMessageLabel'),
      ]),
      fix: t('conn_gapPermFix', [PERMISSION_COBROWSE_MESSAGE, t('conn_permMessageLabel')]),
    });
  }
  if (!has.call) {
    gaps.push({
      kind: 'permission',
      name: PERMISSION_COBROWSE_CALL,
      explanation: t('conn_gapPermCallWhy', [PERMISSION_COBROWSE_CALL, t('conn_permCallLabel')]),
      fix: t('conn_gapPermFix', [PERMISSION_COBROWSE_CALL, t('conn_permCallLabel')]),
    });
  }
  if (!has.message && !has.call) {
    // A permission the admin cannot even find in the role editor means the org lacks the licence.
    gaps.push({
      kind: 'licence',
      name: COBROWSE_LICENCE,
      explanation: t('conn_gapLicenceWhy', COBROWSE_LICENCE),
      fix: t('conn_gapLicenceFix', COBROWSE_LICENCE),
    });
  }
  return { gaps, ...has };
}

/** Pure: the report from tokens/me and users/me (undefined when users/me could not be read). */
export function buildReport(tokenInfo: TokenInfo, me: UserMe | undefined): ConnectionReport {
  const clientName = clip(
    tokenInfo.OAuthClient?.name || tokenInfo.OAuthClient?.id || t('conn_clientUnknown'),
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
