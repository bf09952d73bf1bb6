// npm run demo [-- --headless] [--skip-build] [--synthetic-input] [--port 8787] [--out demo-out]
//   [--dist dist-demo] [--browser chromium|firefox]
// Builds the test extension into its own dist-demo/ (never dist-test/, which a running
// `npm run test:e2e` loads), starts the sandbox org, launches Chromium with the extension signed
// in as the demo agent. With a display: stays open for a person. Without one (or --headless): the
// scripted tour, with screenshots and report.md in demo-out/; exits non-zero if a step fails.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ExtensionSession, launchExtension } from '../tools/browser/browser';
import type { Sandbox } from '../tools/sandbox/index';
import {
  buildTestExtension,
  CHROMIUM,
  chromiumVersion,
  executable,
  INSTALL_CHROMIUM,
  onPath,
  PREFERRED_PORT,
  startDemoSandbox,
} from './demo/environment';
import { explore } from './demo/explore';
import { exploreFirefox, firefoxPresent, firefoxTour, INSTALL_FIREFOX } from './demo/firefox';
import { renderReport, type StepResult } from './demo/report';
import { runTour } from './demo/tour';
import { backgroundDriver, realInputDriver } from './demo/triggers';

const USAGE = `Usage: npm run demo [-- --headless] [--skip-build] [--port ${PREFERRED_PORT}] [--out demo-out] [--dist dist-demo]

  With a display (DISPLAY set): opens Chromium signed in to the sandbox org for you to explore.
  --headless (or no display): runs the scripted tour, writes screenshots and report.md; real
  keyboard and mouse under a private Xvfb when Xvfb and xdotool are installed, else (or with
  --synthetic-input) the menu click and the shortcut are dispatched as Chrome delivers them.
  --dist DIR: where the test extension is built (and loaded from); default dist-demo
  (dist-firefox-demo for Firefox).
  --browser firefox: the Firefox build in Debian's firefox-esr (a shorter tour: options,
  sign-in, the real shortcut, the panel, the customer accepting).`;

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'synthetic-input': { type: 'boolean', default: false },
    port: { type: 'string', default: String(PREFERRED_PORT) },
    out: { type: 'string', default: 'demo-out' },
    dist: { type: 'string' },
    browser: { type: 'string', default: 'chromium' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const say = (line: string) => console.log(`demo › ${line}`);

const firefox = values.browser === 'firefox';
if (!firefox && values.browser !== 'chromium') {
  console.error(`--browser must be chromium or firefox\n\n${USAGE}`);
  process.exit(2);
}
if (firefox ? !firefoxPresent() : !executable(CHROMIUM)) {
  console.error(firefox ? INSTALL_FIREFOX : INSTALL_CHROMIUM);
  process.exit(1);
}
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
    say(`launching Chromium on ${process.env.DISPLAY}…`);
    session = await launchExtension({ headful: true, display: process.env.DISPLAY, dist });
    await explore(session, sandbox);
    say('the browser was closed: stopping…');
    return 0;
  }

  const realInput = !values['synthetic-input'] && onPath('Xvfb') && onPath('xdotool');
  say(
    realInput
      ? 'scripted tour: headful Chromium under a private Xvfb, real keyboard and mouse (xdotool)'
      : `scripted tour: headless Chromium, the right-click item and the shortcut dispatched as Chrome delivers them${values['synthetic-input'] ? '' : ' (Xvfb/xdotool not found: apt-get install xvfb xdotool for real input)'}`,
  );
  session = await launchExtension({ headful: realInput, dist });
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
        chromium: chromiumVersion(),
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
    await exploreFirefox(sandbox, dist, process.env.DISPLAY as string);
    return 0;
  }
  say('scripted tour: firefox-esr under a private Xvfb, real keyboard (xdotool)');
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.png') || file === 'report.md') rmSync(join(outDir, file));
  }
  const steps = await firefoxTour(sandbox, dist, outDir, say);
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
