// Every failure looks the same everywhere (popup, options, the panel on the page): what
// happened, why, what to do in the agent's words, and, collapsed, the facts support and admins
// ask for, with one button to copy them all. A session's failure adds its one way forward: Retry
// (or Sign in, or End the other session), unavailable while a retry must wait (a Retry-After
// countdown, or a reconcile that checks whether an offer went out). A failure only an admin can
// fix makes copying the details for them the primary action.
import { type ComponentChildren, Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SessionError } from '../shared/session';
import { CopyButton } from './CopyButton';
import { detailRows, errorDetailsText } from './error-details';
import { needsAdmin } from './error-kinds';
import { useClock, useNow } from './session/clock';
import { retryWait } from './session/status';

export interface ErrorViewProps {
  error: SessionError;
  /** Heading level that fits the page outline. */
  level?: 2 | 3;
  /** epoch ms of the failure (stamped in Copy details); undefined: from when it was first shown. */
  at?: number;
  onRetry?: () => void;
  /** Reconciling an ambiguous failure: Retry waits until it is known whether an offer went out. */
  busy?: boolean | undefined;
  /** A 409 with the agent's other session known: Retry ends that one; this keeps it. */
  onKeep?: (() => void) | undefined;
  /** Extra actions, shown beside "Copy details". */
  children?: ComponentChildren;
  /** false where the view's own live region already says the title (a session's headline). */
  alert?: boolean;
}

export function ErrorView({
  error,
  level = 2,
  at,
  onRetry,
  busy,
  onKeep,
  children,
  alert = true,
}: ErrorViewProps) {
  const id = useId();
  const clock = useClock();
  const [shownAt] = useState(() => clock.now());
  const since = at ?? shownAt;
  const now = useNow(retryWait(error, since, clock.now()) > 0);
  const seconds = retryWait(error, since, now);
  const wait = Boolean(busy) || seconds > 0;
  const Heading = level === 2 ? 'h2' : 'h3';
  // Only an admin can fix it (roles, the OAuth client): handing them the details is the one
  // action that works, so it is the primary one and Retry (if offered) is secondary.
  const forAdmin = needsAdmin(error);
  const copy = (
    <CopyButton
      text={errorDetailsText(error, since)}
      class={forAdmin ? 'btn primary' : onRetry ? 'btn' : undefined}
      label={t(forAdmin ? 'ui_copy_for_admin' : 'ui_copy_details')}
      name={t(forAdmin ? 'ui_copy_for_admin' : 'ui_copy_details_name')}
      copiedMessage={t('ov_copied_details')}
    />
  );
  return (
    <section class="error-view" role={alert ? 'alert' : undefined} aria-labelledby={id}>
      <Heading id={id} class="error-title">
        {error.title}
      </Heading>
      <p>{error.explanation}</p>
      <p class="fix">
        {t('ui_err_fix')}: {error.fix}
      </p>
      {seconds > 0 && (
        <p role="timer" aria-label={t('ov_retry_wait_label')}>
          <span id={`${id}-wait`}>{t('ov_retry_in', String(seconds))}</span>
        </p>
      )}
      {busy && <p id={`${id}-busy`}>{t('ov_reconciling')}</p>}
      <div class="row actions">
        {forAdmin && copy}
        {onRetry && (
          <button
            type="button"
            class={forAdmin ? 'btn' : 'btn primary'}
            aria-disabled={wait ? 'true' : undefined}
            // Why Retry is unavailable (the ids that exist now; a missing one is ignored).
            aria-describedby={wait ? `${id}-busy ${id}-wait` : undefined}
            onClick={() => !wait && onRetry()}
          >
            {t(
              onKeep
                ? 'ov_end_other'
                : error.code === 'needs.signin'
                  ? 'popup_sign_in'
                  : 'ov_retry',
            )}
          </button>
        )}
        {onKeep && (
          <button type="button" class="btn" onClick={onKeep}>
            {t('ov_keep_other')}
          </button>
        )}
        {!forAdmin && copy}
        {children}
      </div>
      {/* The facts support and admins need, out of the agent's way until asked for. */}
      <details class="error-more">
        <summary>{t(error.admin ? 'ui_err_admin_details' : 'ui_err_more_details')}</summary>
        {error.admin && <p class="admin-note">{error.admin}</p>}
        <dl class="details">
          {detailRows(error).map((row) => (
            <Fragment key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.mono ? <code>{row.value}</code> : row.value}</dd>
            </Fragment>
          ))}
        </dl>
      </details>
    </section>
  );
}
