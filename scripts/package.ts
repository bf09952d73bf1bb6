// `npm run package`: fresh RELEASE builds, zipped with manifest.json at the root:
// dist/ as release/cobrowse-launcher-<version>.zip for the Chrome Web Store (and Edge Add-ons),
// dist-firefox/ as release/cobrowse-launcher-<version>-firefox.zip for addons.mozilla.org, once
// Mozilla's linter passes it. It refuses to package a build that carries test-only entries.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { lintFirefox, lintProblems } from './firefox-lint.ts';
import { buildMode } from './firefox-manifest.ts';
import { readTree, zip } from './zip';

/** What would make a built manifest unfit for the store; empty when it is a release build. */
export function releaseProblems(manifest: Record<string, unknown>, version: string): string[] {
  const problems: string[] = [];
  if ('key' in manifest) problems.push('manifest has a "key" (test build)');
  const hosts = [
    ...((manifest.host_permissions as string[] | undefined) ?? []),
    ...((manifest.optional_host_permissions as string[] | undefined) ?? []),
  ];
  const loopback = hosts.filter((h) => /\/\/(127\.0\.0\.1|localhost|\[::1\])[/:]/.test(h));
  if (loopback.length) problems.push(`loopback host permissions: ${loopback.join(', ')}`);
  if (manifest.version !== version) {
    problems.push(`manifest version ${String(manifest.version)} is not package.json ${version}`);
  }
  return problems;
}

/** Builds one release (vite mode), checks it, and writes its zip; returns the zip's path. */
async function packageMode(mode: 'production' | 'firefox', version: string): Promise<string> {
  const { outDir, browser } = buildMode(mode);
  await build({ mode, logLevel: 'warn' });
  const manifest = JSON.parse(readFileSync(`${outDir}/manifest.json`, 'utf8'));
  const problems = releaseProblems(manifest, version);
  if (browser === 'firefox') problems.push(...lintProblems(lintFirefox(outDir)));
  if (problems.length) throw new Error(`${outDir} is not fit to ship:\n- ${problems.join('\n- ')}`);

  const entries = readTree(outDir);
  mkdirSync('release', { recursive: true });
  const out = `release/cobrowse-launcher-${version}${browser === 'firefox' ? '-firefox' : ''}.zip`;
  const bytes = zip(entries);
  writeFileSync(out, bytes);
  console.log(`${out}: ${entries.length} files, ${(bytes.length / 1024).toFixed(1)} KiB`);
  return out;
}

async function main(): Promise<void> {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await packageMode('production', version);
  await packageMode('firefox', version);
}

// Run only as a script, so tests can import releaseProblems.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
