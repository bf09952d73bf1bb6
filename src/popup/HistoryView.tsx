// The popup's session history: the last attempts started in this browser, newest first, with
// Copy (plain text), Export CSV (a download) and Clear history (after a confirmation). The list
// lives in the background (storage.local); this view asks for it (use-history.ts) and renders it.
import { Fragment } from 'preact';
import { entryRows, formatForCopy, HISTORY_MAX } from '../shared/history';
import { t } from '../shared/i18n';
import { CopyButton } from '../ui/CopyButton';
import { ErrorView } from '../ui/ErrorView';
import { type HistoryState, useHistory } from './use-history';

export interface HistoryViewProps {
  onClose: () => void;
  /** Changes when a session changed: the list is asked for again (it may have a new entry). */
  refreshKey?: number;
  /** Injected in tests; default: a Blob behind an <a download> click. */
  save?: (fileName: string, blob: Blob) => void;
  /** Injected in tests; default: the clock. */
  now?: () => number;
}

/** Hands a file to the browser's downloads: an object URL clicked through a[download]. */
export function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download; revoke it after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function HistoryView({
  onClose,
  refreshKey,
  save = saveFile,
  now = Date.now,
}: HistoryViewProps) {
  const h = useHistory(refreshKey, save, now);
  const { view, entries, headingId } = h;

  return (
    <section class="history stack" aria-labelledby={headingId}>
      <div class="section-head">
        <h2 id={headingId} tabIndex={-1}>
          {t('history_heading')}
        </h2>
        <button type="button" class="btn btn-small" onClick={onClose}>
          {t('history_back')}
        </button>
      </div>
      <p class="muted">{t('history_scope', String(HISTORY_MAX))}</p>

      {view.phase === 'failed' && (
        <ErrorView error={view.error} level={3}>
          <button type="button" class="btn btn-small" onClick={h.load}>
            {t('ui_retry')}
          </button>
        </ErrorView>
      )}
      {view.phase === 'loading' && !view.entries && <p class="muted">{t('history_loading')}</p>}
      {view.phase === 'ready' && entries.length === 0 && <p>{t('history_empty')}</p>}

      {entries.length > 0 && (
        <>
          <div class="row">
            <CopyButton
              text={formatForCopy(entries, h.words)}
              label={t('ui_copy')}
              name={t('history_copyName')}
            />
            <button type="button" class="btn btn-small" onClick={h.exportCsv}>
              {t('history_exportCsv')}
            </button>
            <button
              type="button"
              class="btn btn-small"
              aria-expanded={h.confirming}
              onClick={h.askClear}
            >
              {t('history_clear')}
            </button>
          </div>
          {h.confirming && (
            // Esc (or Cancel) keeps the history; nothing is removed without the second click.
            <fieldset
              class="history-confirm stack"
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  h.cancelClear();
                }
              }}
            >
              <legend>{t('history_clearQuestion', String(entries.length))}</legend>
              <div class="row">
                <button
                  type="button"
                  class="btn btn-small btn-primary"
                  onClick={() => void h.clear()}
                >
                  {t('history_clearConfirm')}
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  ref={h.cancelRef}
                  onClick={h.cancelClear}
                >
                  {t('history_clearCancel')}
                </button>
              </div>
            </fieldset>
          )}
          <ol class="history-list stack" aria-label={t('history_listName')}>
            {entries.map((entry) => (
              <li key={`${entry.conversationId}:${entry.startedAt}`}>
                <dl class="details">
                  {entryRows(entry, h.words).map((row) => (
                    <Fragment key={row.label}>
                      <dt>{row.label}</dt>
                      <dd>{row.mono ? <code>{row.value}</code> : row.value}</dd>
                    </Fragment>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {h.said || headline(view)}
      </div>
    </section>
  );
}

/** What the live region says about the list itself when nothing was just done. */
function headline(view: HistoryState): string {
  if (view.phase === 'loading') return t('history_loading');
  if (view.phase === 'failed') return '';
  return view.entries.length === 0
    ? t('history_empty')
    : t('history_count', String(view.entries.length));
}
