// Every failure looks the same everywhere: what happened, why, what to do, and the facts
// support asks for, with one button to copy them all.
import { type ComponentChildren, Fragment } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SessionError } from '../shared/session';
import { CopyButton } from './CopyButton';
import { detailRows, errorDetailsText } from './errorDetails';

export interface ErrorViewProps {
  error: SessionError;
  /** Heading level that fits the page outline. */
  level?: 2 | 3;
  /** Extra actions (e.g. Retry), shown beside "Copy details". */
  children?: ComponentChildren;
}

export function ErrorView({ error, level = 2, children }: ErrorViewProps) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="error-view" role="alert" aria-labelledby={id}>
      <Heading id={id}>{error.title}</Heading>
      <p>{error.explanation}</p>
      <p class="fix">
        {t('ui_errFix')}: {error.fix}
      </p>
      {error.retryAfterSeconds !== undefined && (
        <p>{t('ui_errRetryAfter', String(Math.ceil(error.retryAfterSeconds)))}</p>
      )}
      <dl class="details">
        {detailRows(error).map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.mono ? <code>{row.value}</code> : row.value}</dd>
          </Fragment>
        ))}
      </dl>
      <div class="row">
        <CopyButton
          text={errorDetailsText(error)}
          label={t('ui_copyDetails')}
          name={t('ui_copyDetailsName')}
        />
        {children}
      </div>
    </section>
  );
}
