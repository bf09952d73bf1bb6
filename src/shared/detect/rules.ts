// Extra detection rules from the options page or admin policy (DetectionRule in settings.ts):
// a regex with exactly one capture group, run in the page over its URL and each text field, or a CSS
// selector whose value, href or text holds the id. Rules are validated when saved
// (validate-rule.ts → a _locales key for the options page) and again before use: a bad rule is
// skipped, never thrown. Regexes are compiled with the `gi` flags.

import { type RegexRisk, regexRisk } from './regex-safety';
import type { DetectionRule } from './types';
import { findUuids, normaliseId } from './uuid';

export const MAX_RULE_LENGTH = 500;

/** _locales keys the options page shows for a rejected rule. */
export type RuleErrorKey =
  | 'detect_rule_invalid'
  | 'detect_rule_empty'
  | 'detect_rule_too_long'
  | 'detect_rule_regex_invalid'
  | 'detect_rule_regex_groups'
  | 'detect_rule_regex_unsafe'
  | 'detect_rule_regex_ambiguous'
  | 'detect_rule_regex_backreference'
  | 'detect_rule_regex_lookaround'
  | 'detect_rule_regex_unsupported'
  | 'detect_rule_selector_invalid';

/** Why a regex is refused (regex-safety.ts), as the key the options page shows. */
const RISK_KEYS: Record<RegexRisk, RuleErrorKey> = {
  nested: 'detect_rule_regex_unsafe',
  ambiguous: 'detect_rule_regex_ambiguous',
  backreference: 'detect_rule_regex_backreference',
  lookaround: 'detect_rule_regex_lookaround',
  unsupported: 'detect_rule_regex_unsupported',
};

/**
 * A group that is repeated and itself contains a repeat or an alternation (`(a+)+`, `(\w*x)*`,
 * `(a|aa)*`): the usual shapes of catastrophic backtracking. Rules run on untrusted page text,
 * so such a pattern is refused. (A heuristic: it keeps the common cases out, not every one.)
 */
export function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      const next = source[i + 1];
      if (inner && (next === '*' || next === '+' || next === '{')) return true;
      if (inner && groups.length > 0) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '|') && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

/**
 * Why a (syntactically valid) rule regex may not run on page text and URLs: only a pattern
 * shown free of backtracking blow-ups does. Undefined when it is safe.
 */
export function regexRuleRisk(source: string): RuleErrorKey | undefined {
  if (hasNestedQuantifier(source)) return 'detect_rule_regex_unsafe';
  const risk = regexRisk(source);
  return risk ? RISK_KEYS[risk] : undefined;
}

export function captureGroups(re: RegExp): number {
  // An alternation with the empty string always matches; the match array has one slot per group.
  return (new RegExp(`${re.source}|`).exec('')?.length ?? 1) - 1;
}

export interface CompiledRules {
  /** `n` is the rule's 1-based position in the settings list, for `Hint.where`. */
  regexes: Array<{ re: RegExp; n: number }>;
  selectors: Array<{ selector: string; n: number }>;
}

/**
 * A rule as the page runs it (its regex, or its selector), or undefined. Linearity is judged
 * where rules enter the settings (mergeSettings refuses a stored or policy rule that may
 * backtrack; the options page refuses it on save), so the worker only ever sends linear rules.
 * The page keeps only what stops a broken rule from throwing (an invalid selector throws in
 * querySelectorAll, which the collector catches), plus the per-field cap and time budget of
 * matchRules: neither the analyser nor the options page's error keys enter its bundle.
 */
function runnable(rule: unknown): RegExp | string | undefined {
  const { kind, value } = (rule ?? {}) as Partial<DetectionRule>;
  if (typeof value !== 'string' || !value.trim() || value.length > MAX_RULE_LENGTH) return;
  if (kind === 'selector') return value;
  if (kind !== 'regex') return;
  try {
    const re = new RegExp(value, 'gi');
    return captureGroups(re) === 1 ? re : undefined;
  } catch {
    return;
  }
}

/** The usable rules, in order, at most `max`; invalid ones are dropped silently. */
export function compileRules(rules: readonly unknown[] | undefined, max = 20): CompiledRules {
  const out: CompiledRules = { regexes: [], selectors: [] };
  if (!Array.isArray(rules)) return out;
  rules.slice(0, max).forEach((rule, i) => {
    const run = runnable(rule);
    if (run instanceof RegExp) out.regexes.push({ re: run, n: i + 1 });
    else if (run) out.selectors.push({ selector: run, n: i + 1 });
  });
  return out;
}

/** Ids captured by a rule regex in one field (the capture must hold a UUID), at most `max`. */
export function regexIds(re: RegExp, text: string, max = 50): string[] {
  const ids: string[] = [];
  const g = new RegExp(re.source, 'gi');
  let steps = 0;
  for (let m = g.exec(text); m !== null && ids.length < max && steps < max * 20; m = g.exec(text)) {
    steps++;
    if (m[0] === '') g.lastIndex++;
    const captured = m[1] ?? '';
    const id = normaliseId(captured) ?? findUuids(captured, 1, 200)[0]?.id;
    if (id) ids.push(id);
  }
  return ids;
}

/** How rule regexes are applied: per field, each field capped, within a time budget. */
export interface RuleRun {
  /** Characters of one field a regex sees (URL, link, selection, one text node). */
  maxFieldChars: number;
  /** Matches taken from one rule, all fields together. */
  maxMatches: number;
  /** Milliseconds for all rules over all fields; then the rest is skipped (truncated). */
  budgetMs: number;
  now: () => number;
}

export interface RuleMatches {
  /** In field order, then rule order; `n` is the rule's 1-based position. */
  found: Array<{ id: string; n: number }>;
  /** A field was cut to maxFieldChars or the budget ran out before every field was read. */
  truncated: boolean;
}

/**
 * Every rule over every field, each field matched on its own (never a concatenation, so a
 * match cannot span fields and no input is longer than maxFieldChars). The clock is read
 * between matches: a slow rule can overrun the budget by one field at most, then matching stops.
 */
export function matchRules(
  regexes: CompiledRules['regexes'],
  fields: Iterable<string>,
  run: RuleRun,
): RuleMatches {
  const found: RuleMatches['found'] = [];
  let truncated = false;
  if (regexes.length === 0) return { found, truncated };
  const start = run.now();
  const taken = new Map<number, number>();
  for (const raw of fields) {
    let field = raw;
    if (field.length > run.maxFieldChars) {
      field = field.slice(0, run.maxFieldChars);
      truncated = true;
    }
    for (const { re, n } of regexes) {
      if (run.now() - start > run.budgetMs) return { found, truncated: true };
      const left = run.maxMatches - (taken.get(n) ?? 0);
      if (left <= 0 || !field) continue;
      const ids = regexIds(re, field, left);
      taken.set(n, (taken.get(n) ?? 0) + ids.length);
      for (const id of ids) found.push({ id, n });
    }
  }
  return { found, truncated };
}
