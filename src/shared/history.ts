// The session history: one entry per cobrowse attempt started in this browser, newest first,
// kept in storage.local by the background (src/background/history.ts) and shown in the popup.
// The entry, its identity and the bounded upsert are in history-entry.ts (the worker loads only
// that); here, for the popup, their text forms (clipboard, CSV).
import type { HistoryEntry } from './history-entry';
import type { Media, SessionState } from './session';

export * from './history-entry';

/** What the words come from: the i18n lookup and the agent's locale for times. */
export interface HistoryWords {
  t: (key: string, substitutions?: string | string[]) => string;
  /** A localised date and time, e.g. Intl.DateTimeFormat(ui language).format. */
  time: (epochMs: number) => string;
}

export interface EntryRow {
  label: string;
  value: string;
  /** an identifier, shown monospaced */
  mono?: boolean;
}

// Literal keys so the locale check finds each one in use.
const MEDIA: Record<Media, string> = {
  message: 'ov_media_message',
  call: 'ov_media_call',
};

const OUTCOME: Record<SessionState, string> = {
  waiting: 'history_outcome_waiting',
  creating: 'history_outcome_creating',
  offered: 'history_outcome_offered',
  active: 'history_outcome_active',
  ended: 'ov_step_ended',
  declined: 'history_outcome_declined',
  expired: 'ov_step_expired',
  failed: 'history_outcome_failed',
};

const REASON: Record<string, string> = {
  'ended:agent': 'history_outcome_ended_by_agent',
  'ended:conversation-ended': 'history_outcome_ended_with_conversation',
  'expired:customer-offline': 'history_outcome_expired_offline',
};

/** The outcome in words, with the reason or the error code that explains it. */
export function outcomeText(entry: HistoryEntry, { t }: Pick<HistoryWords, 't'>): string {
  const reasonKey = entry.reason ? REASON[`${entry.outcome}:${entry.reason}`] : undefined;
  const word = t(reasonKey ?? OUTCOME[entry.outcome] ?? entry.outcome);
  if (entry.outcome !== 'failed' || !entry.errorCode) return word;
  const code =
    entry.status === undefined ? entry.errorCode : `${entry.errorCode}, HTTP ${entry.status}`;
  return `${word} (${code})`;
}

export const mediaText = (media: Media, { t }: Pick<HistoryWords, 't'>): string =>
  t(MEDIA[media] ?? media);

/** The labelled facts of one entry, in display order; the popup and the clipboard share them. */
export function entryRows(entry: HistoryEntry, words: HistoryWords): EntryRow[] {
  const { t } = words;
  const rows: EntryRow[] = [{ label: t('history_col_time'), value: words.time(entry.startedAt) }];
  if (entry.customerName)
    rows.push({ label: t('history_col_customer'), value: entry.customerName });
  rows.push(
    { label: t('history_col_conversation'), value: entry.conversationId, mono: true },
    { label: t('history_col_media'), value: mediaText(entry.media, words) },
    { label: t('history_col_outcome'), value: outcomeText(entry, words) },
  );
  if (entry.sessionId) {
    rows.push({ label: t('ov_session_id'), value: entry.sessionId, mono: true });
  }
  if (entry.contextIds.length > 0) {
    rows.push({
      label: t('history_col_context_ids'),
      value: entry.contextIds.join(' '),
      mono: true,
    });
  }
  return rows;
}

/** Plain text for the clipboard (a support ticket, a chat): one block per entry. */
export function formatForCopy(entries: readonly HistoryEntry[], words: HistoryWords): string {
  return entries
    .map((e) =>
      entryRows(e, words)
        .map((r) => `${r.label}: ${r.value}`)
        .join('\n'),
    )
    .join('\n\n');
}

// ——— CSV ———

/**
 * A cell a spreadsheet app would run as a formula starts with = + - @ (or a tab / CR that
 * some apps strip first). Customer names come from the web, so such a cell gets a leading
 * apostrophe, which spreadsheets show as text (OWASP "CSV injection").
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field holding a quote, comma, CR or LF is quoted, its quotes doubled. */
export function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The CSV columns: localised headers; values are stable codes and ISO 8601 UTC times, so
 *  exports from agents in different languages and time zones line up. */
const CSV_COLUMNS: [string, (e: HistoryEntry) => string | number | undefined][] = [
  ['history_col_time', (e) => new Date(e.startedAt).toISOString()],
  ['history_col_conversation', (e) => e.conversationId],
  ['history_col_customer', (e) => e.customerName],
  ['history_col_media', (e) => e.media],
  ['history_col_outcome', (e) => e.outcome],
  ['history_col_reason', (e) => e.reason],
  ['ui_err_code', (e) => e.errorCode],
  ['err_details_status', (e) => e.status],
  ['history_col_context_ids', (e) => e.contextIds.join(' ')],
  ['ov_session_id', (e) => e.sessionId],
  ['history_col_origin', (e) => e.origin],
  ['history_col_profile', (e) => e.profile],
];

/** RFC 4180 text (CRLF line ends, header row first), every cell guarded against formulas. */
export function toCsv(entries: readonly HistoryEntry[], { t }: Pick<HistoryWords, 't'>): string {
  const cell = (v: string | number | undefined) =>
    quoteCell(guardCell(v === undefined ? '' : String(v)));
  const header = CSV_COLUMNS.map(([key]) => cell(t(key)));
  const rows = entries.map((e) => CSV_COLUMNS.map(([, get]) => cell(get(e))));
  return `${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

/** "cobrowse-history-2025-03-07.csv", by the agent's local date. */
export function csvFileName(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `cobrowse-history-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.csv`;
}
