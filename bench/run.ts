// `npm run bench`: builds the release and test extensions, starts the sandbox in its own process
// with a set latency, launches Chromium with the extension signed in, measures every figure of
// the targets in one run, prints a table, writes bench/results.json and regenerates the README's
// figures block from it. See README "Performance". `--browser firefox` does the same for Firefox
// (firefox-run.ts) into bench/results-firefox.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHROMIUM } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import { type BenchArgs, parseArgs, USAGE } from './args';
import { firefoxBench } from './firefox-run';
import { describeMachine } from './machine';
import { measureFresh, measureWarmCold } from './measure-paired';
import { measurePopup } from './measure-popup';
import { measureSessions, notMeasuredAll } from './measure-session';
import { startUnactedWatch } from './measure-unacted';
import { measureWorkerStart } from './measure-worker-start';
import { METHOD } from './method';
import { writeReadme } from './readme';
import { table } from './report';
import { buildExtensions, RELEASE_DIR, startBench, TEST_DIR } from './setup';
import { localeFigures, sizeFigures } from './size-figures';
import { analyzeBundle, readDist } from './sizes';
import { type FigureId, judge, type Measured } from './targets';

const log = (line: string) => console.log(`[bench] ${line}`);
type Figures = Partial<Record<FigureId, Measured>>;

/** Every measurement is bounded in time; a failure or timeout is reported, never a number. */
async function attempt<T>(what: string, ms: number, run: () => Promise<T>): Promise<T | Measured> {
  log(`measuring ${what}…`);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`  ${what} not measured: ${reason}`);
    return { notMeasured: `${what} failed: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}

/** A group of figures, or each of `ids` marked not measured when the group failed. */
async function group(what: string, ms: number, ids: FigureId[], run: () => Promise<Figures>) {
  const r = await attempt(what, ms, run);
  if (!('notMeasured' in r)) return r as Figures;
  return Object.fromEntries(ids.map((id) => [id, r])) as Figures;
}

const PAIRED_WARM_COLD: FigureId[] = [
  'rawWarmKnown',
  'triggerWarmKnown',
  'rawWarmNew',
  'triggerWarmNew',
  'rawColdKnown',
  'triggerColdKnown',
  'rawColdNew',
  'triggerColdNew',
];
const PAIRED_FRESH: FigureId[] = [
  'rawFreshKnown',
  'triggerFreshKnown',
  'rawFreshNew',
  'triggerFreshNew',
];

async function timings(args: BenchArgs, measured: Figures, releaseManifest: object) {
  // Generous bounds: per sample a few seconds at most (a fresh browser: ~10 s).
  const budget = (perSampleMs: number, n = args.samples) => 120_000 + perSampleMs * n;
  log(`starting the sandbox process (latency ${args.latencyMs} ms) and Chromium with ${TEST_DIR}/`);
  const bench = await startBench(args.latencyMs);
  const { session, sandbox } = bench;
  try {
    const agentTool = (id: string) => `${sandbox.url}/sandbox/agent-tool/${id}`;
    // Opened first, never acted on; checked at the end, after every trigger on other tabs.
    const finishUnacted = await startUnactedWatch(
      bench,
      agentTool(SEED.conversations.agent.messagingOffline),
    );
    // Before any session: with a live or recent session the popup opens on it, not on the list.
    measured.popupToList = await attempt('popup → list', budget(5_000), () =>
      measurePopup(bench, args.samples),
    );
    Object.assign(
      measured,
      await group(
        'paired raw / trigger, worker warm and stopped',
        budget(30_000),
        PAIRED_WARM_COLD,
        () => measureWarmCold(session, sandbox, args.samples, log),
      ),
    );
    measured.workerStart = await attempt('worker start', budget(5_000), () =>
      measureWorkerStart(session, args.samples),
    );
    Object.assign(
      measured,
      await attempt(
        'sessions (accept, requests)',
        budget(20_000, args.samples + args.fallbackSamples * 2),
        () => measureSessions(session, sandbox, args, log),
      ).then((r) => ('notMeasured' in r ? notMeasuredAll(r.notMeasured as string) : r)),
    );
    measured.nothingOnUnactedPages = await attempt('nothing on unacted pages', 60_000, () =>
      finishUnacted(releaseManifest),
    );
    Object.assign(
      measured,
      await group('paired raw / trigger, fresh browser', budget(40_000), PAIRED_FRESH, () =>
        measureFresh(sandbox, args.samples, log),
      ),
    );
  } finally {
    await bench.close();
  }
}

async function chromium(args: BenchArgs) {
  if (args.build) buildExtensions(log);
  const release = analyzeBundle(readDist(RELEASE_DIR));
  const testBuild = analyzeBundle(readDist(TEST_DIR));
  const releaseManifest = JSON.parse(readFileSync(`${RELEASE_DIR}/manifest.json`, 'utf8'));
  const measured: Figures = { ...sizeFigures(release), ...localeFigures(RELEASE_DIR) };
  const machine = describeMachine(CHROMIUM);
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.chromium}`);
  await timings(args, measured, releaseManifest);
  const method = {
    ...METHOD,
    builds: `sizes from the release build (${RELEASE_DIR}/); timings on the test build (${TEST_DIR}/: same sources, manifest + loopback host permissions + fixed key), whose JS totals ${testBuild.totalJs.gzip} B gzip vs ${release.totalJs.gzip} B for the release`,
  };
  return { measured, machine, method };
}

async function main(args: BenchArgs) {
  const started = Date.now();
  const { measured, machine, method } =
    args.browser === 'firefox'
      ? await firefoxBench(args, log, attempt, group, PAIRED_WARM_COLD, PAIRED_FRESH)
      : await chromium(args);

  const figures = judge(measured);
  console.log(`\n${table(figures)}\n`);
  const results = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine,
    settings: {
      latencyMs: args.latencyMs,
      samples: args.samples,
      fallbackSamples: args.fallbackSamples,
    },
    method,
    figures,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${args.out}`);
  // Chromium's results head the block; a Firefox run's file (if any) follows them.
  const chromiumResults = args.browser === 'chromium' ? args.out : 'bench/results.json';
  if (!existsSync(chromiumResults)) return log(`no ${chromiumResults}: README.md left as it is`);
  writeReadme(chromiumResults, 'README.md', args.browser === 'firefox' ? args.out : undefined);
  log('regenerated the figures block of README.md');
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
})();
if (args.help) {
  console.log(USAGE);
} else {
  main(args).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
