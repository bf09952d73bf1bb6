// Where start requests go: the Genesys Cloud Platform API, or the company's own gateway (a
// service some companies put in front of Genesys) with its base URL and the capabilities to ask
// for. The gateway uses
// the same sign-in. Locked controls carry `disabled` themselves too (see EnvironmentFields).
import { t } from '../shared/i18n';
import type { Capability } from '../shared/settings';
import { CAPABILITIES, type StartErrors, type StartForm } from './start-form';

export interface ProfileFieldsProps {
  form: StartForm;
  lockedProfile: boolean;
  lockedGateway: boolean;
  errors: StartErrors;
  onChange: (patch: Partial<StartForm>) => void;
}

const CAPABILITY_LABEL: Record<Capability, string> = {
  screen: 'options_cap_screen',
  mouse: 'options_cap_mouse',
  keyboard: 'options_cap_keyboard',
};

export function ProfileFields({
  form,
  lockedProfile,
  lockedGateway,
  errors,
  onChange,
}: ProfileFieldsProps) {
  const toggle = (cap: Capability, on: boolean) =>
    onChange({
      capabilities: on ? [...form.capabilities, cap] : form.capabilities.filter((c) => c !== cap),
    });
  const urlDescribedBy = ['gateway-url-hint', errors.gatewayBaseUrl && 'gateway-url-error']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <fieldset
        disabled={lockedProfile}
        class="stack"
        aria-describedby={lockedProfile ? 'profile-locked' : undefined}
      >
        <legend>{t('options_profile')}</legend>
        {lockedProfile && (
          <p id="profile-locked" class="locked">
            {t('options_locked_by_policy')}
          </p>
        )}
        <label class="choice">
          <input
            type="radio"
            name="profile"
            value="genesys"
            checked={form.profile === 'genesys'}
            disabled={lockedProfile}
            onChange={() => onChange({ profile: 'genesys' })}
          />
          {t('options_profile_genesys')}
        </label>
        <label class="choice">
          <input
            type="radio"
            name="profile"
            value="gateway"
            checked={form.profile === 'gateway'}
            disabled={lockedProfile}
            aria-describedby="profile-gateway-hint"
            onChange={() => onChange({ profile: 'gateway' })}
          />
          {t('options_profile_gateway')}
        </label>
        <span id="profile-gateway-hint" class="hint indent">
          {t('options_profile_gateway_hint')}
        </span>
      </fieldset>
      {form.profile === 'gateway' && (
        <fieldset
          disabled={lockedGateway}
          class="stack indent"
          aria-describedby={lockedGateway ? 'gateway-locked' : undefined}
        >
          <legend>{t('options_gateway')}</legend>
          {lockedGateway && (
            <p id="gateway-locked" class="locked">
              {t('options_locked_by_policy')}
            </p>
          )}
          <div class="field">
            <label for="gateway-url">{t('options_gateway_url')}</label>
            <input
              id="gateway-url"
              type="url"
              inputMode="url"
              spellcheck={false}
              autoComplete="off"
              placeholder="https://cobrowse-gateway.example.com"
              value={form.gatewayBaseUrl}
              disabled={lockedGateway}
              aria-describedby={urlDescribedBy}
              aria-invalid={errors.gatewayBaseUrl ? true : undefined}
              onInput={(e) => onChange({ gatewayBaseUrl: e.currentTarget.value })}
            />
            <span id="gateway-url-hint" class="hint">
              {t('options_gateway_url_hint')}
            </span>
            {errors.gatewayBaseUrl && (
              <span id="gateway-url-error" class="field-error">
                {errors.gatewayBaseUrl}
              </span>
            )}
          </div>
          <fieldset
            disabled={lockedGateway}
            aria-describedby={errors.capabilities ? 'capabilities-error' : undefined}
          >
            <legend>{t('options_capabilities')}</legend>
            {CAPABILITIES.map((cap) => (
              <label class="choice" key={cap}>
                <input
                  type="checkbox"
                  name="capabilities"
                  value={cap}
                  checked={form.capabilities.includes(cap)}
                  disabled={lockedGateway}
                  aria-invalid={errors.capabilities ? true : undefined}
                  onChange={(e) => toggle(cap, e.currentTarget.checked)}
                />
                {t(CAPABILITY_LABEL[cap])}
              </label>
            ))}
            {errors.capabilities && (
              <p id="capabilities-error" class="field-error">
                {errors.capabilities}
              </p>
            )}
          </fieldset>
        </fieldset>
      )}
    </>
  );
}
