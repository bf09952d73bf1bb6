// The toolbar popup, version 1: who is signed in, or a Sign in button; every failure explained.
// Later: the agent's conversations and the live session go in <main> as their own components.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { ErrorView } from '../ui/ErrorView';
import { AccountSummary } from './AccountSummary';
import { SignInPanel } from './SignInPanel';
import { useAuth } from './useAuth';

export function Popup() {
  const { view, signIn, reload } = useAuth();
  return (
    <div class="popup">
      <header class="popup-header">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>{t('extName')}</h1>
      </header>
      <main class="popup-main stack">
        {view.phase === 'loading' && (
          <p role="status" class="muted">
            {t('popup_loading')}
          </p>
        )}
        {view.phase === 'failed' && (
          <ErrorView error={view.error}>
            <button type="button" class="btn btn-small" onClick={reload}>
              {t('ui_retry')}
            </button>
          </ErrorView>
        )}
        {view.phase === 'ready' &&
          (view.status.signedIn ? (
            <AccountSummary status={view.status} />
          ) : (
            <SignInPanel busy={view.signingIn} onSignIn={signIn} />
          ))}
        {view.phase === 'ready' && view.error && <ErrorView error={view.error} />}
      </main>
      <footer class="popup-footer">
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popup_openSettings')}
        </button>
      </footer>
    </div>
  );
}
