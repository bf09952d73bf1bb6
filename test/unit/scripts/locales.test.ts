// The English catalogue and the code agree: every key the code or manifest asks for exists,
// every key in the catalogue is used, and every entry is well formed the way Chrome reads it.
// Every translation has English's keys, keeps its substitutions and fits the store limits.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type Catalogue,
  catalogueFile,
  type Entry,
  keyDiff,
  messageTokens,
  REQUIRED_LOCALES,
  readCatalogue,
  translationLocales,
} from '../../../scripts/locales-missing';

const messages: Record<string, Entry> = JSON.parse(
  readFileSync('public/_locales/en/messages.json', 'utf8'),
);
const manifest = readFileSync('manifest.json', 'utf8');

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}
const src = sources('src');

/** t('key') / t("key") / t(`key`) with a literal key, anywhere in src. */
function literalKeys(): { key: string; path: string }[] {
  return src.flatMap(({ path, text }) =>
    [...text.matchAll(/\bt\(\s*(['"`])([A-Za-z0-9_@]+)\1/g)].map((m) => ({
      key: m[2] as string,
      path,
    })),
  );
}

const manifestKeys = [...manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1] as string);

/**
 * Keys built at run time from a template (`err_${id}_${part}`) count as used when they fit one
 * of the templates in src. A template needs a literal start ending in "_" to count, so an
 * arbitrary `${x}` cannot mark the whole catalogue as used.
 */
function templatePatterns(): RegExp[] {
  return src.flatMap(({ text }) =>
    [...text.matchAll(/`([A-Za-z0-9@]+_[A-Za-z0-9_@]*)\$\{[^`]*`/g)].map((m) => {
      const template = m[0].slice(1, -1);
      const parts = template.split(/\$\{[^}]*\}/);
      if (parts.some((p) => !/^[A-Za-z0-9_@]*$/.test(p))) return /^$/;
      return new RegExp(`^${parts.join('[A-Za-z0-9_@]+')}$`);
    }),
  );
}

/** Any quoted occurrence of the key in src (catalogue tables hold keys as plain strings). */
function quotedInSrc(key: string): boolean {
  const quoted = new RegExp(`(['"\`])${key}\\1`);
  return src.some(({ text }) => quoted.test(text));
}

describe('en/messages.json', () => {
  it('has every key the manifest names', () => {
    expect(manifestKeys.length).toBeGreaterThan(0);
    expect(manifestKeys.filter((k) => !(k in messages))).toEqual([]);
  });

  it('has every key src asks for with t()', () => {
    const keys = literalKeys();
    expect(keys.length).toBeGreaterThan(0);
    const missing = keys.filter(({ key }) => !key.startsWith('@@') && !(key in messages));
    expect(missing).toEqual([]);
  });

  it('has no key that nothing uses', () => {
    const patterns = templatePatterns();
    const used = new Set([...manifestKeys, ...literalKeys().map((k) => k.key)]);
    const unused = Object.keys(messages).filter(
      (key) => !used.has(key) && !quotedInSrc(key) && !patterns.some((p) => p.test(key)),
    );
    expect(unused).toEqual([]);
  });

  it('holds each English text under one key (a second key for the same words is a duplicate)', () => {
    const byText = new Map<string, string[]>();
    for (const [key, entry] of Object.entries(messages))
      byText.set(entry.message, [...(byText.get(entry.message) ?? []), key]);
    expect(byText.size).toBeGreaterThan(0);
    expect([...byText.values()].filter((keys) => keys.length > 1)).toEqual([]);
  });

  it('names keys and placeholders the way Chrome accepts, with a description', () => {
    for (const [key, entry] of Object.entries(messages)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(key.startsWith('@@'), key).toBe(false);
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.description?.trim(), `${key} needs a description`).toBeTruthy();
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) =>
        (m[1] as string).toLowerCase(),
      );
      const declared = Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase());
      expect(
        used.filter((p) => !declared.includes(p)),
        `${key} placeholders`,
      ).toEqual([]);
    }
  });

  it('keeps the description within the store limit', () => {
    // Chrome Web Store rejects a manifest description over 132 characters.
    expect(messages.ext_description?.message.length).toBeLessThanOrEqual(132);
  });

  it('keeps the name within the store limit', () => {
    expect(messages.ext_name?.message.length).toBeLessThanOrEqual(NAME_LIMIT);
  });
});

// Chrome Web Store limits for the manifest's name and description, in every language.
const NAME_LIMIT = 75;
const DESCRIPTION_LIMIT = 132;

/** English tokens the translated message lacks, and tokens English does not have. */
function tokenProblems(en: Catalogue, other: Catalogue): string[] {
  return Object.entries(en).flatMap(([key, entry]) => {
    const translated = other[key];
    if (typeof translated?.message !== 'string') return [];
    const want = new Set(messageTokens(entry.message));
    const have = new Set(messageTokens(translated.message));
    return [
      ...[...want].filter((t) => !have.has(t)).map((t) => `${key}: lacks ${t}`),
      ...[...have].filter((t) => !want.has(t)).map((t) => `${key}: adds ${t}`),
    ];
  });
}

function placeholderProblems(en: Catalogue, other: Catalogue): string[] {
  return Object.entries(en)
    .filter(([key]) => key in other)
    .filter(([key, entry]) => !isDeepStrictEqual(entry.placeholders, other[key]?.placeholders))
    .map(([key]) => key);
}

describe('the translation checks', () => {
  // The checks below pass when every translation is right; these show that they can fail.
  const en: Catalogue = {
    a: {
      message: 'Wait $SECONDS$ s ($1), costs $$5',
      placeholders: { seconds: { content: '$1' } },
    },
    b: { message: 'B' },
  };

  it('name missing and extra keys', () => {
    expect(keyDiff(en, { a: { message: 'x' }, c: { message: 'y' } })).toEqual({
      missing: ['b'],
      extra: ['c'],
    });
  });

  it('find a dropped or invented token, and ignore an escaped dollar', () => {
    expect(messageTokens(en.a?.message ?? '')).toEqual(['$SECONDS$', '$1']);
    const de: Catalogue = {
      a: { message: 'Warten Sie $1 $MINUTES$', placeholders: { seconds: { content: '$1' } } },
    };
    expect(tokenProblems(en, de)).toEqual(['a: lacks $SECONDS$', 'a: adds $MINUTES$']);
  });

  it('find placeholders that differ from English', () => {
    const de: Catalogue = {
      a: { message: '$SECONDS$ $1', placeholders: { seconds: { content: '$2' } } },
      b: { message: 'B', placeholders: {} },
    };
    expect(placeholderProblems(en, de)).toEqual(['a', 'b']);
  });
});

describe('translations', () => {
  it.each(REQUIRED_LOCALES)('include %s, as the issue asks', (locale) => {
    expect(existsSync(catalogueFile(locale)), `${catalogueFile(locale)} does not exist`).toBe(true);
  });

  describe.each(translationLocales())('%s/messages.json', (locale) => {
    // Read inside each test, so a file that is missing or does not parse fails here by name.
    const load = (): Catalogue => readCatalogue(locale);

    it('has exactly the keys of English', () => {
      expect(keyDiff(messages, load()), `${locale} against en`).toEqual({
        missing: [],
        extra: [],
      });
    });

    it('has a non-empty message for every key', () => {
      const empty = Object.entries(load())
        .filter(([, entry]) => typeof entry?.message !== 'string' || entry.message.trim() === '')
        .map(([key]) => key);
      expect(empty, `${locale}: keys without a message`).toEqual([]);
    });

    it('keeps every $NAME$ and $1 substitution of the English message', () => {
      expect(tokenProblems(messages, load()), `${locale}: substitutions`).toEqual([]);
    });

    it('copies the placeholders of English unchanged', () => {
      expect(
        placeholderProblems(messages, load()),
        `${locale}: placeholders differ from en`,
      ).toEqual([]);
    });

    it('keeps the name and description within the store limits', () => {
      const catalogue = load();
      const name = catalogue.ext_name?.message ?? '';
      const description = catalogue.ext_description?.message ?? '';
      expect(name.length, `${locale} extName: ${name}`).toBeLessThanOrEqual(NAME_LIMIT);
      expect(description.length, `${locale} extDescription: ${description}`).toBeLessThanOrEqual(
        DESCRIPTION_LIMIT,
      );
    });
  });
});
