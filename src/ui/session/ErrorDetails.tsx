// A failure, explained: what happened, why, what to do, and the raw facts support needs.
// Every field is API or catalogue text and is rendered as text (Preact escapes it).
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { SessionError } from '../../shared/session';
import { CopyButton } from './CopyButton';
import { useClock, useNow } from './clock';
import { errorDetailsText, retryWait } from './status';

interface Props {
  error: SessionError;
  /** epoch ms of the failure; undefined: from when it was first shown. */
  at?: number;
  onRetry(): void;
  /** Reconciling an ambiguous failure: Retry waits until it is known whether an offer went out. */
  busy?: boolean | undefined;
  /** A 409 with the agent's other session known: Retry ends that one; this keeps it. */
  onKeep?: (() => void) | undefined;
}

export function ErrorDetails({ error, at, onRetry, busy, onKeep }: Props) {
  const clock = useClock();
  const [shownAt] = useState(() => clock.now());
  const since = at ?? shownAt;
  const now = useNow(retryWait(error, since, clock.now()) > 0);
  const seconds = retryWait(error, since, now);
  const wait = busy || seconds > 0;
  const facts: [string, string | number | undefined][] = [
    [t('ov_err_status'), error.status],
    [t('ov_err_code'), error.code],
    [t('ov_err_message'), error.message],
    [t('ov_err_context'), error.contextId],
  ];
  return (
    <div class="error">
      <h3 class="error-title">{error.title}</h3>
      <p>{error.explanation}</p>
      <p>
        <strong>{t('ov_err_fix')}</strong> {error.fix}
      </p>
      <dl class="facts">
        {facts
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
      </dl>
      {seconds > 0 && (
        <p role="timer" aria-label={t('ov_retry_wait_label')}>
          <span id="ov-wait">{t('ov_retry_in', String(seconds))}</span>
        </p>
      )}
      {busy && <p id="ov-busy">{t('ov_reconciling')}</p>}
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          aria-disabled={wait ? 'true' : undefined}
          // Why Retry is unavailable (the ids that exist now; a missing one is ignored).
          aria-describedby={wait ? 'ov-busy ov-wait' : undefined}
          onClick={() => !wait && onRetry()}
        >
          {t(onKeep ? 'ov_end_other' : error.code === 'needs.signin' ? 'ov_sign_in' : 'ov_retry')}
        </button>
        {onKeep && (
          <button type="button" class="btn" onClick={onKeep}>
            {t('ov_keep_other')}
          </button>
        )}
        <CopyButton
          text={errorDetailsText(error, since, t)}
          label={t('ov_copy_details')}
          visibleLabel={t('ov_copy_details')}
          copiedMessage={t('ov_copied_details')}
        />
      </div>
    </div>
  );
}
