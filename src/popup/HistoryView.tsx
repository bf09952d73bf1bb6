// The popup's session history: the last attempts started in this browser, newest first, with
// Copy (plain text), Export CSV (a download) and Clear history (after a confirmation). The list
// lives in the background (storage.local); this view asks for it and renders it as text.
import { Fragment } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/client';
import {
  csvFileName,
  entryRows,
  formatForCopy,
  HISTORY_MAX,
  type HistoryEntry,
  type HistoryWords,
  toCsv,
} from '../shared/history';
import { t } from '../shared/i18n';
import type { SessionError } from '../shared/session';
import { CopyButton } from '../ui/CopyButton';
import { ErrorView } from '../ui/ErrorView';

type View =
  | { phase: 'loading'; entries?: HistoryEntry[] }
  | { phase: 'ready'; entries: HistoryEntry[] }
  | { phase: 'failed'; error: SessionError; entries?: HistoryEntry[] };

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
  const [view, setView] = useState<View>({ phase: 'loading' });
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const latest = useRef(0);
  const headingId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  const words: HistoryWords = {
    t,
    time: new Intl.DateTimeFormat(browser.i18n.getUILanguage(), {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format,
  };

  const load = useCallback(() => {
    const seq = ++latest.current;
    setView((v) => ({ phase: 'loading', entries: v.entries }));
    void send('history.list', {}).then((r) => {
      if (seq !== latest.current) return; // a newer load (or a clear) answered after this one
      setView((v) =>
        r.ok
          ? { phase: 'ready', entries: r.value }
          : { phase: 'failed', error: r.error, entries: v.entries },
      );
    });
  }, []);

  useEffect(() => load(), [load, refreshKey]);

  // Opening the history puts focus on its heading, so a screen reader starts there.
  useEffect(() => document.getElementById(headingId)?.focus(), [headingId]);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const entries = view.entries ?? [];

  const exportCsv = () => {
    const name = csvFileName(now());
    // The byte order mark tells spreadsheet apps the file is UTF-8 (names in any script).
    save(name, new Blob(['\uFEFF', toCsv(entries, words)], { type: 'text/csv;charset=utf-8' }));
    setSaid(t('history_exported', name));
  };

  const clear = async () => {
    setConfirming(false);
    const seq = ++latest.current;
    const r = await send('history.clear', {});
    if (seq !== latest.current) return;
    if (r.ok) {
      setView({ phase: 'ready', entries: r.value });
      setSaid(t('history_cleared'));
    } else {
      setView({ phase: 'failed', error: r.error, entries });
    }
    document.getElementById(headingId)?.focus();
  };

  const cancelClear = () => {
    setConfirming(false);
    setSaid('');
  };

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
          <button type="button" class="btn btn-small" onClick={load}>
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
              text={formatForCopy(entries, words)}
              label={t('ui_copy')}
              name={t('history_copyName')}
            />
            <button type="button" class="btn btn-small" onClick={exportCsv}>
              {t('history_exportCsv')}
            </button>
            <button
              type="button"
              class="btn btn-small"
              aria-expanded={confirming}
              onClick={() => setConfirming(true)}
            >
              {t('history_clear')}
            </button>
          </div>
          {confirming && (
            // Esc (or Cancel) keeps the history; nothing is removed without the second click.
            <fieldset
              class="history-confirm stack"
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  cancelClear();
                }
              }}
            >
              <legend>{t('history_clearQuestion', String(entries.length))}</legend>
              <div class="row">
                <button
                  type="button"
                  class="btn btn-small btn-primary"
                  onClick={() => void clear()}
                >
                  {t('history_clearConfirm')}
                </button>
                <button type="button" class="btn btn-small" ref={cancelRef} onClick={cancelClear}>
                  {t('history_clearCancel')}
                </button>
              </div>
            </fieldset>
          )}
          <ol class="history-list stack" aria-label={t('history_listName')}>
            {entries.map((entry) => (
              <li key={`${entry.conversationId}:${entry.startedAt}`}>
                <dl class="details">
                  {entryRows(entry, words).map((row) => (
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
        {said || headline(view)}
      </div>
    </section>
  );
}

/** What the live region says about the list itself when nothing was just done. */
function headline(view: View): string {
  if (view.phase === 'loading') return t('history_loading');
  if (view.phase === 'failed') return '';
  return view.entries.length === 0
    ? t('history_empty')
    : t('history_count', String(view.entries.length));
}
