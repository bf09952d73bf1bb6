// The behaviour matrix: the behaviour e2e suites once per non-default sandbox profile (one
// unverified Genesys behaviour varied at a time), against the dist-test/ build `npm run test:e2e`
// made (never rebuilt here), one profile after another. Prints a per-profile summary and exits 1
// if any profile failed.
//
//   npm run test:matrix                          every profile
//   npm run test:matrix -- --only voiceSignal=none,redeliverOfferOnJoin=true
//   npm run test:matrix -- --list                the plan, nothing run
//   npm run test:matrix -- --when TEST_MATRIX=all   only when the environment asks (npm test)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILE_ENV, profiles } from '../tools/sandbox/profiles';
import {
  matrixPlan,
  type PlannedRun,
  type RunResult,
  requested,
  runPassed,
  SUITE_CHANGES,
  selectRuns,
  summary,
  type VitestJson,
} from './matrix/plan';

const ROOT = resolve(import.meta.dirname, '..');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    when: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

function runProfile(run: PlannedRun, out: string): Promise<RunResult> {
  const started = Date.now();
  const json = join(out, `${run.profile.replace(/[^\w.-]+/g, '_')}.json`);
  const args = [VITEST, 'run', '--project', 'e2e', '--reporter=default', '--reporter=json'];
  args.push(`--outputFile.json=${json}`, ...run.files);
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, [PROFILE_ENV]: run.profile },
    });
    child.on('exit', (code, signal) => {
      let report: VitestJson | undefined;
      try {
        report = JSON.parse(readFileSync(json, 'utf8')) as VitestJson;
      } catch {
        report = undefined; // vitest died before writing it: the summary says so
      }
      const result: RunResult = {
        profile: run.profile,
        exitCode: code ?? (signal ? 128 : 1),
        seconds: (Date.now() - started) / 1000,
      };
      if (report) result.report = report;
      done(result);
    });
  });
}

async function main(): Promise<number> {
  if (!requested(values.when, process.env)) {
    console.log(`Behaviour matrix not run (${values.when} is not set; .ci/run sets it).`);
    return 0;
  }
  const plan = selectRuns(matrixPlan(profiles()), values.only);
  if (values.list) {
    for (const r of plan) console.log(`${r.profile}: ${r.files.join(' ')}`);
    for (const [dim, c] of Object.entries(SUITE_CHANGES)) console.log(`  (${dim}: ${c.why})`);
    return 0;
  }
  if (!existsSync(join(ROOT, 'dist-test', 'manifest.json'))) {
    console.error('dist-test/ is missing: run `npm run build:test` (npm run test:e2e does) first.');
    return 1;
  }
  const out = mkdtempSync(join(tmpdir(), 'test-matrix-'));
  const results: RunResult[] = [];
  try {
    for (const run of plan) {
      console.log(`\n=== ${PROFILE_ENV}=${run.profile} (${run.files.length} files) ===`);
      results.push(await runProfile(run, out));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`\n${summary(results)}`);
  return results.every(runPassed) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
