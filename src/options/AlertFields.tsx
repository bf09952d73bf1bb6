// How a session's change reaches the agent away from its tab: when desktop notifications
// appear, a tone with them, the closed panel coming back as the pill, the toolbar badge. Each
// control is locked on its own when a policy sets its key.
import { t } from '../shared/i18n';
import type { LockedKeys } from '../shared/settings';
import { ALERT_SWITCHES, type AlertsForm, NOTIFY_CHOICES } from './alerts-form';
import { ChoiceField } from './ChoiceField';

// Literal keys so the locale check finds each one.
const CHOICE_LABEL: Record<AlertsForm['notifications'], string> = {
  elsewhere: 'options_notifications_elsewhere',
  always: 'options_notifications_always',
  off: 'options_notifications_off',
};
const SWITCH_LABEL: Record<(typeof ALERT_SWITCHES)[number], string> = {
  notificationSound: 'options_notification_sound',
  panelReturns: 'options_panel_returns',
  badge: 'options_badge',
};

export interface AlertFieldsProps {
  form: AlertsForm;
  locked: LockedKeys;
  onChange: (patch: Partial<AlertsForm>) => void;
}

export function AlertFields({ form, locked, onChange }: AlertFieldsProps) {
  return (
    <>
      <h3>{t('options_alerts_heading')}</h3>
      <ChoiceField
        name="notifications"
        legend={t('options_notifications')}
        hint={t('options_notifications_hint')}
        choices={NOTIFY_CHOICES}
        labels={CHOICE_LABEL}
        value={form.notifications}
        locked={Boolean(locked.notifications)}
        onChange={(notifications) => onChange({ notifications })}
      />
      {ALERT_SWITCHES.map((key) => {
        const isLocked = Boolean(locked[key]);
        return (
          <div class="field" key={key}>
            <label class="choice">
              <input
                type="checkbox"
                name={key}
                checked={form[key]}
                disabled={isLocked}
                aria-describedby={isLocked ? `${key}-locked` : undefined}
                onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
              />
              {t(SWITCH_LABEL[key])}
            </label>
            {isLocked && (
              <span id={`${key}-locked`} class="locked">
                {t('options_locked_by_policy')}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
}
