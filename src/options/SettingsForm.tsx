// The connection settings: environment, OAuth client id, the redirect URI to register. Saving
// validates locally (same rules as the background), asks for a custom origin's host access
// inside the click, then hands the patch to the background, which stores it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import { t } from '../shared/i18n';
import type { SettingsView } from '../shared/messages';
import type { SessionError } from '../shared/session';
import { ErrorView } from '../ui/ErrorView';
import { ClientIdField } from './ClientIdField';
import { EnvironmentFields } from './EnvironmentFields';
import {
  type ConnectionForm,
  type FieldErrors,
  formFromSettings,
  isDirty,
  validateForm,
} from './form';
import { requestHostAccess } from './hostAccess';
import { RedirectUri } from './RedirectUri';

export interface SettingsFormProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onDirtyChange?: (dirty: boolean) => void;
}

export function SettingsForm({ view, onSaved, onDirtyChange }: SettingsFormProps) {
  const [form, setForm] = useState<ConnectionForm>(() => formFromSettings(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<SessionError>();
  const formRef = useRef<HTMLFormElement>(null);
  const { locked } = view;
  const allLocked = Boolean(locked.environment && locked.clientId);
  const dirty = isDirty(form, view.settings);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const change = (patch: Partial<ConnectionForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const checked = validateForm(form, locked);
    if (!checked.ok) {
      setErrors(checked.errors);
      // Take the keyboard to the first field that needs attention.
      queueMicrotask(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    // First await of the click: the browser's permission prompt needs the user gesture.
    const access = checked.patch.environment
      ? await requestHostAccess(checked.patch.environment)
      : ({ ok: true } as const);
    if (!access.ok) {
      setErrors({ environment: access.message });
      return;
    }
    setSaving(true);
    const r = await send('settings.save', checked.patch);
    setSaving(false);
    if (!r.ok) {
      setFailure(r.error);
      return;
    }
    setForm(formFromSettings(r.value.settings));
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
