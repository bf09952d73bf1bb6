// Where Genesys Cloud lives for this org: a region from Genesys's list, or a custom base URL.
// Locked controls carry `disabled` themselves too: a disabled fieldset does not set the
// controls' own `disabled` property, which scripts and some tools read.
import { t } from '../shared/i18n';
import type { ConnectionForm } from './form';
import { regionOptions } from './regions';

export interface EnvironmentFieldsProps {
  form: ConnectionForm;
  locked: boolean;
  error?: string;
  onChange: (patch: Partial<ConnectionForm>) => void;
}

export function EnvironmentFields({ form, locked, error, onChange }: EnvironmentFieldsProps) {
  const errorId = 'environment-error';
  const describedBy = error ? errorId : undefined;
  return (
    <fieldset
      disabled={locked}
      class="stack"
      aria-describedby={locked ? 'environment-locked' : undefined}
    >
      <legend>{t('popup_environment')}</legend>
      {locked && (
        <p id="environment-locked" class="locked">
          {t('options_locked_by_policy')}
        </p>
      )}
      <label class="choice">
        <input
          type="radio"
          name="envKind"
          value="region"
          checked={form.envKind === 'region'}
          disabled={locked}
          onChange={() => onChange({ envKind: 'region' })}
        />
        {t('options_env_region')}
      </label>
      {form.envKind === 'region' && (
        <div class="field indent">
          <label for="region">{t('options_region')}</label>
          <select
            id="region"
            value={form.domain}
            disabled={locked}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange({ domain: e.currentTarget.value })}
          >
            {regionOptions(form.domain).map((o) => (
              <option key={o.domain} value={o.domain}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <label class="choice">
        <input
          type="radio"
          name="envKind"
          value="custom"
          checked={form.envKind === 'custom'}
          disabled={locked}
          onChange={() => onChange({ envKind: 'custom' })}
        />
        {t('options_env_custom')}
      </label>
      {form.envKind === 'custom' && (
        <div class="field indent">
          <label for="base-url">{t('options_base_url')}</label>
          <input
            id="base-url"
            type="url"
            inputMode="url"
            spellcheck={false}
            autoComplete="off"
            placeholder="https://genesys-gateway.example.com"
            value={form.baseUrl}
            disabled={locked}
            aria-describedby={['base-url-hint', describedBy].filter(Boolean).join(' ')}
            aria-invalid={error ? true : undefined}
            onInput={(e) => onChange({ baseUrl: e.currentTarget.value })}
          />
          <span id="base-url-hint" class="hint">
            {t('options_base_url_hint')}
          </span>
        </div>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
