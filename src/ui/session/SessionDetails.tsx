// What an agent rarely needs mid-conversation, folded under a "Details" disclosure (closed by
// default, a real button, so Tab, Enter and Space work): the session id to quote to support,
// and the timeline of what happened when.
import { useId, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { TimelineStep } from '../../shared/session';
import { CopyButton } from '../CopyButton';
import { formatTimeSeconds } from './format';
import { stepKey } from './status';

export interface SessionDetailsProps {
  sessionId?: string;
  steps: TimelineStep[];
}

export function SessionDetails({ sessionId, steps }: SessionDetailsProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!sessionId && steps.length === 0) return null;
  return (
    <div class="more">
      <button
        type="button"
        class="disclosure"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span class="chevron" aria-hidden="true" />
        {t('ov_details')}
      </button>
      <div id={id} class="more-body" hidden={!open}>
        {sessionId && (
          <div class="field">
            <span class="label">{t('ov_session_id')}</span>
            <div class="row">
              <code class="sid">{sessionId}</code>
              <CopyButton
                text={sessionId}
                class="btn"
                name={t('ov_copy_session')}
                copiedMessage={t('ov_copied_session')}
              />
            </div>
          </div>
        )}
        <Timeline steps={steps} />
      </div>
    </div>
  );
}

// Step details the overlay can word (origins, end reasons); others, such as a failure's error
// code (shown in the error block), are internal and not shown.
const DETAILS =
  'popup menu command retry agent agent-local customer conversation-ended customer-offline gone'.split(
    ' ',
  );

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
