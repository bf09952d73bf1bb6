// The popup's view of the sign-in: asks the background once, then follows its pushes (the
// popup's one subscription hands them in through `pushed`). The background owns the token;
// this only renders what it is told and sends intents.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '../shared/client';
import type { AuthStatus } from '../shared/protocol';
import type { SessionError } from '../shared/session';

export type AuthView =
  | { phase: 'loading' }
  | { phase: 'ready'; status: AuthStatus; signingIn: boolean; error?: SessionError }
  /** auth.status itself failed: nothing to show but the error. */
  | { phase: 'failed'; error: SessionError };

export interface AuthModel {
  view: AuthView;
  signIn: () => Promise<void>;
  reload: () => void;
  /** An auth push from the background. Stable across renders. */
  pushed: (status: AuthStatus) => void;
}

export function useAuth(): AuthModel {
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

  useEffect(() => reload(), [reload]);

  const pushed = useCallback(
    (status: AuthStatus) => setView({ phase: 'ready', status, signingIn: false }),
    [],
  );

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

  return { view, signIn, reload, pushed };
}
