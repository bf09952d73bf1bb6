// `npm run package`: a fresh RELEASE build of dist/, zipped as
// release/cobrowse-launcher-<version>.zip for the Chrome Web Store (manifest.json at the root).
// It refuses to package a build that carries test-only manifest entries.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { readTree, zip } from './zip';

const DIST = 'dist';

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

async function main(): Promise<void> {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await build({ mode: 'production', logLevel: 'warn' });
  const manifest = JSON.parse(readFileSync(`${DIST}/manifest.json`, 'utf8'));
  const problems = releaseProblems(manifest, version);
  if (problems.length) throw new Error(`not a release build:\n- ${problems.join('\n- ')}`);

  const entries = readTree(DIST);
  mkdirSync('release', { recursive: true });
  const out = `release/cobrowse-launcher-${version}.zip`;
  const bytes = zip(entries);
  writeFileSync(out, bytes);
  console.log(`${out}: ${entries.length} files, ${(bytes.length / 1024).toFixed(1)} KiB`);
}

// Run only as a script, so tests can import releaseProblems.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
