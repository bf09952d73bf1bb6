// "Check this org", for admins: on a test conversation the admin names, the background observes
// how this org's Genesys Cloud behaves where it could not be verified, says before each step
// what it does, asks the admin to act in the test Messenger, and writes a report.
import { useState } from 'preact/hooks';
import { isUuid } from '../shared/detect/uuid';
import { t } from '../shared/i18n';
import { ErrorView } from '../ui/ErrorView';
import { OrgCheckReport } from './OrgCheckReport';
import { OrgCheckViewer } from './OrgCheckViewer';
import { useOrgCheck } from './use-org-check';

const MARK = { pending: '○', running: '…', done: '✓', skipped: '✗' } as const;

export function OrgCheckSection() {
  const { check, error, start, stop } = useOrgCheck();
  const [conversationId, setConversationId] = useState('');
  const [voiceId, setVoiceId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const running = check?.state === 'running';

  const submit = (e: Event) => {
    e.preventDefault();
    const id = conversationId.trim();
    const voice = voiceId.trim();
    if (!isUuid(id) || (voice !== '' && !isUuid(voice))) return setInvalid(true);
    setInvalid(false);
    void start({ conversationId: id, ...(voice ? { voiceConversationId: voice } : {}) });
  };

  return (
    <section class="stack" aria-labelledby="orgcheck-heading">
      <h2 id="orgcheck-heading">{t('orgcheck_heading')}</h2>
      <p>{t('orgcheck_intro')}</p>
      <p class="muted">{t('orgcheck_touches')}</p>
      <form class="stack" onSubmit={submit}>
        <label>
          {t('orgcheck_conversation_label')}
          <input
            type="text"
            value={conversationId}
            onInput={(e) => setConversationId(e.currentTarget.value)}
            aria-invalid={invalid}
            required
            disabled={running}
          />
        </label>
        <label>
          {t('orgcheck_voice_label')}
          <input
            type="text"
            value={voiceId}
            onInput={(e) => setVoiceId(e.currentTarget.value)}
            disabled={running}
          />
        </label>
        {invalid && <p role="alert">{t('orgcheck_invalid_id')}</p>}
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={running} aria-busy={running}>
            {t('orgcheck_start')}
          </button>
          {running && (
            <button type="button" class="btn" onClick={() => void stop()}>
              {t('orgcheck_stop')}
            </button>
          )}
        </div>
      </form>
      {error && <ErrorView error={error} level={3} />}
      {check && check.steps.length > 0 && (
        <ol class="plain-list" aria-label={t('orgcheck_steps_label')}>
          {check.steps.map((s) => (
            <li key={s.id} data-state={s.state}>
              <span aria-hidden="true">{MARK[s.state]} </span>
              {t(`orgcheck_stepname_${s.id}`)}
              <span class="visually-hidden"> ({t(`orgcheck_stepstate_${s.state}`)})</span>
            </li>
          ))}
        </ol>
      )}
      <p role="status" class="muted">
        {check?.now ?? ''}
      </p>
      {check?.prompt && (
        <p class="warn-box" role="alert">
          {check.prompt.text}
        </p>
      )}
      {check?.viewer && <OrgCheckViewer url={check.viewer.url} />}
      {check && check.said.length > 0 && (
        <details>
          <summary>{t('orgcheck_said_label')}</summary>
          <ol class="plain-list">
            {check.said.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      {check?.error && <p role="alert">{check.error}</p>}
      {check?.report && check.markdown && (
        <OrgCheckReport report={check.report} markdown={check.markdown} />
      )}
    </section>
  );
}
