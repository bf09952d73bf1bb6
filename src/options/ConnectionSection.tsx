// "Test connection" and "Sign out": the agent's sign-in as the background holds it, and the
// report of what the saved setup allows. The test signs in first when needed (background).
import { useState } from 'preact/hooks';
import { send } from '../shared/client';
import { t } from '../shared/i18n';
import type { AuthStatus, ConnectionReport as Report } from '../shared/protocol';
import type { SessionError } from '../shared/session';
import { ErrorView } from '../ui/ErrorView';
import { ConnectionReport } from './ConnectionReport';

export interface ConnectionSectionProps {
  status?: AuthStatus;
  /** unsaved edits above: the test would use the saved settings, so say so */
  dirty: boolean;
  onStatus: (status: AuthStatus) => void;
}

type Busy = 'testing' | 'signingOut' | undefined;

export function ConnectionSection({ status, dirty, onStatus }: ConnectionSectionProps) {
  const [busy, setBusy] = useState<Busy>();
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<SessionError>();

  const refreshStatus = async () => {
    const s = await send('auth.status', {});
    if (s.ok) onStatus(s.value);
  };

  const test = async () => {
    setBusy('testing');
    setError(undefined);
    setReport(undefined);
    const r = await send('connection.test', {});
    setBusy(undefined);
    if (r.ok) setReport(r.value);
    else setError(r.error);
    await refreshStatus();
  };

  const signOut = async () => {
    setBusy('signingOut');
    setError(undefined);
    const r = await send('auth.signOut', {});
    setBusy(undefined);
    if (r.ok) {
      setReport(undefined);
      onStatus(r.value);
    } else {
      setError(r.error);
    }
  };

  return (
    <section class="stack" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('options_connection_heading')}</h2>
      <p>
        {status?.signedIn
          ? t('options_signed_in_as', [
              status.user?.name ?? t('popup_unknown_user'),
              status.org?.name ?? t('popup_unknown_org'),
            ])
          : t('options_not_signed_in')}
      </p>
      {dirty && <p class="locked">{t('options_test_uses_saved')}</p>}
      <div class="row">
        <button
          type="button"
          class="btn btn-primary"
          onClick={test}
          disabled={busy !== undefined}
          aria-busy={busy === 'testing'}
        >
          {t('options_test_connection')}
        </button>
        {status?.signedIn && (
          <button
            type="button"
            class="btn"
            onClick={signOut}
            disabled={busy !== undefined}
            aria-busy={busy === 'signingOut'}
          >
            {t('options_sign_out')}
          </button>
        )}
        <span role="status" class="muted">
          {busy === 'testing'
            ? t('options_testing')
            : busy === 'signingOut'
              ? t('options_signing_out')
              : ''}
        </span>
      </div>
      {error && <ErrorView error={error} level={3} />}
      {report && <ConnectionReport report={report} />}
    </section>
  );
}
