// The plain-text report behind "Copy details": everything support needs to find the request
// (status, code, contextId = Genesys's ININ-Correlation-Id) and what an admin must change, in
// one paste. Anything shaped like a token is masked.
import { t } from '../shared/i18n';
import { maskSecrets } from '../shared/redact';
import type { SessionError } from '../shared/session';
import { isLocalCode } from './error-kinds';

export interface DetailRow {
  label: string;
  value: string;
  /** an identifier (shown monospaced) rather than prose */
  mono?: boolean;
}

/** The technical facts of an error, in display order; absent facts are left out. */
export function detailRows(error: SessionError): DetailRow[] {
  const rows: DetailRow[] = [];
  if (error.status !== undefined)
    rows.push({ label: t('err_details_status'), value: String(error.status), mono: true });
  // The extension's own checks are labelled as such, never as a Genesys Cloud error code;
  // their message is the extension's or the browser's words, not the server's.
  const local = isLocalCode(error.code);
  rows.push({
    label: t(local ? 'ui_err_local_check' : 'ui_err_code'),
    value: error.code,
    mono: true,
  });
  if (error.contextId)
    rows.push({ label: t('ui_err_context_id'), value: error.contextId, mono: true });
  if (error.message && error.message !== error.explanation) {
    const label = t(local ? 'ui_err_technical_message' : 'ui_err_message');
    rows.push({ label, value: maskSecrets(error.message) });
  }
  return rows;
}

/** The report; `at` (epoch ms of the failure) is stamped first when known. */
export function errorDetailsText(error: SessionError, at?: number): string {
  const time: DetailRow[] =
    at === undefined ? [] : [{ label: t('err_details_time'), value: new Date(at).toISOString() }];
  const lines = [
    error.title,
    error.explanation,
    `${t('ui_err_fix')}: ${error.fix}`,
    ...(error.admin ? ['', `${t('ui_err_admin_details')}: ${error.admin}`] : []),
    '',
    ...[...time, ...detailRows(error)].map((r) => `${r.label}: ${r.value}`),
  ];
  return maskSecrets(lines.join('\n'));
}
