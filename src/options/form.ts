// The connection form as plain data: from settings, validated, back to a settings patch.
// Validation reuses the settings schema (src/shared/settings.ts), so the page refuses a value
// with the same words the background would.
import { t } from '../shared/i18n';
import {
  DEFAULT_SETTINGS,
  type Environment,
  isValidBaseUrl,
  type LockedKeys,
  type Settings,
  validateField,
} from '../shared/settings';

export interface ConnectionForm {
  envKind: Environment['kind'];
  /** the region picked (kept while "custom" is chosen, so switching back loses nothing) */
  domain: string;
  baseUrl: string;
  clientId: string;
}

export type FormField = 'environment' | 'clientId';
export type FieldErrors = Partial<Record<FormField, string>>;

export function formFromSettings(s: Settings): ConnectionForm {
  const env = s.environment;
  const defaultDomain =
    DEFAULT_SETTINGS.environment.kind === 'region'
      ? DEFAULT_SETTINGS.environment.domain
      : 'mypurecloud.com';
  return {
    envKind: env.kind,
    domain: env.kind === 'region' ? env.domain : defaultDomain,
    baseUrl: env.kind === 'custom' ? env.baseUrl : '',
    clientId: s.clientId,
  };
}

export function environmentOf(form: ConnectionForm): Environment {
  return form.envKind === 'region'
    ? { kind: 'region', domain: form.domain }
    : { kind: 'custom', baseUrl: form.baseUrl.trim() };
}

/** Checks the unlocked fields; on success, the patch holds only those fields, normalised. */
export function validateForm(
  form: ConnectionForm,
  locked: LockedKeys,
): { ok: true; patch: Partial<Settings> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const patch: Partial<Settings> = {};
  if (!locked.environment) {
    if (form.envKind === 'custom' && !form.baseUrl.trim()) {
      errors.environment = t('options_err_base_url_empty');
    } else if (form.envKind === 'custom' && !isValidBaseUrl(form.baseUrl.trim())) {
      // The schema's own words, without its "baseUrl:" path prefix (the field is labelled).
      errors.environment = t('settings_err_base_url');
    } else {
      const r = validateField('environment', environmentOf(form));
      if (r.ok) patch.environment = r.value;
      else errors.environment = r.message;
    }
  }
  if (!locked.clientId) {
    if (!form.clientId.trim()) {
      errors.clientId = t('options_err_client_id_empty');
    } else {
      const r = validateField('clientId', form.clientId);
      if (r.ok) patch.clientId = r.value;
      else errors.clientId = r.message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch };
}

/** Has the agent changed anything the saved settings do not hold yet? */
export function isDirty(form: ConnectionForm, saved: Settings): boolean {
  const s = formFromSettings(saved);
  if (form.clientId.trim() !== s.clientId) return true;
  if (form.envKind !== s.envKind) return true;
  return form.envKind === 'region'
    ? form.domain !== s.domain
    : form.baseUrl.trim().replace(/\/+$/, '') !== s.baseUrl;
}
