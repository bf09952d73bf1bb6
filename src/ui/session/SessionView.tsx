// One session: the code to give the customer, how long it is valid, one status line, what
// happened when, and the actions that make sense in this state.
import { t } from '../../shared/i18n';
import type { SessionSnapshot, TimelineStep } from '../../shared/session';
import { asksOffline, statusKey } from '../../shared/session-status';
import { autoCopyNote } from '../auto-copy-note';
import { CopyButton } from '../CopyButton';
import { ErrorView } from '../ErrorView';
import { useClock, useNow } from './clock';
import { formatTime, formatTimeSeconds } from './format';
import type { OverlayActions } from './model';
import {
  actionsFor,
  formatRemaining,
  isCounting,
  primaryAction,
  type SessionAction,
  stepKey,
} from './status';

interface Props {
  snapshot: SessionSnapshot;
  actions: OverlayActions;
}

const ACTION_LABEL: Record<SessionAction, string> = {
  end: 'ov_end',
  offerAgain: 'ov_offer_again',
  openViewer: 'ov_open_viewer',
  retry: 'ov_retry',
  sendWhenBack: 'ov_send_when_back',
  sendAnyway: 'ov_send_anyway',
};

export function SessionView({ snapshot: s, actions }: Props) {
  const clock = useClock();
  // One ticking clock serves both countdowns: the offer's expiry and a 429's automatic retry.
  const retrying = s.state === 'creating' && s.retryAt !== undefined;
  const now = useNow(isCounting(s, clock.now()) || (retrying && (s.retryAt ?? 0) > clock.now()));
  // Past a voice offer's time (outcome unknown) "valid until" would only restate the status.
  const showExpiry =
    s.offerEndsAt !== undefined &&
    (s.state === 'offered' || s.state === 'creating') &&
    !s.outcomeUnknown;
  // A failed session shows its own Retry inside the error block.
  const buttons = actionsFor(s).filter((a) => a !== 'retry');
  const primary = primaryAction(buttons);
  const run: Record<SessionAction, () => void> = {
    end: actions.end,
    offerAgain: actions.offerAgain,
    openViewer: actions.openViewer,
    retry: actions.retry,
    sendWhenBack: () => actions.answerOffline('send-when-back'),
    sendAnyway: () => actions.answerOffline('send-anyway'),
  };
  // Answering the offline question, "End" is the question's Cancel.
  const label = (a: SessionAction) =>
    a === 'end' && asksOffline(s) ? 'ov_cancel' : ACTION_LABEL[a];

  return (
    <div class="session">
      {s.customerName && <p class="customer">{s.customerName}</p>}
      {s.joinCode && (
        <div class="field">
          <span class="label">{t('ov_join_code')}</span>
          <div class="row">
            <span class="code">{s.joinCode}</span>
            <CopyButton
              text={s.joinCode}
              class="btn"
              name={t('ov_copy_code')}
              copiedMessage={t('ov_copied_code')}
              auto={autoCopyNote(s)}
            />
          </div>
        </div>
      )}
      {showExpiry && s.offerEndsAt !== undefined && (
        <p class="expiry">
          {t('ov_valid_until', formatTime(s.offerEndsAt))}{' '}
          <span class="countdown" role="timer" aria-label={t('ov_time_left')}>
            {formatRemaining(s.offerEndsAt - now)}
          </span>
        </p>
      )}
      <p class={`status state-${s.state}`}>{t(statusKey(s))}</p>
      {retrying && s.retryAt !== undefined && (
        <p class="retrying">
          {s.error?.title}{' '}
          <span role="timer" aria-label={t('ov_retry_wait_label')}>
            {t('ov_retrying_in', String(Math.max(0, Math.ceil((s.retryAt - now) / 1000))))}
          </span>
        </p>
      )}
      {s.state === 'failed' && s.error && (
        <ErrorView
          level={3}
          alert={false}
          error={s.error}
          at={s.updatedAt}
          onRetry={actions.retry}
          busy={s.reconciling}
          onKeep={s.conflictWith ? actions.close : undefined}
        />
      )}
      {s.sessionId && (
        <div class="field">
          <span class="label">{t('ov_session_id')}</span>
          <div class="row">
            <code class="sid">{s.sessionId}</code>
            <CopyButton
              text={s.sessionId}
              class="btn"
              name={t('ov_copy_session')}
              copiedMessage={t('ov_copied_session')}
            />
          </div>
        </div>
      )}
      <Timeline steps={s.timeline} />
      {buttons.length > 0 && (
        <div class="actions">
          {buttons.map((a) => (
            <button
              key={a}
              type="button"
              class={a === primary ? 'btn primary' : 'btn'}
              onClick={() => run[a]()}
            >
              {t(label(a))}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

// Step details the overlay can word (origins, end reasons); others, such as a failure's error
// code (shown in the error block), are internal and not shown.
const DETAILS =
  'popup menu command retry agent customer conversation-ended customer-offline gone'.split(' ');

function Timeline({ steps }: { steps: TimelineStep[] }) {
  if (steps.length === 0) return null;
  return (
    <div class="timeline">
      <span class="label">{t('ov_timeline')}</span>
      <ol aria-label={t('ov_timeline')}>
        {steps.map((x, i) => (
          // Steps are append-only, so the index is a stable key.
          <li key={i}>
            <time dateTime={new Date(x.at).toISOString()}>{formatTimeSeconds(x.at)}</time>{' '}
            {t(stepKey(x.step))}
            {DETAILS.includes(x.detail as string) &&
              ` (${t(`ov_detail_${(x.detail as string).replaceAll('-', '_')}`)})`}
          </li>
        ))}
      </ol>
    </div>
  );
}
