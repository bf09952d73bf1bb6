// The behaviour matrix's plan and verdict: every non-default profile runs (none forgotten when
// a dimension is added), the trims are only the named ones, and a profile passes only when vitest
// exited 0 having run tests, none failed.
import { describe, expect, it } from 'vitest';
import {
  BEHAVIOUR_SUITES,
  failedTests,
  matrixPlan,
  type RunResult,
  requested,
  runPassed,
  SUITE_CHANGES,
  selectRuns,
  summary,
} from '../../../scripts/matrix/plan';
import { profiles, UNVERIFIED_DIMENSIONS } from '../../../tools/sandbox/profiles';

const file = (suite: string) => `test/e2e/${suite}.test.ts`;

describe('matrixPlan', () => {
  const plan = matrixPlan(profiles());

  it('runs every non-default profile once, and never the default (npm test runs that)', () => {
    expect(plan.map((r) => r.profile)).toEqual(
      profiles()
        .slice(1)
        .map((p) => p.name),
    );
  });

  it('a dimension with no named change runs exactly the behaviour suites', () => {
    const plain = Object.keys(UNVERIFIED_DIMENSIONS).filter((d) => !(d in SUITE_CHANGES));
    expect(plain.length).toBeGreaterThan(0);
    for (const run of plan.filter((r) => plain.some((d) => r.profile.startsWith(`${d}=`)))) {
      expect(run.files).toEqual(BEHAVIOUR_SUITES.map(file));
    }
  });

  it('applies the named changes, each with its reason', () => {
    const conflict = plan.find((r) => r.profile === 'conflictOnPendingSession=false');
    expect(conflict?.files).toEqual([...BEHAVIOUR_SUITES.map(file), file('voice-told-truly')]);
    for (const p of ['voiceSignal=none', 'voiceSignal=conversation']) {
      expect(plan.find((r) => r.profile === p)?.files).toEqual([file('start-triggers')]);
    }
    for (const change of Object.values(SUITE_CHANGES))
      expect(change.why.length).toBeGreaterThan(20);
  });

  it('every planned file exists in test/e2e', async () => {
    const { existsSync } = await import('node:fs');
    for (const f of new Set(plan.flatMap((r) => r.files))) expect(existsSync(f), f).toBe(true);
  });
});

describe('selectRuns', () => {
  const plan = matrixPlan(profiles());
  it('--only picks the named profiles; an unknown name is an error listing the known ones', () => {
    expect(selectRuns(plan, 'voiceSignal=none, offerTtlSeconds=30').map((r) => r.profile)).toEqual([
      'voiceSignal=none',
      'offerTtlSeconds=30',
    ]);
    expect(selectRuns(plan, undefined)).toEqual(plan);
    expect(() => selectRuns(plan, 'voiceSignal=nope')).toThrow(
      /not a matrix profile: voiceSignal=nope; one of: conflictOnPendingSession=false/,
    );
  });
});

describe('the verdict', () => {
  const report = (passed: number, failed: number) => ({
    numPassedTests: passed,
    numFailedTests: failed,
    numTotalTests: passed + failed,
    testResults: [
      {
        name: '/repo/test/e2e/fault-matrix.test.ts',
        assertionResults: [
          { fullName: 'fault matrix 409', status: failed ? 'failed' : 'passed' },
          { fullName: 'fault matrix 429', status: 'passed' },
        ],
      },
    ],
  });
  const run = (r: Partial<RunResult>): RunResult => ({
    profile: 'x=y',
    exitCode: 0,
    seconds: 60,
    ...r,
  });

  it('passes only with exit 0, tests run and none failed', () => {
    expect(runPassed(run({ report: report(2, 0) }))).toBe(true);
    expect(runPassed(run({ report: report(1, 1) }))).toBe(false);
    expect(runPassed(run({ exitCode: 1, report: report(2, 0) }))).toBe(false);
    expect(runPassed(run({ report: report(0, 0) }))).toBe(false);
    expect(runPassed(run({}))).toBe(false);
  });

  it('the summary names each profile, its counts and its failed tests, then the verdict', () => {
    const text = summary([
      run({ profile: 'a=1', report: report(2, 0), seconds: 90 }),
      run({ profile: 'b=2', exitCode: 1, report: report(1, 1), seconds: 30 }),
      run({ profile: 'c=3', exitCode: 1, seconds: 5 }),
    ]);
    expect(text).toMatch(/ok {3}a=1 +2\/2 passed {2}90 s/);
    expect(text).toMatch(/FAIL b=2 +1\/2 passed/);
    expect(text).toContain('✗ fault-matrix.test.ts › fault matrix 409');
    expect(text).toMatch(/FAIL c=3 +no report/);
    expect(text).toContain('2 of 3 profiles failed (2.1 min)');
    expect(failedTests(report(2, 0))).toEqual([]);
    expect(summary([run({ report: report(2, 0) })])).toContain('All 1 profiles passed');
  });
});

describe('--when', () => {
  it('runs only when the variable has the value; malformed is an error', () => {
    expect(requested(undefined, {})).toBe(true);
    expect(requested('TEST_MATRIX=all', { TEST_MATRIX: 'all' })).toBe(true);
    expect(requested('TEST_MATRIX=all', {})).toBe(false);
    expect(requested('TEST_MATRIX=all', { TEST_MATRIX: '1' })).toBe(false);
    expect(() => requested('TEST_MATRIX', {})).toThrow(/VAR=VALUE/);
  });
});
