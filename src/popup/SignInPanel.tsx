// Not signed in: one sentence of why, one primary action.
import { t } from '../shared/i18n';

export interface SignInPanelProps {
  busy: boolean;
  onSignIn: () => void;
}

export function SignInPanel({ busy, onSignIn }: SignInPanelProps) {
  return (
    <section aria-labelledby="signin-heading" class="stack">
      <h2 id="signin-heading">{t('err_needs_signin_title')}</h2>
      <p>{t('popup_sign_in_why')}</p>
      <button
        type="button"
        class="btn btn-primary"
        onClick={onSignIn}
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('popup_signing_in') : t('popup_sign_in')}
      </button>
    </section>
  );
}
