// A detection rule regex that can backtrack for seconds on a few hundred characters
// (`.*.*.*(x)` froze a page 8.9 s on 600 characters) is refused everywhere a rule enters: the
// settings check (stored and policy rules too) and the options page.
import { describe, expect, it } from 'vitest';
import { startFormFromSettings, validateStartForm } from '../../../../src/options/start-form';
import { regexRisk } from '../../../../src/shared/detect/regex-safety';
import { compileRules, regexIds } from '../../../../src/shared/detect/rules';
import { validateRule } from '../../../../src/shared/detect/validate-rule';
import { t } from '../../../../src/shared/i18n';
import { DEFAULT_SETTINGS, mergeSettings, validateField } from '../../../../src/shared/settings';

const ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('regexRisk', () => {
  it.each([
    ['case-([0-9a-f-]{36})'],
    ['(?:ticket|case)/([0-9a-f-]{36})'], // alternatives that start apart
    ['id=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'],
  ])('accepts a linear rule: %s', (source) => {
    expect(regexRisk(source)).toBeUndefined();
  });

  it.each([
    // the reported attack, and ambiguous adjacent repeats whose character sets overlap
    ['.*.*.*(x)', 'ambiguous'],
    ['(.*.*x)', 'ambiguous'],
    ['\\w+\\d*(x)', 'ambiguous'],
    ['a*a*(b)', 'ambiguous'],
    ['(A+a+)', 'ambiguous'], // the i flag folds case
    ['[a-z]+\\w+(x)', 'ambiguous'],
    ['(\\w+)(\\d+)', 'ambiguous'], // across a group boundary
    ['\\w+(?:-)?(\\d+)', 'ambiguous'], // an optional atom between does not separate them
    ['(?:\\w+)?(\\d+)', 'ambiguous'],
    ['\\w+\\s*(\\w+)', 'ambiguous'], // \s* may match nothing
    ['x*y*(x*)', 'ambiguous'],
    ['\\w+a(\\w+)', 'ambiguous'], // a mandatory atom both sides can match does not separate
    ['\\S+.(\\S+)', 'ambiguous'],
    ['[^x]+\\W*(y)', 'ambiguous'], // negated classes are broad
    ['\\d{1,9}\\d{1,9}(x)', 'ambiguous'], // bounded but variable: still refused
    ['(x)\\s+\\u00a0+', 'ambiguous'], // non-ASCII space in \s
    ['(x).+é+', 'ambiguous'], // non-ASCII letter in .
    // alternatives that can start alike: each group of a run doubles the tries (4× per pair)
    [`${'(?:a|a)'.repeat(20)}(b)`, 'ambiguous'],
    [`${'(?:\\w|\\d)'.repeat(22)}(x)`, 'ambiguous'],
    ['(?:ID|id)(x)', 'ambiguous'], // the i flag folds case
    [`${'(?:ab)?'.repeat(10)}(ab)`, 'ambiguous'], // optional groups are variable repeats too
    // nested quantifiers, backreferences, lookarounds with repeats
    ['(a+)+(x)', 'nested'],
    ['((?:a|aa)*)', 'nested'],
    ['(x)\\1', 'backreference'],
    ['(?<n>x)\\k<n>', 'backreference'],
    ['(?=\\w+)(x)', 'lookaround'],
    ['(?<!a|b)(x)', 'lookaround'],
    // what the analyser does not understand
    ['[a-\\d](x)', 'unsupported'],
  ])('%s → %s', (source, risk) => {
    expect(new RegExp(source, 'gi')).toBeInstanceOf(RegExp); // valid JavaScript
    expect(regexRisk(source)).toBe(risk);
  });

  it('refuses syntax newer than it knows (inline modifiers, valid in recent Chrome) and junk', () => {
    expect(regexRisk('(?i:x)(y)')).toBe('unsupported');
    expect(regexRisk('(x))')).toBe('unsupported');
    expect(regexRisk('(x')).toBe('unsupported');
    expect(regexRisk('+(x)')).toBe('unsupported');
    expect(regexRisk('\\c+(x)')).toBe('unsupported'); // Annex B: a backslash, then c+
    expect(regexRisk('\\cJ+(x)')).toBeUndefined(); // a control character, repeated
  });

  it.each([
    // positive controls: the rules admins actually write stay usable
    `conversationId=([0-9a-f-]{36})`,
    'Conversation ID:.*?([0-9a-f-]{36})',
    'id=\\s*(\\S+)', // disjoint: \s then \S
    '[?&]conv(?:ersation)?Id=([0-9a-f-]+)',
    'https?://[^/]+/case/(\\d+)',
    '"conversation"\\s*:\\s*"([^"]+)"',
    'ticket-(\\d+)-(?:\\w+)',
    '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
    '\\d+\\D+(\\d+)',
    '(?:ab)+(c)',
    '^#/interactions/([^/?]+)$',
    '\\bref:(\\w+)\\b',
    '(?=id)id:([0-9a-f-]{36})',
    '[\\]x]+=(\\d+)',
  ])('%s is accepted', (source) => {
    expect(regexRisk(source)).toBeUndefined();
    expect(validateRule({ kind: 'regex', value: source })).toBeUndefined();
  });
});

describe('where a rule enters', () => {
  const attack = { kind: 'regex' as const, value: '.*.*.*(x)' };
  const benign = { kind: 'regex' as const, value: 'case=([0-9a-f-]{36})' };

  it('validateRule names why, with a key every locale has', () => {
    expect(validateRule(attack)).toBe('detect_rule_regex_ambiguous');
    expect(validateRule({ kind: 'regex', value: '(x)\\1' })).toBe(
      'detect_rule_regex_backreference',
    );
    expect(validateRule({ kind: 'regex', value: '(?:a+)+(x)' })).toBe('detect_rule_regex_unsafe');
    expect(t('detect_rule_regex_ambiguous')).toMatch(/\.\*\.\*/);
    expect(validateRule(benign)).toBeUndefined();
  });

  it('the settings check refuses it, saying why (agent options and admin policy alike)', () => {
    const refused = validateField('detectionRules', [benign, attack]);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toContain('.*.*.*(x)');
    expect(refused.message).toContain(t('detect_rule_regex_ambiguous'));
    expect(validateField('detectionRules', [benign])).toEqual({ ok: true, value: [benign] });
  });

  it('the options page shows the reason on the row', () => {
    const form = startFormFromSettings(DEFAULT_SETTINGS);
    form.rules = [{ key: 7, ...attack }];
    const result = validateStartForm(form, {}, DEFAULT_SETTINGS);
    expect(result).toEqual({
      ok: false,
      errors: { rules: { 7: t('detect_rule_regex_ambiguous') } },
    });
    form.rules = [{ key: 7, ...benign }];
    expect(validateStartForm(form, {}, DEFAULT_SETTINGS).ok).toBe(true);
  });

  it('is not applied when it was stored before this check existed; the page gets only safe rules', () => {
    const merged = mergeSettings({ detectionRules: [attack, benign] }, {});
    expect(merged.settings.detectionRules).toEqual(DEFAULT_SETTINGS.detectionRules);
    expect(merged.problems.map((p) => p.key)).toEqual(['detectionRules']);
    // Positive control: the benign rule alone is applied, and compiles and matches on the page.
    const safe = mergeSettings({ detectionRules: [benign] }, {});
    expect(safe.settings.detectionRules).toEqual([benign]);
    const [rule] = compileRules(safe.settings.detectionRules).regexes;
    expect(rule && regexIds(rule.re, `case=${ID}`)).toEqual([ID]);
  });
});
