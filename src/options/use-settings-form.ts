// The settings form's state and its save: local validation (same rules as the background), the
// custom origins' host access asked inside the click (one prompt), then the patch handed to the
// background, which stores it.
import { type Dispatch, type StateUpdater, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import type { SettingsView } from '../shared/protocol';
import type { SessionError } from '../shared/session';
import type { Settings } from '../shared/settings';
import { type AlertsForm, alertsFormFromSettings, alertsPatch, isAlertsDirty } from './alerts-form';
import {
  type CopyErrors,
  type CopyForm,
  copyFormFromSettings,
  isCopyDirty,
  validateCopyForm,
} from './copy-form';
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
import {
  isStartDirty,
  type StartErrors,
  type StartForm,
  startFormFromSettings,
  validateStartForm,
} from './start-form';

export function useSettingsForm(
  view: SettingsView,
  onSaved: (view: SettingsView) => void,
  onDirtyChange?: (dirty: boolean) => void,
) {
  const [form, setForm] = useState<ConnectionForm>(() => formFromSettings(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [start, setStart] = useState<StartForm>(() => startFormFromSettings(view.settings));
  const [startErrors, setStartErrors] = useState<StartErrors>({});
  const [copy, setCopy] = useState<CopyForm>(() => copyFormFromSettings(view.settings));
  const [copyErrors, setCopyErrors] = useState<CopyErrors>({});
  const [alerts, setAlerts] = useState<AlertsForm>(() => alertsFormFromSettings(view.settings));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<SessionError>();
  const formRef = useRef<HTMLFormElement>(null);
  const { locked } = view;
  const dirty =
    isDirty(form, view.settings) ||
    isStartDirty(start, view.settings) ||
    isCopyDirty(copy, view.settings) ||
    isAlertsDirty(alerts, view.settings);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // Each part of the form takes a patch the same way: merged in, and "Saved" no longer true.
  const editor =
    <T>(set: Dispatch<StateUpdater<T>>) =>
    (patch: Partial<T>) => {
      set((f) => ({ ...f, ...patch }));
      setSaved(false);
    };
  const change = editor(setForm);
  const changeStart = editor(setStart);
  const changeCopy = editor(setCopy);
  const changeAlerts = editor(setAlerts);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const checked = validateForm(form, locked);
    const checkedStart = validateStartForm(start, locked, view.settings, document);
    setErrors(checked.ok ? {} : checked.errors);
    setStartErrors(checkedStart.ok ? {} : checkedStart.errors);
    const checkedCopy = validateCopyForm(copy, locked, view.settings);
    setCopyErrors(checkedCopy.ok ? {} : checkedCopy.errors);
    if (!checked.ok || !checkedStart.ok || !checkedCopy.ok) {
      // Take the keyboard to the first field that needs attention.
      queueMicrotask(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const patch = {
      ...checked.patch,
      ...checkedStart.patch,
      ...checkedCopy.patch,
      ...alertsPatch(alerts, locked, view.settings),
    };
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
    setCopy(copyFormFromSettings(r.value.settings));
    setAlerts(alertsFormFromSettings(r.value.settings));
    setSaved(true);
    onSaved(r.value);
  };

  return {
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
  };
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
