// The default when the customer's Messenger is offline at start: the offer would be lost (the
// agent started before the customer's Messenger was listening), so ask, wait for the customer,
// or send anyway.
import { t } from '../shared/i18n';
import type { Settings } from '../shared/settings';
import { ChoiceField } from './ChoiceField';
import { OFFLINE_CHOICES } from './start-form';

type Choice = Settings['whenCustomerOffline'];

const LABEL: Record<Choice, string> = {
  ask: 'options_offline_ask',
  'send-when-back': 'ov_send_when_back',
  'send-anyway': 'ov_send_anyway',
};

export interface OfflineChoiceFieldProps {
  value: Choice;
  locked: boolean;
  onChange: (value: Choice) => void;
}

export function OfflineChoiceField({ value, locked, onChange }: OfflineChoiceFieldProps) {
  return (
    <ChoiceField
      name="whenCustomerOffline"
      legend={t('options_offline')}
      hint={t('options_offline_hint')}
      choices={OFFLINE_CHOICES}
      labels={LABEL}
      value={value}
      locked={locked}
      onChange={onChange}
    />
  );
}
