// The settings: environment, OAuth client id, the redirect URI to register, then how a start
// is sent (Platform API or company gateway), detection rules and the offline default. Saving
// validates locally (same rules as the background), asks for custom origins' host access
// inside the click (one prompt), then hands the patch to the background, which stores it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import { t } from '../shared/i18n';
import type { SettingsView } from '../shared/protocol';
import type { SessionError } from '../shared/session';
import { SETTINGS_KEYS, type Settings } from '../shared/settings';
import { ErrorView } from '../ui/ErrorView';
import { ClientIdField } from './ClientIdField';
import { DetectionRulesField } from './DetectionRulesField';
import { EnvironmentFields } from './EnvironmentFields';
import {
  type ConnectionForm,
  type FieldErrors,
  formFromSettings,
  isDirty,
  validateForm,
} from './form';
import {
  type AccessField,
  type AccessNeed,
  environmentNeed,
  gatewayNeed,
  requestAccess,
} from './host-access';
import { OfflineChoiceField } from './OfflineChoiceField';
import { ProfileFields } from './ProfileFields';
import { RedirectUri } from './RedirectUri';
import {
  isStartDirty,
  type StartErrors,
  type StartForm,
  startFormFromSettings,
  validateStartForm,
} from './start-form';

export interface SettingsFormProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onDirtyChange?: (dirty: boolean) => void;
}

export function SettingsForm({ view, onSaved, onDirtyChange }: SettingsFormProps) {
  const [form, setForm] = useState<ConnectionForm>(() => formFromSettings(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [start, setStart] = useState<StartForm>(() => startFormFromSettings(view.settings));
  const [startErrors, setStartErrors] = useState<StartErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<SessionError>();
  const formRef = useRef<HTMLFormElement>(null);
  const { locked } = view;
  const allLocked = SETTINGS_KEYS.every((key) => locked[key]);
  const dirty = isDirty(form, view.settings) || isStartDirty(start, view.settings);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const change = (patch: Partial<ConnectionForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
  };
  const changeStart = (patch: Partial<StartForm>) => {
    setStart((f) => ({ ...f, ...patch }));
    setSaved(false);
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const checked = validateForm(form, locked);
    const checkedStart = validateStartForm(start, locked, view.settings, document);
    setErrors(checked.ok ? {} : checked.errors);
    setStartErrors(checkedStart.ok ? {} : checkedStart.errors);
    if (!checked.ok || !checkedStart.ok) {
      // Take the keyboard to the first field that needs attention.
      queueMicrotask(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const patch = { ...checked.patch, ...checkedStart.patch };
    // First await of the click: the browser's permission prompt needs the user gesture.
    const denied = await requestAccess(accessNeeds(patch, view.settings));
    if (denied.environment || denied.gateway) {
      if (denied.environment) setErrors({ environment: denied.environment });
      if (denied.gateway) setStartErrors({ gatewayBaseUrl: denied.gateway });
      return;
    }
    setSaving(true);
    const r = await send('settings.save', patch);
    setSaving(false);
    if (!r.ok) {
      setFailure(r.error);
      return;
    }
    setForm(formFromSettings(r.value.settings));
    setStart(startFormFromSettings(r.value.settings));
    setSaved(true);
    onSaved(r.value);
  };

  return (
    <form
      ref={formRef}
      class="stack"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="settings-heading"
    >
      <h2 id="settings-heading">{t('options_settingsHeading')}</h2>
      {view.problems.length > 0 && (
        <div class="warn-box" role="status">
          <p>{t('options_problemsIntro')}</p>
          <ul>
            {view.problems.map((p) => (
              <li key={`${p.source}:${p.key}`}>
                <code>{p.key}</code> (
                {p.source === 'managed' ? t('options_sourcePolicy') : t('options_sourceAgent')}
                ): {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <EnvironmentFields
        form={form}
        locked={Boolean(locked.environment)}
        error={errors.environment}
        onChange={change}
      />
      <ClientIdField
        value={form.clientId}
        locked={Boolean(locked.clientId)}
        error={errors.clientId}
        onChange={(clientId) => change({ clientId })}
      />
      <RedirectUri uri={view.redirectUri} />
      <h3>{t('options_startHeading')}</h3>
      <ProfileFields
        form={start}
        lockedProfile={Boolean(locked.profile)}
        lockedGateway={Boolean(locked.gateway)}
        errors={startErrors}
        onChange={changeStart}
      />
      <OfflineChoiceField
        value={start.whenCustomerOffline}
        locked={Boolean(locked.whenCustomerOffline)}
        onChange={(whenCustomerOffline) => changeStart({ whenCustomerOffline })}
      />
      <DetectionRulesField
        rules={start.rules}
        locked={Boolean(locked.detectionRules)}
        {...(startErrors.rules ? { errors: startErrors.rules } : {})}
        onChange={(rules) => changeStart({ rules })}
      />
      {failure && <ErrorView error={failure} level={3} />}
      {!allLocked && (
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={saving} aria-busy={saving}>
            {saving ? t('options_saving') : t('options_save')}
          </button>
          <span role="status" class="ok-text">
            {saved ? t('options_saved') : ''}
          </span>
        </div>
      )}
    </form>
  );
}

/**
 * The origins this save needs: a custom environment being saved, and the gateway whenever start
 * requests will go to it (asking again for a granted origin shows no prompt). Origins the saved
 * settings already need are offered by HostAccessNotice, locked or not.
 */
function accessNeeds(patch: Partial<Settings>, saved: Settings): AccessNeed<AccessField>[] {
  return [
    ...environmentNeed(patch.environment),
    ...gatewayNeed({
      profile: patch.profile ?? saved.profile,
      gateway: patch.gateway ?? saved.gateway,
    }),
  ];
}
