// The OAuth client (Authorization Code with PKCE) the Genesys admin created for the extension.
import { t } from '../shared/i18n';

export interface ClientIdFieldProps {
  value: string;
  locked: boolean;
  error?: string;
  onChange: (value: string) => void;
}

export function ClientIdField({ value, locked, error, onChange }: ClientIdFieldProps) {
  const describedBy = ['client-id-hint', locked && 'client-id-locked', error && 'client-id-error']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for="client-id">{t('options_client_id')}</label>
      <input
        id="client-id"
        type="text"
        spellcheck={false}
        autoComplete="off"
        placeholder="00000000-0000-0000-0000-000000000000"
        value={value}
        disabled={locked}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <span id="client-id-hint" class="hint">
        {t('options_client_id_hint')}
      </span>
      {locked && (
        <span id="client-id-locked" class="locked">
          {t('options_locked_by_policy')}
        </span>
      )}
      {error && (
        <span id="client-id-error" class="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
