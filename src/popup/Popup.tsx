// The toolbar popup: Sign in, or the agent's conversations and the live cobrowse session,
// with who is signed in below. It holds one subscription to the background's pushes from the
// moment it opens, so a snapshot pushed before sign-in is known is not missed.
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { subscribe } from '../shared/client';
import { t } from '../shared/i18n';
import type { Push } from '../shared/protocol';
import { ErrorView } from '../ui/ErrorView';
import { AccountSummary } from './AccountSummary';
import { CobrowsePanel } from './CobrowsePanel';
import { HistoryView } from './HistoryView';
import { SignInPanel } from './SignInPanel';
import { applyPush, type Sessions } from './sessions';
import { useAuth } from './use-auth';

export function Popup() {
  const { view, signIn, reload, pushed } = useAuth();
  const [sessions, dispatch] = useReducer<Sessions, Push>(applyPush, {});
  // The history replaces the main view (which stays mounted, hidden, keeping its state); on
  // the way back, focus returns to the History button.
  const [showHistory, setShowHistory] = useState(false);
  const historyButton = useRef<HTMLButtonElement>(null);
  const closeHistory = () => {
    setShowHistory(false);
    historyButton.current?.focus();
  };
  const lastChange = Math.max(0, ...Object.values(sessions).map((s) => s.updatedAt));

  useEffect(
    () =>
      subscribe((push) => {
        if (push.type === 'auth') pushed(push.status);
        else dispatch(push);
      }),
    [pushed],
  );

  return (
    <div class="popup">
      <header class="popup-header">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>{t('ext_name')}</h1>
      </header>
      <main class="popup-main">
        {showHistory && <HistoryView onClose={closeHistory} refreshKey={lastChange} />}
        <div class="stack" hidden={showHistory}>
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
              <>
                <CobrowsePanel
                  sessions={sessions}
                  onSnapshot={(snapshot) => dispatch({ type: 'snapshot', snapshot })}
                />
                <AccountSummary status={view.status} />
              </>
            ) : (
              <SignInPanel busy={view.signingIn} onSignIn={signIn} />
            ))}
          {view.phase === 'ready' && view.error && <ErrorView error={view.error} />}
        </div>
      </main>
      <footer class="popup-footer row">
        <button
          type="button"
          class="btn btn-small"
          ref={historyButton}
          aria-pressed={showHistory}
          onClick={() => (showHistory ? closeHistory() : setShowHistory(true))}
        >
          {t('history_open')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popup_open_settings')}
        </button>
      </footer>
    </div>
  );
}
