// The Firefox release build passes Mozilla's add-on linter (what `npm run package` requires
// before it writes the Firefox zip); a Chrome-only manifest entry makes it fail.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lintFirefox, lintProblems } from '../../../scripts/firefox-lint';

const root = mkdtempSync(join(tmpdir(), 'firefox-lint-'));
const dist = join(root, 'dist-firefox');

beforeAll(async () => {
  await build({ mode: 'firefox', logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('web-ext lint passes the Firefox release build', () => {
  expect(lintProblems(lintFirefox(dist))).toEqual([]);
}, 60_000);

it('web-ext lint fails a build that keeps a Chrome-only manifest entry (control)', () => {
  const bad = join(root, 'bad');
  cpSync(dist, bad, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(bad, 'manifest.json'), 'utf8'));
  manifest.background = { service_worker: manifest.background.scripts[0] };
  writeFileSync(join(bad, 'manifest.json'), JSON.stringify(manifest));
  expect(lintProblems(lintFirefox(bad))).not.toEqual([]);
}, 60_000);
