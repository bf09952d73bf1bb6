// @vitest-environment happy-dom
// Where detection rules run: the extra regex rules run in the page, never in the service
// worker; over the page URL, the right-clicked link or selection and each text field apart
// (capped), within a time budget after which the collector stops and says it was truncated.
import { describe, expect, it } from 'vitest';
import { type CollectContext, collectPageHints } from '../../../src/content/collect';
import { LIMITS } from '../../../src/shared/detect/limits';
import { compileRules, matchRules } from '../../../src/shared/detect/rules';
import type { DetectionRule } from '../../../src/shared/settings';

const A = '0b7e4d2c-5a61-4f3e-9c8d-1a2b3c4d5e6f';
const B = '7c1d9e8f-2b3a-4c5d-8e6f-9a0b1c2d3e4f';
const C = 'f3e2d1c0-b9a8-4765-9432-10fedcba9876';

function page(url: string, html: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.body.innerHTML = html;
}

const rule = (value: string): DetectionRule => ({ kind: 'regex', value });
const ruleIds = (rules: DetectionRule[], context: CollectContext = {}) =>
  collectPageHints(document, rules, context)
    .hints.filter((h) => h.source === 'rule')
    .map((h) => h.id);

describe('rules over the URL and the context, in the page', () => {
  it('matches the page URL (the worker no longer does)', () => {
    page(`https://helpdesk.example/t/99?gc=${A}`, '<p>nothing here</p>');
    expect(collectPageHints(document, [rule('gc=([0-9a-f-]{36})')]).hints).toEqual([
      { id: A, source: 'rule', where: 'rule 1' },
    ]);
    expect(ruleIds([])).toEqual([]); // no rule, no rule hint
  });

  it('matches the right-clicked link and selection passed as context', () => {
    page('https://helpdesk.example/', '<p>nothing here</p>');
    const rules = [rule('case/([0-9a-f-]{36})'), rule('Ref ([0-9a-f-]{36})')];
    const context = { linkUrl: `https://crm.example/case/${B}`, selectionText: `Ref ${C}` };
    expect(ruleIds(rules, context)).toEqual([B, C]);
    expect(ruleIds(rules, {})).toEqual([]); // positive control: they came from the context
  });
});

describe('each field apart, capped', () => {
  it('never matches across two text nodes (no concatenated buffer)', () => {
    const filler = `${'x'.repeat(30)}-${'y'.repeat(10)}`;
    const r = [rule('ref:\\s*([0-9a-f-]{36})')];
    page('https://x.example/', `<p>${filler} ref:</p><p>${A} tail</p>`);
    expect(ruleIds(r)).toEqual([]);
    page('https://x.example/', `<p>${filler} ref: ${A} tail</p>`);
    expect(ruleIds(r)).toEqual([A]); // positive control: one field matches
  });

  it('reads at most maxRuleFieldChars of a field, and says so', () => {
    const late = `${'-'.repeat(3_000)} id=${A}`;
    page('https://x.example/', `<p>${late}</p>`);
    const limits = { ...LIMITS, maxCharsPerValue: 10_000 };
    const cut = collectPageHints(document, [rule('id=([0-9a-f-]{36})')], {}, limits);
    expect(cut.hints.some((h) => h.source === 'rule')).toBe(false);
    expect(cut.truncated).toBe(true);
    const wide = collectPageHints(
      document,
      [rule('id=([0-9a-f-]{36})')],
      {},
      {
        ...limits,
        maxRuleFieldChars: 4_000,
      },
    );
    expect(wide.hints.filter((h) => h.source === 'rule').map((h) => h.id)).toEqual([A]);
  });
});

describe('the time budget', () => {
  /** A clock that moves `step` ms every time it is read. */
  const ticking = (step: number) => {
    let t = 0;
    return () => {
      t += step;
      return t;
    };
  };
  const html = [A, B, C].map((id) => `<p>${'-'.repeat(10)} case ${id}</p>`).join('');
  const rules = [rule('case ([0-9a-f-]{36})')];

  it('stops applying rules once the budget is spent, and marks the result truncated', () => {
    page('https://x.example/', html);
    const limits = { ...LIMITS, ruleBudgetMs: 50 };
    // 20 ms per read: the URL and the first two fields fit, the third does not.
    const slow = collectPageHints(document, rules, {}, limits, ticking(20));
    expect(slow.truncated).toBe(true);
    const found = slow.hints.filter((h) => h.source === 'rule').map((h) => h.id);
    expect(found.length).toBeLessThan(3);
    // Positive control: a clock that does not move finds all three, not truncated.
    const fast = collectPageHints(document, rules, {}, limits, () => 0);
    expect(fast.truncated).toBe(false);
    expect(fast.hints.filter((h) => h.source === 'rule').map((h) => h.id)).toEqual([A, B, C]);
  });

  it('matchRules reads the URL and the context before page text', () => {
    const { regexes } = compileRules(rules);
    const out = matchRules(regexes, [`case ${A}`, `case ${B}`, `case ${C}`], {
      maxFieldChars: 2_048,
      maxMatches: 50,
      budgetMs: 10,
      now: ticking(6),
    });
    expect(out).toEqual({ found: [{ id: A, n: 1 }], truncated: true });
  });
});
