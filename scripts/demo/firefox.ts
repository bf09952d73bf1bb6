// `npm run demo -- --browser firefox`: the Firefox build (dist-firefox-demo/) in Debian's
// firefox-esr against the sandbox org, signed in as the demo agent. With a display: stays open
// for a person. Headless: the tour under a private Xvfb with real keys and clicks (xdotool), a
// screenshot per step and report.md (report.ts, as the Chromium tour's).
//
// Every step of the Chromium tour is here; of its hard pages, those that need no set-up through
// Playwright or Chrome's APIs (firefox-tour-hard-pages.ts says which).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIREFOX, launchFirefox } from '../../tools/browser/firefox';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { onPath } from './environment';
import { createFirefoxKit } from './firefox-kit';
import { offTabStep } from './firefox-tour-alerts';
import { historyStep, menuDeclineStep, offlineStep, voiceStep } from './firefox-tour-day';
import { faultStep, noErrorsStep, permissionStep } from './firefox-tour-errors';
import { hardPagesStep } from './firefox-tour-hard-pages';
import { languageStep } from './firefox-tour-language';
import { agentToolStep, optionsStep, popupAcceptStep, signInStep } from './firefox-tour-start';
import { renderReport, type StepResult } from './report';

/** For a person: Firefox on their display, signed in; resolves when they close it. */
export async function exploreFirefox(
  sandbox: Sandbox,
  dist: string,
  display: string,
  executable = FIREFOX,
) {
  const session = await launchFirefox({ dist, display, executable });
  await session.request('settings.save', {
    environment: { kind: 'custom', baseUrl: sandbox.url },
    clientId: SEED.clients.pkce,
  });
  sandbox.settings({ autoApprove: true });
  const status = await session.request('auth.signIn', {});
  if (!status.signedIn) throw new Error('sign-in failed');
  await session.openWebPage(`${sandbox.url}/sandbox/agent-tool`);
  await new Promise((resolve) => session.browser.once('disconnected', resolve));
}

/** The headless tour; returns its steps (report.md and the screenshots are in outDir). */
export async function firefoxTour(
  sandbox: Sandbox,
  dist: string,
  outDir: string,
  say: (line: string) => void,
  executable = FIREFOX,
): Promise<StepResult[]> {
  if (!onPath('Xvfb') || !onPath('xdotool')) {
    throw new Error('the Firefox tour presses real keys: apt-get install xvfb xdotool');
  }
  const startedAt = new Date();
  const session = await launchFirefox({ dist, headful: true, executable });
  const kit = createFirefoxKit(session, sandbox, outDir, (s, i) =>
    say(`${s.passed ? '✔' : '✘'} ${i}. ${s.title}${s.passed ? '' : ` — ${s.saw.at(-1)}`}`),
  );
  try {
    if (await signInStep(kit)) {
      await optionsStep(kit);
      await agentToolStep(kit);
      await popupAcceptStep(kit);
      await menuDeclineStep(kit);
      await offlineStep(kit);
      await voiceStep(kit);
      await offTabStep(kit);
      await historyStep(kit);
      await faultStep(kit);
      await hardPagesStep(kit);
      await permissionStep(kit);
    }
    await languageStep(kit, executable);
    await noErrorsStep(kit);
  } finally {
    await session.close();
  }
  const meta = {
    startedAt,
    sandboxUrl: sandbox.url,
    chromium: executable,
    input: 'real (xdotool under a private Xvfb)',
  };
  writeFileSync(join(outDir, 'report.md'), renderReport(meta, kit.steps));
  return kit.steps;
}
