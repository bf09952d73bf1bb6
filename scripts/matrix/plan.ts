// The behaviour matrix as data: which e2e suites run under which sandbox profile, and how one
// profile's vitest result reads in the summary. Pure, so the plan and the verdict are unit-tested;
// scripts/test-matrix.ts runs it.
import type { SandboxProfile } from '../../tools/sandbox/profiles';

/** The suites whose behaviour depends on how Genesys answers: each runs under every profile. */
export const BEHAVIOUR_SUITES = [
  'start-triggers',
  'session-lifecycle',
  'fault-matrix',
  'signin',
  'worker-restart',
] as const;

/**
 * Per dimension, suites added to (`plus`) or left out of (`minus`) the behaviour suites, each
 * with the reason; a dimension not named here runs exactly BEHAVIOUR_SUITES.
 */
export const SUITE_CHANGES: Readonly<
  Record<string, { plus?: readonly string[]; minus?: readonly string[]; why: string }>
> = {
  conflictOnPendingSession: {
    plus: ['voice-told-truly'],
    why: 'a new voice start replaces a session whose outcome is unknown: one live session per agent',
  },
  voiceSignal: {
    minus: ['session-lifecycle', 'fault-matrix', 'signin', 'worker-restart'],
    why:
      'the signal changes only voice sessions, which these suites never start; voice-told-truly ' +
      'sets each signal per test itself',
  },
};

export interface PlannedRun {
  profile: string;
  files: string[];
}

const dimensionOf = (profile: SandboxProfile) => Object.keys(profile.settings)[0] ?? '';

/** Every non-default profile with its e2e files (paths from the repository root). */
export function matrixPlan(all: readonly SandboxProfile[]): PlannedRun[] {
  return all
    .filter((p) => p.name !== 'default')
    .map((p) => {
      const change = SUITE_CHANGES[dimensionOf(p)];
      const minus = new Set(change?.minus ?? []);
      const suites = [...BEHAVIOUR_SUITES.filter((s) => !minus.has(s)), ...(change?.plus ?? [])];
      return { profile: p.name, files: suites.map((s) => `test/e2e/${s}.test.ts`) };
    });
}

/** `--only NAME[,NAME]`: those profiles; a name that is not in the plan is an error. */
export function selectRuns(plan: readonly PlannedRun[], only: string | undefined): PlannedRun[] {
  if (!only) return [...plan];
  const names = only
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !plan.some((r) => r.profile === n));
  if (unknown.length) {
    const known = plan.map((r) => r.profile).join(', ');
    throw new Error(`not a matrix profile: ${unknown.join(', ')}; one of: ${known}`);
  }
  return plan.filter((r) => names.includes(r.profile));
}

/** The parts of vitest's JSON report the summary reads. */
export interface VitestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  numTotalTests?: number;
  testResults?: {
    name?: string;
    assertionResults?: { fullName?: string; title?: string; status?: string }[];
  }[];
}

export interface RunResult {
  profile: string;
  exitCode: number;
  seconds: number;
  report?: VitestJson;
}

/** A run passed when vitest exited 0 and reported at least one test, none failed. */
export function runPassed(r: RunResult): boolean {
  return r.exitCode === 0 && (r.report?.numTotalTests ?? 0) > 0 && !r.report?.numFailedTests;
}

/** The failed tests of a run as "file › full name". */
export function failedTests(report: VitestJson | undefined): string[] {
  return (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((a) => a.status === 'failed')
      .map(
        (a) => `${(file.name ?? '').replace(/^.*\/test\/e2e\//, '')} › ${a.fullName ?? a.title}`,
      ),
  );
}

/** One line per profile (and its failed tests under it), then the verdict. */
export function summary(results: readonly RunResult[]): string {
  const lines = ['Behaviour matrix (one unverified behaviour varied per profile):'];
  const width = Math.max(...results.map((r) => r.profile.length), 8);
  for (const r of results) {
    const rep = r.report;
    const counts = rep
      ? `${rep.numPassedTests ?? 0}/${rep.numTotalTests ?? 0} passed`
      : 'no report (vitest did not finish)';
    const verdict = runPassed(r) ? 'ok  ' : 'FAIL';
    lines.push(`  ${verdict} ${r.profile.padEnd(width)}  ${counts}  ${r.seconds.toFixed(0)} s`);
    for (const name of failedTests(rep)) lines.push(`         ✗ ${name}`);
    if (!runPassed(r) && rep && failedTests(rep).length === 0)
      lines.push(`         vitest exited with ${r.exitCode}`);
  }
  const failed = results.filter((r) => !runPassed(r)).length;
  const total = results.reduce((s, r) => s + r.seconds, 0);
  lines.push(
    failed === 0
      ? `All ${results.length} profiles passed in ${(total / 60).toFixed(1)} min.`
      : `${failed} of ${results.length} profiles failed (${(total / 60).toFixed(1)} min).`,
  );
  return lines.join('\n');
}

/** `--when VAR=VALUE`: run only when the environment has it (`npm test` under `.ci/run`). */
export function requested(when: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (!when) return true;
  const eq = when.indexOf('=');
  if (eq <= 0) throw new Error(`--when takes VAR=VALUE, not "${when}"`);
  return env[when.slice(0, eq)] === when.slice(eq + 1);
}
