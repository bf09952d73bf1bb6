// `npm run bench`: builds the release and test extensions, starts the sandbox with a set
// latency, launches Chromium with the extension signed in, measures every figure of issue 6 in
// one run, prints a table and writes bench/results.json. See README "Performance".
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHROMIUM } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import { type BenchArgs, parseArgs, USAGE } from './args';
import { describeMachine } from './machine';
import { measurePopup } from './measure-popup';
import { measureRaw } from './measure-raw';
import { measureSessions, notMeasuredAll } from './measure-session';
import { startUnactedWatch } from './measure-unacted';
import { table } from './report';
import { buildExtensions, RELEASE_DIR, startBench, TEST_DIR } from './setup';
import { analyzeBundle, type BundleSizes, readDist } from './sizes';
import { type FigureId, judge, type Measured } from './targets';

const log = (line: string) => console.log(`[bench] ${line}`);

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

function sizeFigures(sizes: BundleSizes): Partial<Record<FigureId, Measured>> {
  const entry = (name: keyof BundleSizes['entries']) => {
    const e = sizes.entries[name];
    return {
      value: e.gzip,
      detail: { files: e.files, roots: e.roots, bytes: e.bytes, ownGzip: e.ownGzip },
    };
  };
  const content = sizes.entries.content;
  return {
    gzipServiceWorker: entry('serviceWorker'),
    gzipPopup: entry('popup'),
    gzipOptions: entry('options'),
    gzipPanel: entry('panel'),
    gzipContent:
      content.roots.length > 0
        ? entry('content')
        : {
            notMeasured:
              'the release build has no on-demand content script (the overlay has not landed)',
          },
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

async function main(args: BenchArgs) {
  const started = Date.now();
  if (args.build) buildExtensions(log);
  const release = analyzeBundle(readDist(RELEASE_DIR));
  const testBuild = analyzeBundle(readDist(TEST_DIR));
  const releaseManifest = JSON.parse(readFileSync(`${RELEASE_DIR}/manifest.json`, 'utf8'));
  const measured: Partial<Record<FigureId, Measured>> = sizeFigures(release);
  const machine = describeMachine(CHROMIUM);
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.chromium}`);

  log(`starting sandbox (latency ${args.latencyMs} ms) and Chromium with ${TEST_DIR}/`);
  const bench = await startBench(args.latencyMs);
  try {
    const agentPage = (id: string) => `${bench.sandbox.url}/sandbox/agent-tool/${id}`;
    // Opened first, never acted on; checked at the end, after every trigger on other tabs.
    const finishUnacted = await startUnactedWatch(
      bench,
      agentPage(SEED.conversations.agent.messagingOffline),
    );
    // Before any session: with a live or recent session the popup opens on it, not on the list.
    measured.popupToList = await attempt('popup → list', 120_000, () =>
      measurePopup(bench, args.samples),
    );
    measured.rawCreateRoundTrip = await attempt('raw create POST', 120_000, () =>
      measureRaw(bench, args.samples),
    );
    Object.assign(
      measured,
      await attempt('sessions (trigger, accept, requests)', 600_000, () =>
        measureSessions(bench, args, log),
      ).then((r) => ('notMeasured' in r ? notMeasuredAll(r.notMeasured) : r)),
    );
    measured.nothingOnUnactedPages = await attempt('nothing on unacted pages', 60_000, () =>
      finishUnacted(releaseManifest),
    );
  } finally {
    await bench.close();
  }

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
    method: {
      builds: `sizes from the release build (${RELEASE_DIR}/); timings on the test build (${TEST_DIR}/: same sources, manifest + loopback host permissions + fixed key), whose JS totals ${testBuild.totalJs.gzip} B gzip vs ${release.totalJs.gzip} B for the release`,
      percentiles: 'nearest rank over the samples (bench/stats.ts)',
      clock: 'performance.timeOrigin + performance.now() in worker, page and Node',
      sizes:
        'zlib gzip level 9 per JS file; an entry counts every file it loads, shared chunks included; the total counts each file once',
      kilobyte: 1024,
    },
    figures,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${args.out}`);
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
