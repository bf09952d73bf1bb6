// Extra detection rules: a regular expression with one capture group around the conversation
// ID, or a CSS selector whose text or value holds it. Each row says why it is refused, in the
// detection module's words (validateRule). Adding a rule moves focus to its pattern; removing
// one moves focus to "Add rule", so the keyboard never lands on nothing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { DetectionRule } from '../shared/settings';
import { newRuleRow, type RuleRow } from './start-form';

export interface DetectionRulesFieldProps {
  rules: RuleRow[];
  locked: boolean;
  /** by rule key */
  errors?: Record<number, string>;
  onChange: (rules: RuleRow[]) => void;
}

export function DetectionRulesField({ rules, locked, errors, onChange }: DetectionRulesFieldProps) {
  const [focusKey, setFocusKey] = useState<number | 'add'>();
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusKey === undefined) return;
    if (focusKey === 'add') addRef.current?.focus();
    else document.getElementById(`rule-value-${focusKey}`)?.focus();
    setFocusKey(undefined);
  }, [focusKey]);

  const update = (key: number, patch: Partial<DetectionRule>) =>
    onChange(rules.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const row = newRuleRow();
    onChange([...rules, row]);
    setFocusKey(row.key);
  };
  const remove = (key: number) => {
    onChange(rules.filter((r) => r.key !== key));
    setFocusKey('add');
  };

  return (
    <fieldset
      disabled={locked}
      class="stack"
      aria-describedby={['rules-hint', locked && 'rules-locked'].filter(Boolean).join(' ')}
    >
      <legend>{t('options_rules')}</legend>
      <span id="rules-hint" class="hint">
        {t('options_rules_hint')}
      </span>
      {locked && (
        <p id="rules-locked" class="locked">
          {t('options_locked_by_policy')}
        </p>
      )}
      {rules.length === 0 ? (
        <p class="muted">{t('options_rules_none')}</p>
      ) : (
        <ol class="plain-list">
          {rules.map((rule, i) => {
            const n = String(i + 1);
            const error = errors?.[rule.key];
            const errorId = `rule-error-${rule.key}`;
            return (
              <li key={rule.key} class="stack">
                <div class="row nowrap">
                  <select
                    aria-label={t('options_rule_kind', n)}
                    value={rule.kind}
                    disabled={locked}
                    onChange={(e) =>
                      update(rule.key, { kind: e.currentTarget.value as DetectionRule['kind'] })
                    }
                  >
                    <option value="regex">{t('options_rule_regex')}</option>
                    <option value="selector">{t('options_rule_selector')}</option>
                  </select>
                  <input
                    id={`rule-value-${rule.key}`}
                    type="text"
                    spellcheck={false}
                    autoComplete="off"
                    aria-label={t('options_rule_value', n)}
                    placeholder={
                      rule.kind === 'regex' ? 'conv=([0-9a-f-]{36})' : '[data-conversation-id]'
                    }
                    value={rule.value}
                    disabled={locked}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    onInput={(e) => update(rule.key, { value: e.currentTarget.value })}
                  />
                  {!locked && (
                    <button type="button" class="btn btn-small" onClick={() => remove(rule.key)}>
                      {t('options_rule_remove', n)}
                    </button>
                  )}
                </div>
                {error && (
                  <span id={errorId} class="field-error">
                    {error}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!locked && (
        <div class="row">
          <button ref={addRef} type="button" class="btn btn-small" onClick={add}>
            {t('options_rule_add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
