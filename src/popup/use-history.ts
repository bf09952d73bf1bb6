// The history view's data and actions: the list asked of the background (again on each
// refreshKey), Export CSV, Clear history behind a confirmation, the live region's words and the
// focus moves that go with them.
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/client';
import { csvFileName, type HistoryEntry, type HistoryWords, toCsv } from '../shared/history';
import { t } from '../shared/i18n';
import type { SessionError } from '../shared/session';

export type HistoryState =
  | { phase: 'loading'; entries?: HistoryEntry[] }
  | { phase: 'ready'; entries: HistoryEntry[] }
  | { phase: 'failed'; error: SessionError; entries?: HistoryEntry[] };

export function useHistory(
  refreshKey: number | undefined,
  save: (fileName: string, blob: Blob) => void,
  now: () => number,
) {
  const [view, setView] = useState<HistoryState>({ phase: 'loading' });
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

  const askClear = () => setConfirming(true);
  const cancelClear = () => {
    setConfirming(false);
    setSaid('');
  };

  return {
    view,
    entries,
    words,
    said,
    confirming,
    headingId,
    cancelRef,
    load,
    exportCsv,
    askClear,
    clear,
    cancelClear,
  };
}
