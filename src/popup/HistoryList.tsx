// The history's entries, newest first, each as a term/value list.
import { Fragment } from 'preact';
import { entryRows, type HistoryEntry, type HistoryWords } from '../shared/history';
import { t } from '../shared/i18n';

export function HistoryList({ entries, words }: { entries: HistoryEntry[]; words: HistoryWords }) {
  return (
    <ol class="history-list stack" aria-label={t('history_list_name')}>
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
  );
}
