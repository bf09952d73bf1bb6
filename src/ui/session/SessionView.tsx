// One session, laid out for its channel. The status line comes first (the state is what an
// agent glances for). Messaging: the customer accepts with a button, so the countdown and a
// small code follow. Voice: the agent reads the code to the caller, so it is big and grouped,
// with its countdown under it. Then the actions (End never the primary one), and the session id
// and timeline folded under Details.
import { t } from '../../shared/i18n';
import type { SessionSnapshot } from '../../shared/session';
import { asksOffline, statusKey } from '../../shared/session-status';
import { autoCopyNote } from '../auto-copy-note';
import { ErrorView } from '../ErrorView';
import { useClock, useNow } from './clock';
import { useExpiryNotice } from './expiry-notice';
import { formatTime } from './format';
import { JoinCode } from './JoinCode';
import { codeLook, countdownPhase, deadCodeKey } from './layout';
import type { OverlayActions } from './model';
import { SessionDetails } from './SessionDetails';
import {
  actionsFor,
  formatRemaining,
  isCounting,
  primaryAction,
  type SessionAction,
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
  const phase = countdownPhase(s, now);
  const look = codeLook(s, now);
  useExpiryNotice(phase, s.state === 'offered');
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

  const code = look !== 'none' && s.joinCode && (
    <JoinCode code={s.joinCode} look={look} deadKey={deadCodeKey(s, now)} auto={autoCopyNote(s)} />
  );
  const expiry = (phase === 'running' || phase === 'warning') && s.offerEndsAt !== undefined && (
    <Expiry endsAt={s.offerEndsAt} now={now} warning={phase === 'warning'} />
  );

  return (
    <div class={`session media-${s.media}`}>
      {s.customerName && <p class="customer">{s.customerName}</p>}
      <p class={`status state-${s.state}`}>{t(statusKey(s))}</p>
      {look === 'big' ? (
        <>
          {code}
          {expiry}
        </>
      ) : (
        <>
          {expiry}
          {code}
        </>
      )}
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
      <SessionDetails sessionId={s.sessionId} steps={s.timeline} />
    </div>
  );
}

/** "Expires in 1:59 · Valid until 12:21 PM"; under WARN_SECONDS drawn as a warning. */
function Expiry({ endsAt, now, warning }: { endsAt: number; now: number; warning: boolean }) {
  return (
    <p class={warning ? 'expiry warning' : 'expiry'}>
      {/* A mark besides the colour, so the warning is not told by colour alone. */}
      {warning && (
        <span class="warn-mark" aria-hidden="true">
          !
        </span>
      )}
      <span class="countdown" role="timer" aria-label={t('ov_time_left')}>
        {t('ov_expires_in', formatRemaining(endsAt - now))}
      </span>
      <span class="until">{t('ov_valid_until', formatTime(endsAt))}</span>
    </p>
  );
}
