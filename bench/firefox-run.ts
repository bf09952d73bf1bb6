// `npm run bench -- --browser firefox`: the same figures for Firefox (firefox-esr over WebDriver
// BiDi, the add-on built by `--mode firefox` / `--mode firefox-test`), into their own results
// file (bench/results-firefox.json); the README block shows them after Chromium's. The runner's
// bounded attempts and grouping are run.ts's.
import { FIREFOX } from '../tools/browser/firefox';
import type { BenchArgs } from './args';
import { firefoxNotMeasured } from './firefox-figures';
import { measureFirefoxFresh, measureFirefoxWarmCold } from './firefox-measure-paired';
import { measureFirefoxBackgroundStart, measureFirefoxSessions } from './firefox-measure-session';
import {
  buildFirefoxExtensions,
  FIREFOX_RELEASE_DIR,
  FIREFOX_TEST_DIR,
  startFirefoxBench,
} from './firefox-setup';
import { describeMachine, type Machine } from './machine';
import { notMeasuredAll } from './measure-session';
import { METHOD } from './method';
import { localeFigures, sizeFigures } from './size-figures';
import { analyzeBundle, readDist } from './sizes';
import type { FigureId, Measured } from './targets';

type Figures = Partial<Record<FigureId, Measured>>;
export type Attempt = <T>(what: string, ms: number, run: () => Promise<T>) => Promise<T | Measured>;
type Group = (
  what: string,
  ms: number,
  ids: FigureId[],
  run: () => Promise<Figures>,
) => Promise<Figures>;

export const FIREFOX_METHOD = {
  ...METHOD,
  cases:
    'warm: event page running; stopped: ExtensionParent.DebugUtils.terminateBackgroundScript (about:debugging\'s "Terminate background script", what Firefox does to an idle event page) right before the key press; fresh browser: a newly launched, signed-in Firefox whose event page was stopped and extension pages closed. New / known conversation as in Chromium',
  stopPoint: `${METHOD.stopPoint}. In Firefox the probe is injected into the panel frame as soon as the frame exists (no WebDriver BiDi preload script reaches a moz-extension:// frame); a sample whose code was shown before the probe was in is not timed, counted as probeLate in the detail`,
  workerStart:
    "the event page terminated (terminateBackgroundScript), then an extension page times browser.runtime.sendMessage('auth.status') until its answer",
  isolation:
    'the sandbox runs as its own process (tools/sandbox/cli.ts); Firefox is driven by puppeteer-core over WebDriver BiDi, headful under a private Xvfb, keys by xdotool',
};

export async function firefoxBench(
  args: BenchArgs,
  log: (line: string) => void,
  attempt: Attempt,
  group: Group,
  pairedWarmCold: FigureId[],
  pairedFresh: FigureId[],
): Promise<{ measured: Figures; machine: Machine; method: object }> {
  if (args.build) buildFirefoxExtensions(log);
  const release = analyzeBundle(readDist(FIREFOX_RELEASE_DIR));
  const testBuild = analyzeBundle(readDist(FIREFOX_TEST_DIR));
  const measured: Figures = {
    ...sizeFigures(release),
    ...localeFigures(FIREFOX_RELEASE_DIR),
    ...firefoxNotMeasured(),
  };
  const machine = describeMachine(FIREFOX, 'firefox');
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.firefox}`);
  const budget = (perSampleMs: number, n = args.samples) => 120_000 + perSampleMs * n;
  log(
    `starting the sandbox process (latency ${args.latencyMs} ms) and Firefox with ${FIREFOX_TEST_DIR}/`,
  );
  const bench = await startFirefoxBench(args.latencyMs);
  const { session, sandbox } = bench;
  try {
    Object.assign(
      measured,
      await group(
        'paired raw / trigger, event page running and stopped',
        budget(30_000),
        pairedWarmCold,
        () => measureFirefoxWarmCold(session, sandbox, args.samples, log),
      ),
    );
    measured.workerStart = await attempt('event page start', budget(5_000), () =>
      measureFirefoxBackgroundStart(session, args.samples),
    );
    Object.assign(
      measured,
      await attempt(
        'sessions (accept, requests)',
        budget(20_000, args.samples + args.fallbackSamples * 2),
        () => measureFirefoxSessions(session, sandbox, args, log),
      ).then((r) => ('notMeasured' in r ? notMeasuredAll(r.notMeasured as string) : r)),
    );
    Object.assign(
      measured,
      await group('paired raw / trigger, fresh browser', budget(40_000), pairedFresh, () =>
        measureFirefoxFresh(sandbox, args.samples, log),
      ),
    );
  } finally {
    await bench.close();
  }
  return {
    measured,
    machine,
    method: {
      ...FIREFOX_METHOD,
      builds: `sizes from the Firefox release build (${FIREFOX_RELEASE_DIR}/, --mode firefox); timings on the Firefox test build (${FIREFOX_TEST_DIR}/, --mode firefox-test), whose JS totals ${testBuild.totalJs.gzip} B gzip vs ${release.totalJs.gzip} B for the release`,
    },
  };
}
