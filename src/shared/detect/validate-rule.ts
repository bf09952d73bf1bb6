// Why a detection rule cannot be used, as the _locales key the options page shows (rules.ts
// holds what the worker and the page run). Only the options page asks, so this stays out of the
// chunk the worker shares with the pages.
import { captureGroups, MAX_RULE_LENGTH, type RuleErrorKey, regexRuleRisk } from './rules';
import type { DetectionRule } from './types';

/** Something with a `querySelector`-able fragment: the options page passes `document`. */
export interface SelectorHost {
  createDocumentFragment(): { querySelector(selector: string): unknown };
}

/** Conservative syntax check for when no DOM is at hand. */
function selectorLooksValid(s: string): boolean {
  if (/[{};<]/.test(s)) return false;
  let brackets = 0;
  let parens = 0;
  for (const c of s) {
    if (c === '[') brackets++;
    else if (c === ']') brackets--;
    else if (c === '(') parens++;
    else if (c === ')') parens--;
    if (brackets < 0 || parens < 0) return false;
  }
  return brackets === 0 && parens === 0;
}

/** Why a rule cannot be used, as a _locales key; undefined when it is fine. */
export function validateRule(rule: unknown, dom?: SelectorHost): RuleErrorKey | undefined {
  const shape = validateRuleShape(rule, dom);
  if (shape !== undefined) return shape;
  const { kind, value } = rule as DetectionRule;
  return kind === 'regex' ? regexRuleRisk(value) : undefined;
}

/**
 * Everything validateRule checks but the regex's linearity: a rule that passes compiles and
 * has one capture group.
 */
function validateRuleShape(rule: unknown, dom?: SelectorHost): RuleErrorKey | undefined {
  if (typeof rule !== 'object' || rule === null) return 'detect_rule_invalid';
  const { kind, value } = rule as Partial<DetectionRule>;
  if (kind !== 'regex' && kind !== 'selector') return 'detect_rule_invalid';
  if (typeof value !== 'string') return 'detect_rule_invalid';
  if (value.trim() === '') return 'detect_rule_empty';
  if (value.length > MAX_RULE_LENGTH) return 'detect_rule_too_long';
  if (kind === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(value, 'gi');
    } catch {
      return 'detect_rule_regex_invalid';
    }
    if (captureGroups(re) !== 1) return 'detect_rule_regex_groups';
    return undefined;
  }
  if (!selectorLooksValid(value)) return 'detect_rule_selector_invalid';
  if (dom) {
    try {
      dom.createDocumentFragment().querySelector(value);
    } catch {
      return 'detect_rule_selector_invalid';
    }
  }
  return undefined;
}
