// What is copied when a join code arrives (nothing, the code, or the invitation text) and the
// invitation text itself, with the built-in text shown for an empty one.
import { t } from '../shared/i18n';
import type { Settings } from '../shared/settings';
import { ChoiceField } from './ChoiceField';
import { AUTO_COPY_CHOICES, type CopyErrors, type CopyForm } from './copy-form';

const LABEL: Record<Settings['autoCopy'], string> = {
  off: 'options_auto_copy_off',
  code: 'options_auto_copy_code',
  invitation: 'options_auto_copy_invitation',
};

export interface AutoCopyFieldsProps {
  form: CopyForm;
  lockedChoice: boolean;
  lockedTemplate: boolean;
  errors: CopyErrors;
  onChange: (patch: Partial<CopyForm>) => void;
}

export function AutoCopyFields(props: AutoCopyFieldsProps) {
  const { form, lockedChoice, lockedTemplate, errors, onChange } = props;
  const error = errors.invitationTemplate;
  const describedBy = [
    'invitation-hint',
    'invitation-default',
    lockedTemplate && 'invitation-locked',
    error && 'invitation-error',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <ChoiceField
        name="autoCopy"
        legend={t('options_auto_copy')}
        hint={t('options_auto_copy_hint')}
        choices={AUTO_COPY_CHOICES}
        labels={LABEL}
        value={form.autoCopy}
        locked={lockedChoice}
        onChange={(autoCopy) => onChange({ autoCopy })}
      />
      <div class="field">
        <label for="invitation">{t('options_invitation')}</label>
        <textarea
          id="invitation"
          rows={3}
          value={form.invitationTemplate}
          disabled={lockedTemplate}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onInput={(e) => onChange({ invitationTemplate: e.currentTarget.value })}
        />
        <span id="invitation-hint" class="hint">
          {t('options_invitation_hint')}
        </span>
        <span id="invitation-default" class="hint">
          {t('options_invitation_default', t('invitation_default'))}
        </span>
        {lockedTemplate && (
          <span id="invitation-locked" class="locked">
            {t('options_locked_by_policy')}
          </span>
        )}
        {error && (
          <span id="invitation-error" class="field-error">
            {error}
          </span>
        )}
      </div>
    </>
  );
}
