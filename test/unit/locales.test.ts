// The English catalogue and the code agree: every key the code or manifest asks for exists,
// every key in the catalogue is used, and every entry is well formed the way Chrome reads it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

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
    expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
  });
});
