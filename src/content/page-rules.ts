// The rule phase's regex half, apart from the walk: it needs the walk's text, nothing else.
import type { Limits } from '../shared/detect/limits';
import { type compileRules, matchRules } from '../shared/detect/rules';

/**
 * The rule regexes over the URL and what the agent pointed at (first: they matter most if the
 * budget runs out), then the page's text fields, each on its own, within the time budget.
 */
export function pageRuleMatches(
  compiled: ReturnType<typeof compileRules>,
  pointed: Array<string | undefined>,
  page: { texts: string[]; limits: Limits; now: () => number },
) {
  const fields = [...pointed.filter((f): f is string => typeof f === 'string'), ...page.texts];
  return matchRules(compiled.regexes, fields, {
    maxFieldChars: page.limits.maxRuleFieldChars,
    maxMatches: page.limits.maxRuleMatches,
    budgetMs: page.limits.ruleBudgetMs,
    now: page.now,
  });
}
