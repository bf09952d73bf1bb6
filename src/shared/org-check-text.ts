// The org check's findings in words: the behaviour's name and the observed value (or why it
// was not observed), for the Markdown report and the options page alike.
import { t } from './i18n';
import type { Finding, FindingValue } from './org-check';

const snake = (id: string) => id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function behaviourLabel(id: Finding['id']): string {
  return t(`orgcheck_behaviour_${snake(id)}`);
}

function valueText(value: FindingValue): string {
  if (typeof value === 'boolean') return t(value ? 'orgcheck_value_yes' : 'orgcheck_value_no');
  return String(value);
}

export function findingText(f: Finding): string {
  if (f.value !== undefined) return valueText(f.value);
  return t('orgcheck_not_observed', t(`orgcheck_reason_${f.reason ?? 'request_failed'}`));
}
