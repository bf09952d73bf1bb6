// The default when the customer's Messenger is offline at start: the offer would be lost (the
// agent started before the customer's Messenger was listening), so ask, wait for the customer,
// or send anyway.
import { t } from '../shared/i18n';
import type { Settings } from '../shared/settings';
import { OFFLINE_CHOICES } from './start-form';

type Choice = Settings['whenCustomerOffline'];

const LABEL: Record<Choice, string> = {
  ask: 'options_offline_ask',
  'send-when-back': 'options_offline_when_back',
  'send-anyway': 'options_offline_anyway',
};

export interface OfflineChoiceFieldProps {
  value: Choice;
  locked: boolean;
  onChange: (value: Choice) => void;
}

export function OfflineChoiceField({ value, locked, onChange }: OfflineChoiceFieldProps) {
  return (
    <fieldset
      disabled={locked}
      class="stack"
      aria-describedby={['offline-hint', locked && 'offline-locked'].filter(Boolean).join(' ')}
    >
      <legend>{t('options_offline')}</legend>
      <span id="offline-hint" class="hint">
        {t('options_offline_hint')}
      </span>
      {locked && (
        <p id="offline-locked" class="locked">
          {t('options_locked_by_policy')}
        </p>
      )}
      {OFFLINE_CHOICES.map((choice) => (
        <label class="choice" key={choice}>
          <input
            type="radio"
            name="whenCustomerOffline"
            value={choice}
            checked={value === choice}
            disabled={locked}
            onChange={() => onChange(choice)}
          />
          {t(LABEL[choice])}
        </label>
      ))}
    </fieldset>
  );
}
