// npm run demo [-- --headless] [--skip-build] [--synthetic-input] [--port 8787] [--out demo-out]
//   [--dist dist-demo] [--browser chromium|chrome|edge|firefox]
// Builds the test extension into its own dist-demo/ (never dist-test/, which a running
// `npm run test:e2e` loads), starts the sandbox org, launches a browser (found or installed by
// scripts/demo/find-browser.ts) with the extension signed
// in as the demo agent. With a display: stays open for a person. Without one (or --headless): the
// scripted tour, with screenshots and report.md in demo-out/; exits non-zero if a step fails.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ExtensionSession, launchExtension } from '../tools/browser/browser';
import type { Sandbox } from '../tools/sandbox/index';
import { DEMO_BROWSERS, type DemoBrowser, engineOf } from './demo/browser-choice';
import {
  browserVersion,
  buildTestExtension,
  onPath,
  PREFERRED_PORT,
  startDemoSandbox,
} from './demo/environment';
import { explore } from './demo/explore';
import { findBrowser } from './demo/find-browser';
import { exploreFirefox, firefoxTour } from './demo/firefox';
import { renderReport, type StepResult } from './demo/report';
import { runTour } from './demo/tour';
import { backgroundDriver, realInputDriver } from './demo/triggers';

const USAGE = `Usage: npm run demo [-- --headless] [--skip-build] [--port ${PREFERRED_PORT}] [--out demo-out] [--dist dist-demo]

  With a display (DISPLAY set): opens the browser signed in to the sandbox org for you to explore.
  --headless (or no display): runs the scripted tour, writes screenshots and report.md; real
  keyboard and mouse under a private Xvfb when Xvfb and xdotool are installed, else (or with
  --synthetic-input) the menu click and the shortcut are dispatched as Chrome delivers them.
  --dist DIR: where the test extension is built (and loaded from); default dist-demo
  (dist-firefox-demo for Firefox).
  --browser chromium|chrome|edge|firefox: which browser (default: the first found of Debian's
  Chromium, Chrome for Testing, Edge, Firefox; none: as root on Debian it installs Chromium,
  else it prints the command that will). Firefox runs a shorter tour (options, sign-in, the
  real shortcut, the panel, the customer accepting).`;

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'synthetic-input': { type: 'boolean', default: false },
    port: { type: 'string', default: String(PREFERRED_PORT) },
    out: { type: 'string', default: 'demo-out' },
    dist: { type: 'string' },
    browser: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const say = (line: string) => console.log(`demo › ${line}`);

const requested = values.browser as DemoBrowser | undefined;
if (requested !== undefined && !DEMO_BROWSERS.includes(requested)) {
  console.error(`--browser must be one of ${DEMO_BROWSERS.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const found = findBrowser(requested, say);
if (!found) process.exit(1);
const browser = found as NonNullable<typeof found>;
const firefox = engineOf(browser.browser) === 'firefox';
say(`browser: ${browser.label} (${browser.path})`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be 0-65535\n\n${USAGE}`);
  process.exit(2);
}
const tour = values.headless || !process.env.DISPLAY;

let sandbox: Sandbox | undefined;
let session: ExtensionSession | undefined;
let closing: Promise<void> | undefined;
/** Browser first (its profile is removed), then the sandbox; safe to call more than once. */
function shutdown(): Promise<void> {
  closing ??= (async () => {
    await session?.close().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
  })();
  return closing;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say('stopping…');
    void shutdown().then(() => {
      say('sandbox stopped, temporary profile removed');
      process.exit(signal === 'SIGINT' ? 0 : 143);
    });
  });
}

async function main(): Promise<number> {
  const dist = resolve(values.dist ?? (firefox ? 'dist-firefox-demo' : 'dist-demo'));
  const distName = relative(process.cwd(), dist) || dist;
  const script = firefox ? 'build:test:firefox' : 'build:test';
  if (values['skip-build']) say(`using the existing ${distName}/ (--skip-build)`);
  else {
    say(`building the test extension (npm run ${script} → ${distName}/)…`);
    await buildTestExtension(dist, script);
  }
  sandbox = await startDemoSandbox(port);
  say(`sandbox org on ${sandbox.url}${sandbox.port !== port ? ` (port ${port} was taken)` : ''}`);
  if (firefox) return firefoxDemo(sandbox, dist);

  if (!tour) {
    say(`launching ${browser.label} on ${process.env.DISPLAY}…`);
    session = await launchExtension({
      headful: true,
      display: process.env.DISPLAY,
      dist,
      executable: browser.path,
    });
    await explore(session, sandbox);
    say('the browser was closed: stopping…');
    return 0;
  }

  const realInput = !values['synthetic-input'] && onPath('Xvfb') && onPath('xdotool');
  say(
    realInput
      ? `scripted tour: headful ${browser.label} under a private Xvfb, real keyboard and mouse (xdotool)`
      : `scripted tour: headless ${browser.label}, the right-click item and the shortcut dispatched as Chrome delivers them${values['synthetic-input'] ? '' : ' (Xvfb/xdotool not found: apt-get install xvfb xdotool for real input)'}`,
  );
  session = await launchExtension({ headful: realInput, dist, executable: browser.path });
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.png') || file === 'report.md') rmSync(join(outDir, file));
  }
  const startedAt = new Date();
  const driver = realInput ? realInputDriver(session) : backgroundDriver(session);
  const steps = await runTour({
    session,
    sandbox,
    driver,
    outDir,
    progress: (step: StepResult, index: number) => {
      say(
        `${step.passed ? '✔' : '✘'} ${index}. ${step.title}${step.passed ? '' : ` — ${step.saw.find((l) => l.startsWith('FAILED')) ?? ''}`}`,
      );
    },
  });
  const reportPath = join(outDir, 'report.md');
  writeFileSync(
    reportPath,
    renderReport(
      {
        startedAt,
        sandboxUrl: sandbox.url,
        chromium: browserVersion(browser.path),
        input: driver.description,
      },
      steps,
    ),
  );
  const failed = steps.filter((s) => !s.passed).length;
  say(
    failed === 0
      ? `tour passed: ${steps.length} steps`
      : `tour FAILED: ${failed} of ${steps.length} steps`,
  );
  say(`report: ${relative(process.cwd(), reportPath) || reportPath}`);
  return failed === 0 ? 0 : 1;
}

/** The Firefox demo: open for a person on their display, else the headless tour. */
async function firefoxDemo(sandbox: Sandbox, dist: string): Promise<number> {
  if (!tour) {
    say(`launching Firefox on ${process.env.DISPLAY}…`);
    await exploreFirefox(sandbox, dist, process.env.DISPLAY as string, browser.path);
    return 0;
  }
  say('scripted tour: firefox-esr under a private Xvfb, real keyboard (xdotool)');
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.png') || file === 'report.md') rmSync(join(outDir, file));
  }
  const steps = await firefoxTour(sandbox, dist, outDir, say, browser.path);
  const failed = steps.filter((s) => !s.passed).length;
  say(
    failed === 0
      ? `tour passed: ${steps.length} steps`
      : `tour FAILED: ${failed} of ${steps.length} steps`,
  );
  say(`report: ${relative(process.cwd(), join(outDir, 'report.md'))}`);
  return failed === 0 ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await shutdown();
    if (!tour) say('sandbox stopped, temporary profile removed');
    process.exit(code);
  });
