// Mozilla's add-on linter (`web-ext lint`, the checks addons.mozilla.org runs on upload) over a
// Firefox build: what it reports, minus the one warning the build cannot avoid.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/**
 * Preact's renderer has a `dangerouslySetInnerHTML` branch (an `innerHTML =` in the pages' UI
 * chunk) that no source of this extension uses; the linter cannot tell, so it warns.
 */
const ACCEPTED = [{ code: 'UNSAFE_VAR_ASSIGNMENT', file: /^assets\/ui-[\w-]+\.js$/ }];

/** Every error and every warning but the accepted ones, one line each; empty when green. */
export function lintProblems(report: LintReport): string[] {
  const accepted = (m: LintMessage) =>
    ACCEPTED.some((a) => a.code === m.code && a.file.test(m.file ?? ''));
  return [...report.errors, ...report.warnings.filter((m) => !accepted(m))].map(
    (m) => `${m.code} ${m.file ?? ''}: ${m.message}`,
  );
}

/** Runs `web-ext lint` on an unpacked build (the dev dependency's own CLI). */
export function lintFirefox(dir: string): LintReport {
  const bin = resolve('node_modules/.bin/web-ext');
  const args = ['lint', '--source-dir', dir, '--output', 'json', '--no-input'];
  let out: string;
  try {
    out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // web-ext exits non-zero when the linter reports errors; the JSON is still on stdout.
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  return JSON.parse(out) as LintReport;
}
