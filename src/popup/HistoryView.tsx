// The popup's session history: the last attempts started in this browser, newest first, with
// Copy (plain text), Export CSV (a download) and Clear history (after a confirmation). The list
// lives in the background (storage.local); this view asks for it (use-history.ts) and renders it.
import { formatForCopy, HISTORY_MAX } from '../shared/history';
import { t } from '../shared/i18n';
import { ErrorView } from '../ui/ErrorView';
import { HistoryActions } from './HistoryActions';
import { HistoryList } from './HistoryList';
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
          <HistoryActions
            copyText={formatForCopy(entries, h.words)}
            count={entries.length}
            confirming={h.confirming}
            cancelRef={h.cancelRef}
            onExport={h.exportCsv}
            onAskClear={h.askClear}
            onClear={() => void h.clear()}
            onCancelClear={h.cancelClear}
          />
          <HistoryList entries={entries} words={h.words} />
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
