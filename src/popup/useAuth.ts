// The popup's view of the sign-in: asks the background once, then follows its pushes. The
// background owns the token; this only renders what it is told and sends intents.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send, subscribe } from '../shared/client';
import type { AuthStatus } from '../shared/messages';
import type { SessionError } from '../shared/session';

export type AuthView =
  | { phase: 'loading' }
  | { phase: 'ready'; status: AuthStatus; signingIn: boolean; error?: SessionError }
  /** auth.status itself failed: nothing to show but the error. */
  | { phase: 'failed'; error: SessionError };

export function useAuth(): { view: AuthView; signIn: () => Promise<void>; reload: () => void } {
  const [view, setView] = useState<AuthView>({ phase: 'loading' });

  const reload = useCallback(() => {
    setView({ phase: 'loading' });
    void send('auth.status', {}).then((r) =>
      setView(
        r.ok
          ? { phase: 'ready', status: r.value, signingIn: false }
          : { phase: 'failed', error: r.error },
      ),
    );
  }, []);

  useEffect(() => {
    reload();
    return subscribe((push) => {
      if (push.type === 'auth') setView({ phase: 'ready', status: push.status, signingIn: false });
    });
  }, [reload]);

  const signIn = async () => {
    setView((v) => (v.phase === 'ready' ? { ...v, signingIn: true, error: undefined } : v));
    const r = await send('auth.signIn', {});
    setView((v) => {
      if (v.phase !== 'ready') return v;
      return r.ok
        ? { phase: 'ready', status: r.value, signingIn: false }
        : { ...v, signingIn: false, error: r.error };
    });
  };

  return { view, signIn, reload };
}
