// `npx tsx scripts/locales-missing.ts`: for each translation under public/_locales/, the keys it
// lacks and the keys English no longer has — the list to work through after English changes.
// The comparison functions are shared with test/unit/locales.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const LOCALES_DIR = 'public/_locales';
export const SOURCE_LOCALE = 'en';
/** The languages the extension ships besides English. */
export const REQUIRED_LOCALES = ['de', 'es', 'fr', 'ja'];

export interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, Entry>;

export function catalogueFile(locale: string, dir = LOCALES_DIR): string {
  return join(dir, locale, 'messages.json');
}

export function readCatalogue(locale: string, dir = LOCALES_DIR): Catalogue {
  return JSON.parse(readFileSync(catalogueFile(locale, dir), 'utf8')) as Catalogue;
}

/** Every locale folder except English, sorted. A folder without messages.json still counts:
 * Chrome refuses to load an extension with such a folder, so it must be reported. */
export function translationLocales(dir = LOCALES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name !== SOURCE_LOCALE && statSync(join(dir, name)).isDirectory())
    .sort();
}

export function keyDiff(en: Catalogue, other: Catalogue): { missing: string[]; extra: string[] } {
  return {
    missing: Object.keys(en).filter((key) => !Object.hasOwn(other, key)),
    extra: Object.keys(other).filter((key) => !Object.hasOwn(en, key)),
  };
}

/**
 * The substitutions Chrome makes in a message: `$NAME$` placeholders and `$1`..`$9`.
 * `$$` is an escaped dollar sign, not a token.
 */
export function messageTokens(message: string): string[] {
  const found: string[] = [];
  for (const m of message.matchAll(/\$\$|\$[A-Za-z0-9_@]+\$|\$[1-9]/g)) {
    if (m[0] !== '$$') found.push(m[0]);
  }
  return found;
}

function main(): void {
  const en = readCatalogue(SOURCE_LOCALE);
  const locales = [...new Set([...REQUIRED_LOCALES, ...translationLocales()])].sort();
  let problems = 0;
  for (const locale of locales) {
    if (!existsSync(join(LOCALES_DIR, locale))) {
      console.log(`${locale}: no folder (required)`);
      problems++;
      continue;
    }
    if (!existsSync(catalogueFile(locale))) {
      console.log(`${locale}: no messages.json`);
      problems++;
      continue;
    }
    let catalogue: Catalogue;
    try {
      catalogue = readCatalogue(locale);
    } catch (err) {
      console.log(`${locale}: messages.json does not parse: ${(err as Error).message}`);
      problems++;
      continue;
    }
    const { missing, extra } = keyDiff(en, catalogue);
    if (missing.length === 0 && extra.length === 0) {
      console.log(`${locale}: complete (${Object.keys(catalogue).length} keys)`);
      continue;
    }
    problems++;
    console.log(`${locale}: ${missing.length} missing, ${extra.length} extra`);
    for (const key of missing) console.log(`  missing ${key}`);
    for (const key of extra) console.log(`  extra   ${key}`);
  }
  if (problems) process.exitCode = 1;
}

// Run only as a script, so the test can import the comparison functions.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
