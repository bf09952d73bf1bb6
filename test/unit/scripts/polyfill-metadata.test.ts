// The polyfill's API table as the build cuts it: only the namespaces src/ calls through
// `browser.*`, each with the polyfill's own entry, the rest of its code untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KEPT_NAMESPACES,
  metadataNamespaces,
  slimPolyfill,
} from '../../../scripts/polyfill-metadata';

const POLYFILL = readFileSync(
  'node_modules/webextension-polyfill/dist/browser-polyfill.js',
  'utf8',
);

const table = (code: string) => {
  const from = code.indexOf('const apiMetadata = ') + 'const apiMetadata = '.length;
  return JSON.parse(code.slice(from, code.indexOf(';\n', from)));
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the polyfill API table the build ships', () => {
  it('keeps exactly the listed namespaces, each entry as the polyfill has it', () => {
    const slim = slimPolyfill(POLYFILL);
    const full = table(POLYFILL);
    expect(Object.keys(table(slim))).toEqual([...KEPT_NAMESPACES]);
    for (const ns of KEPT_NAMESPACES) expect(table(slim)[ns]).toEqual(full[ns]);
    // Control: the full table really has namespaces the slim one drops.
    expect(Object.keys(full)).toContain('bookmarks');
    expect(slim.length).toBeLessThan(POLYFILL.length - 3000);
    // Nothing but the table changed.
    const [before, after] = POLYFILL.split(/const apiMetadata = [\s\S]*?;\n/);
    expect(slim.startsWith(before as string)).toBe(true);
    expect(slim.endsWith(after as string)).toBe(true);
  });

  it('lists every table namespace src/ calls through browser.*, and no other', () => {
    const inTable = new Set(metadataNamespaces(POLYFILL));
    const used = new Set<string>();
    for (const file of sources('src'))
      for (const [, ns] of readFileSync(file, 'utf8').matchAll(/\bbrowser\.([A-Za-z0-9_]+)/g))
        if (inTable.has(ns as string)) used.add(ns as string);
    expect([...used].sort()).toEqual([...KEPT_NAMESPACES].sort());
  });

  it('refuses a polyfill whose table it cannot find or that lacks a kept namespace', () => {
    expect(() => slimPolyfill(POLYFILL.replace('const apiMetadata = ', 'const meta = '))).toThrow(
      /layout changed/,
    );
    expect(() => slimPolyfill(POLYFILL, ['runtime', 'nosuchapi'])).toThrow(/no nosuchapi/);
  });
});
