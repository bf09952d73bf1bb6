// The options page: the connection settings and the connection test. It renders what the
// background answers (settings.get, auth.status) and follows its auth pushes; above them, a
// notice offers host access the settings in force need (policy-set origins included); below,
// the extension id an admin's policies name.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send, subscribe } from '../shared/client';
import { t } from '../shared/i18n';
import type { AuthStatus, SettingsView } from '../shared/protocol';
import type { SessionError } from '../shared/session';
import { ErrorView } from '../ui/ErrorView';
import { ConnectionSection } from './ConnectionSection';
import { ExtensionId } from './ExtensionId';
import { HostAccessNotice } from './HostAccessNotice';
import { OrgCheckSection } from './OrgCheckSection';
import { SettingsForm } from './SettingsForm';

type Loaded =
  | { phase: 'loading' }
  | { phase: 'ready'; view: SettingsView }
  | { phase: 'failed'; error: SessionError };

export function OptionsPage() {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [status, setStatus] = useState<AuthStatus>();
  const [statusError, setStatusError] = useState<SessionError>();
  const [dirty, setDirty] = useState(false);

  const load = useCallback(() => {
    setLoaded({ phase: 'loading' });
    void send('settings.get', {}).then((r) =>
      setLoaded(r.ok ? { phase: 'ready', view: r.value } : { phase: 'failed', error: r.error }),
    );
    void send('auth.status', {}).then((r) => {
      if (r.ok) setStatus(r.value);
      setStatusError(r.ok ? undefined : r.error);
    });
  }, []);

  useEffect(() => {
    load();
    return subscribe((push) => {
      if (push.type === 'auth') setStatus(push.status);
    });
  }, [load]);

  return (
    <div class="page">
      <header class="page-header">
        <img src="/icons/icon-48.png" alt="" width={40} height={40} />
        <div>
          <h1>{t('options_title')}</h1>
          <p class="muted">{t('options_intro')}</p>
        </div>
      </header>
      <main class="stack-lg">
        {loaded.phase === 'loading' && (
          <p role="status" class="muted">
            {t('options_loading')}
          </p>
        )}
        {loaded.phase === 'failed' && (
          <ErrorView error={loaded.error}>
            <button type="button" class="btn btn-small" onClick={load}>
              {t('ui_retry')}
            </button>
          </ErrorView>
        )}
        {loaded.phase === 'ready' && (
          <>
            <HostAccessNotice settings={loaded.view.settings} />
            <div class="card">
              <SettingsForm
                view={loaded.view}
                onSaved={(view) => setLoaded({ phase: 'ready', view })}
                onDirtyChange={setDirty}
              />
            </div>
            <div class="card">
              {statusError && <ErrorView error={statusError} level={3} />}
              <ConnectionSection status={status} dirty={dirty} onStatus={setStatus} />
            </div>
            <div class="card">
              <OrgCheckSection />
            </div>
          </>
        )}
        <ExtensionId />
      </main>
    </div>
  );
}
