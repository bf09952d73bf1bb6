// The start settings as plain data: where start requests go (Platform API or the company
// gateway, its base URL and capabilities), extra detection rules, and what to do when the
// customer's Messenger is offline. Same rules as the background (settings.ts) plus the detection
// module's own rule check, so the page refuses with the words the background would use.
import { validateRule } from '../shared/detect/validate-rule';
import { t } from '../shared/i18n';
import {
  type Capability,
  type DetectionRule,
  isValidBaseUrl,
  type LockedKeys,
  type Settings,
  validateField,
} from '../shared/settings';

export const CAPABILITIES: readonly Capability[] = ['screen', 'mouse', 'keyboard'];
export const OFFLINE_CHOICES: readonly Settings['whenCustomerOffline'][] = [
  'ask',
  'send-when-back',
  'send-anyway',
];

/** A rule being edited; `key` keeps each row's identity (and focus) across removals. */
export interface RuleRow extends DetectionRule {
  key: number;
}

export interface StartForm {
  profile: Settings['profile'];
  gatewayBaseUrl: string;
  capabilities: Capability[];
  rules: RuleRow[];
  whenCustomerOffline: Settings['whenCustomerOffline'];
}

export interface StartErrors {
  gatewayBaseUrl?: string;
  capabilities?: string;
  /** by rule key */
  rules?: Record<number, string>;
}

let nextKey = 1;
export const newRuleRow = (rule: DetectionRule = { kind: 'regex', value: '' }): RuleRow => ({
  ...rule,
  key: nextKey++,
});

export function startFormFromSettings(s: Settings): StartForm {
  return {
    profile: s.profile,
    gatewayBaseUrl: s.gateway.baseUrl,
    capabilities: CAPABILITIES.filter((c) => s.gateway.capabilities.includes(c)),
    rules: s.detectionRules.map((r) => newRuleRow(r)),
    whenCustomerOffline: s.whenCustomerOffline,
  };
}

const rulesOf = (form: StartForm): DetectionRule[] =>
  form.rules.map(({ kind, value }) => ({ kind, value: value.trim() }));

const gatewayOf = (form: StartForm): Settings['gateway'] => ({
  baseUrl: form.gatewayBaseUrl.trim().replace(/\/+$/, ''),
  capabilities: CAPABILITIES.filter((c) => form.capabilities.includes(c)),
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Which of these keys differ from the saved settings. */
function changes(form: StartForm, saved: Settings) {
  return {
    profile: form.profile !== saved.profile,
    gateway: !same(gatewayOf(form), saved.gateway),
    detectionRules: !same(rulesOf(form), saved.detectionRules),
    whenCustomerOffline: form.whenCustomerOffline !== saved.whenCustomerOffline,
  };
}

export function isStartDirty(form: StartForm, saved: Settings): boolean {
  return Object.values(changes(form, saved)).some(Boolean);
}

/**
 * Checks the unlocked start fields. The patch holds only what changed, so saving the connection
 * alone never rewrites (and never overrides) the rest.
 * `dom` lets a selector rule be parsed by the real CSS engine (the page passes `document`).
 */
export function validateStartForm(
  form: StartForm,
  locked: LockedKeys,
  saved: Settings,
  dom?: Parameters<typeof validateRule>[1],
): { ok: true; patch: Partial<Settings> } | { ok: false; errors: StartErrors } {
  const errors: StartErrors = {};
  const patch: Partial<Settings> = {};
  const changed = changes(form, saved);
  const profile = locked.profile ? saved.profile : form.profile;

  if (!locked.gateway) {
    const url = form.gatewayBaseUrl.trim();
    if (profile === 'gateway' && !url) errors.gatewayBaseUrl = t('options_err_gateway_url_empty');
    else if (url && !isValidBaseUrl(url)) errors.gatewayBaseUrl = t('settings_err_base_url');
    if (form.capabilities.length === 0) errors.capabilities = t('settings_err_no_capability');
    if (!errors.gatewayBaseUrl && !errors.capabilities && changed.gateway) {
      const r = validateField('gateway', gatewayOf(form));
      if (r.ok) patch.gateway = r.value;
      else errors.gatewayBaseUrl = r.message;
    }
  }
  if (!locked.profile && changed.profile) patch.profile = form.profile;

  if (!locked.detectionRules) {
    const ruleErrors: Record<number, string> = {};
    for (const row of form.rules) {
      const why = validateRule({ kind: row.kind, value: row.value.trim() }, dom);
      if (why) ruleErrors[row.key] = t(why);
    }
    if (Object.keys(ruleErrors).length) errors.rules = ruleErrors;
    else if (changed.detectionRules) {
      const r = validateField('detectionRules', rulesOf(form));
      if (r.ok) patch.detectionRules = r.value;
      else {
        const first = form.rules[0];
        if (first) errors.rules = { [first.key]: r.message };
      }
    }
  }
  if (!locked.whenCustomerOffline && changed.whenCustomerOffline) {
    patch.whenCustomerOffline = form.whenCustomerOffline;
  }
  const failed = errors.gatewayBaseUrl || errors.capabilities || errors.rules;
  return failed ? { ok: false, errors } : { ok: true, patch };
}
