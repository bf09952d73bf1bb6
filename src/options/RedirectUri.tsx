// The exact redirect URI the admin must register on the OAuth client; Genesys refuses the
// sign-in ("redirect URI is invalid") for any other.
import { t } from '../shared/i18n';
import { CopyButton } from '../ui/CopyButton';

export function RedirectUri({ uri }: { uri: string }) {
  return (
    <div class="field">
      <label for="redirect-uri">{t('options_redirect_uri')}</label>
      <div class="row nowrap">
        <input
          id="redirect-uri"
          type="text"
          readOnly
          value={uri}
          aria-describedby="redirect-uri-hint"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={uri} name={t('options_copy_redirect_uri')} />
      </div>
      <span id="redirect-uri-hint" class="hint">
        {t('options_redirect_uri_hint')}
      </span>
    </div>
  );
}
