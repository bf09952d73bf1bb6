// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the inputs are source text holding template literals
import { describe, expect, it } from 'vitest';
import { dynamicKeyPatterns, keysInFile, localeUsage } from '../../../bench/locale-usage';

const messages = (entries: Record<string, string>) =>
  JSON.stringify(
    Object.fromEntries(Object.entries(entries).map(([k, message]) => [k, { message }])),
    null,
    2,
  );

describe('locale usage check', () => {
  it('finds keys built at run time from template literals', () => {
    const patterns = dynamicKeyPatterns([
      'const key = (id, part) => `err_${id}_${part}`;',
      'export const stepKey = (step) => `ov_step_${step.replaceAll("-", "_")}`;',
      'const s = `${a}: ${b}`; const u = `${url.protocol}//x`;',
    ]);
    expect(patterns).toEqual(['^err_[a-z0-9_]+_[a-z0-9_]+$', '^ov_step_[a-z0-9_]+$']);
  });

  it('counts a key named in a source or matching a run-time pattern as used', () => {
    const en = messages({
      ov_end: 'End',
      err_auth_title: 'Signed out',
      ov_step_customer_offline: 'Offline',
      ext_name: 'Launcher',
      old_unused: 'Nobody reads me',
      ov_end_hint: 'End the session',
    });
    const usage = localeUsage({
      locales: { en, de: en },
      defaultLocale: 'en',
      sources: [
        "t('ov_end')",
        'const k = `err_${id}_title`; const s = `ov_step_${x}`;',
        '{"name": "__MSG_ext_name__"}',
      ],
    });
    // ov_end_hint is not used just because ov_end is: whole words only.
    expect(usage.unused).toEqual(['old_unused', 'ov_end_hint']);
    expect(usage.duplicateKeys).toEqual({});
  });

  it('reports keys named twice in one file and one English text under two keys', () => {
    const en =
      '{\n  "a_key": { "message": "Same" },\n  "b_key": { "message": "Same" },\n  "a_key": { "message": "Again" }\n}';
    expect(keysInFile(en)).toEqual(['a_key', 'b_key', 'a_key']);
    // Nested keys (placeholders) of two messages are not duplicate messages.
    const nested =
      '{"a_key": {"message": "$N$", "placeholders": {"n": {"content": "$1"}}}, "b_key": {"message": "\\"q\\"", "placeholders": {"n": {"content": "$1"}}}}';
    expect(keysInFile(nested)).toEqual(['a_key', 'b_key']);
    const usage = localeUsage({
      locales: { en },
      defaultLocale: 'en',
      sources: ['a_key b_key'],
    });
    expect(usage.duplicateKeys).toEqual({ en: ['a_key'] });
    // JSON.parse keeps the last a_key ("Again"), so only the clean pair would collide: none here.
    expect(usage.duplicateTexts).toEqual([]);
    const twice = localeUsage({
      locales: { en: messages({ a_key: 'Same', b_key: 'Same' }) },
      defaultLocale: 'en',
      sources: ['a_key b_key'],
    });
    expect(twice.duplicateTexts).toEqual([['a_key', 'b_key']]);
    expect(twice.unused).toEqual([]);
  });
});
