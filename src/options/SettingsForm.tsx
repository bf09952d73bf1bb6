// The settings: environment, OAuth client id, the redirect URI to register, then how a start
// is sent (Platform API or company gateway), detection rules and the offline default, what is
// copied when a join code arrives, then how the agent hears of a change (notifications, sound,
// the panel's return, the badge). The state and the save are useSettingsForm's
// (use-settings-form.ts).
import { t } from '../shared/i18n';
import type { SettingsView } from '../shared/protocol';
import { SETTINGS_KEYS } from '../shared/settings';
import { ErrorView } from '../ui/ErrorView';
import { AlertFields } from './AlertFields';
import { AutoCopyFields } from './AutoCopyFields';
import { ClientIdField } from './ClientIdField';
import { DetectionRulesField } from './DetectionRulesField';
import { EnvironmentFields } from './EnvironmentFields';
import { OfflineChoiceField } from './OfflineChoiceField';
import { ProfileFields } from './ProfileFields';
import { RedirectUri } from './RedirectUri';
import { SettingsProblems } from './SettingsProblems';
import { useSettingsForm } from './use-settings-form';

export interface SettingsFormProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onDirtyChange?: (dirty: boolean) => void;
}

export function SettingsForm({ view, onSaved, onDirtyChange }: SettingsFormProps) {
  const {
    form,
    errors,
    start,
    startErrors,
    alerts,
    saving,
    saved,
    failure,
    formRef,
    change,
    changeStart,
    copy,
    copyErrors,
    changeCopy,
    changeAlerts,
    onSubmit,
  } = useSettingsForm(view, onSaved, onDirtyChange);
  const { locked } = view;
  const allLocked = SETTINGS_KEYS.every((key) => locked[key]);

  return (
    <form
      ref={formRef}
      class="stack"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="settings-heading"
    >
      <h2 id="settings-heading">{t('options_settings_heading')}</h2>
      <SettingsProblems problems={view.problems} />
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
      <h3>{t('options_start_heading')}</h3>
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
      <h3>{t('options_copy_heading')}</h3>
      <AutoCopyFields
        form={copy}
        lockedChoice={Boolean(locked.autoCopy)}
        lockedTemplate={Boolean(locked.invitationTemplate)}
        errors={copyErrors}
        onChange={changeCopy}
      />
      <AlertFields form={alerts} locked={locked} onChange={changeAlerts} />
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
