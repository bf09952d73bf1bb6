// The size figures of a release build: each context's JS (with the chunks it loads), all JS, the
// locale files beside them, and the locale-usage check against the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { localeUsage } from './locale-usage';
import { type BundleSizes, gzipSize } from './sizes';
import type { FigureId, Measured } from './targets';

export function sizeFigures(sizes: BundleSizes): Partial<Record<FigureId, Measured>> {
  const entry = (name: keyof BundleSizes['entries']): Measured => {
    const e = sizes.entries[name];
    if (e.roots.length === 0) return { notMeasured: `the build has no ${name} entry` };
    return {
      value: e.gzip,
      detail: { files: e.files, roots: e.roots, bytes: e.bytes, ownGzip: e.ownGzip },
    };
  };
  return {
    gzipServiceWorker: entry('serviceWorker'),
    gzipContent: entry('content'),
    gzipPanel: entry('panel'),
    gzipPopup: entry('popup'),
    gzipOptions: entry('options'),
    gzipWorkerPages: entry('workerPages'),
    // Only what no other entry loads is dead weight.
    gzipUnreferenced: {
      value: sizes.entries.unreferenced.ownGzip,
      detail: { roots: sizes.entries.unreferenced.roots },
    },
    gzipTotalJs: {
      value: sizes.totalJs.gzip,
      detail: { ...sizes.totalJs, perFile: sizes.files, otherAssetsGzip: sizes.otherGzip },
    },
  };
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/** The shipped locale files' gzip, and which messages are duplicated or unused by the sources. */
export function localeFigures(distDir: string): Partial<Record<FigureId, Measured>> {
  const dir = join(distDir, '_locales');
  const locales: Record<string, string> = {};
  for (const locale of readdirSync(dir).sort())
    locales[locale] = readFileSync(join(dir, locale, 'messages.json'), 'utf8');
  const perLocale = Object.fromEntries(
    Object.entries(locales).map(([l, raw]) => [l, gzipSize(raw)]),
  );
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as {
    default_locale?: string;
  };
  const sources = [
    ...filesUnder('src', /\.(tsx?|html)$/).filter((p) => !/\.test\.tsx?$/.test(p)),
    'manifest.json',
  ].map((p) => readFileSync(p, 'utf8'));
  const usage = localeUsage({ locales, defaultLocale: manifest.default_locale ?? 'en', sources });
  const clean =
    Object.keys(usage.duplicateKeys).length === 0 &&
    usage.duplicateTexts.length === 0 &&
    usage.unused.length === 0;
  return {
    gzipLocales: {
      value: Object.values(perLocale).reduce((a, b) => a + b, 0),
      detail: { perLocale },
    },
    localeMessagesClean: { ok: clean, detail: usage },
  };
}
