// The auto-copy settings as plain data: what is copied when a join code arrives, and the
// invitation text. Checked with the settings schema (src/shared/settings.ts), so the page
// refuses a template with the words the background would.
import { AUTO_COPY, type LockedKeys, type Settings, validateField } from '../shared/settings';

export const AUTO_COPY_CHOICES: readonly Settings['autoCopy'][] = AUTO_COPY;

export interface CopyForm {
  autoCopy: Settings['autoCopy'];
  invitationTemplate: string;
}

export interface CopyErrors {
  invitationTemplate?: string;
}

export const copyFormFromSettings = (s: Settings): CopyForm => ({
  autoCopy: s.autoCopy,
  invitationTemplate: s.invitationTemplate,
});

export function isCopyDirty(form: CopyForm, saved: Settings): boolean {
  return (
    form.autoCopy !== saved.autoCopy || form.invitationTemplate.trim() !== saved.invitationTemplate
  );
}

/** Checks the unlocked fields; the patch holds only what changed. */
export function validateCopyForm(
  form: CopyForm,
  locked: LockedKeys,
  saved: Settings,
): { ok: true; patch: Partial<Settings> } | { ok: false; errors: CopyErrors } {
  const patch: Partial<Settings> = {};
  if (!locked.autoCopy && form.autoCopy !== saved.autoCopy) patch.autoCopy = form.autoCopy;
  if (!locked.invitationTemplate && form.invitationTemplate.trim() !== saved.invitationTemplate) {
    const r = validateField('invitationTemplate', form.invitationTemplate);
    if (!r.ok) return { ok: false, errors: { invitationTemplate: r.message } };
    patch.invitationTemplate = r.value;
  }
  return { ok: true, patch };
}
