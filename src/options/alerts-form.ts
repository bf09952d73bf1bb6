// The alert settings as plain data: when desktop notifications appear, the tone, the closed
// panel's return and the toolbar badge. Each is one settings key a policy may lock on its own.
import { type LockedKeys, NOTIFY_WHEN, type Settings } from '../shared/settings';

export const ALERT_KEYS = ['notifications', 'notificationSound', 'panelReturns', 'badge'] as const;
export type AlertKey = (typeof ALERT_KEYS)[number];
export type AlertsForm = Pick<Settings, AlertKey>;
/** The switches (checkboxes), in the order the page shows them. */
export const ALERT_SWITCHES = ['notificationSound', 'panelReturns', 'badge'] as const;
export const NOTIFY_CHOICES = NOTIFY_WHEN;

export function alertsFormFromSettings(s: Settings): AlertsForm {
  return {
    notifications: s.notifications,
    notificationSound: s.notificationSound,
    panelReturns: s.panelReturns,
    badge: s.badge,
  };
}

const changedKeys = (form: AlertsForm, saved: Settings) =>
  ALERT_KEYS.filter((key) => form[key] !== saved[key]);

export function isAlertsDirty(form: AlertsForm, saved: Settings): boolean {
  return changedKeys(form, saved).length > 0;
}

/** Only what changed and is not locked, so a save never rewrites (or overrides) the rest. */
export function alertsPatch(form: AlertsForm, locked: LockedKeys, saved: Settings) {
  const patch: Partial<AlertsForm> = {};
  for (const key of changedKeys(form, saved)) {
    if (!locked[key]) Object.assign(patch, { [key]: form[key] });
  }
  return patch;
}
