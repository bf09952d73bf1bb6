// `npm run demo -- --browser firefox`: the Firefox build (dist-firefox-demo/) in Debian's
// firefox-esr against the sandbox org, signed in as the demo agent. With a display: stays open
// for a person. Headless: a short tour (options, sign-in, the real shortcut, the panel, the
// customer accepting) with a screenshot per step and report.md. The full Chromium tour's other
// steps are not ported to Firefox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { FIREFOX, type FirefoxSession, launchFirefox } from '../../tools/browser/firefox';
import { firefoxPanel } from '../../tools/browser/firefox-panel';
import { xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { onPath } from './environment';

interface Step {
  title: string;
  passed: boolean;
  screenshot?: string;
  failure?: string;
}

async function signedIn(session: FirefoxSession, sandbox: Sandbox): Promise<void> {
  await session.request('settings.save', {
    environment: { kind: 'custom', baseUrl: sandbox.url },
    clientId: SEED.clients.pkce,
  });
  sandbox.settings({ autoApprove: true });
  const status = await session.request('auth.signIn', {});
  if (!status.signedIn) throw new Error('sign-in failed');
}

/** For a person: Firefox on their display, signed in; resolves when they close it. */
export async function exploreFirefox(
  sandbox: Sandbox,
  dist: string,
  display: string,
  executable = FIREFOX,
) {
  const session = await launchFirefox({ dist, display, executable });
  await signedIn(session, sandbox);
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
): Promise<Step[]> {
  if (!onPath('Xvfb') || !onPath('xdotool')) {
    throw new Error('the Firefox tour presses real keys: apt-get install xvfb xdotool');
  }
  const session = await launchFirefox({ dist, headful: true, executable });
  const steps: Step[] = [];
  const step = async (title: string, run: () => Promise<Page>) => {
    const file = `firefox-${String(steps.length + 1).padStart(2, '0')}.png`;
    try {
      const page = await run();
      await page.screenshot({ path: join(outDir, file) });
      steps.push({ title, passed: true, screenshot: file });
    } catch (error) {
      steps.push({ title, passed: false, failure: String(error) });
    }
    const last = steps.at(-1) as Step;
    say(
      `${last.passed ? '✔' : '✘'} ${steps.length}. ${title}${last.failure ? ` — ${last.failure}` : ''}`,
    );
  };
  try {
    const id = SEED.conversations.agent.messagingOnline;
    let agentPage: Page | undefined;
    await step('The options page shows the Firefox redirect URI to register', () =>
      session.openOptions(),
    );
    await step('Signed in: the popup shows the agent and the org', async () => {
      await signedIn(session, sandbox);
      return session.openPopup();
    });
    await step(
      'The start-cobrowse shortcut, pressed for real: the panel shows the join code',
      async () => {
        agentPage = await session.openWebPage(`${sandbox.url}/sandbox/agent-tool/${id}`);
        const key = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default ?? '';
        await session.pressKeys(agentPage, xdotoolChord(key));
        const panel = await firefoxPanel(agentPage, session);
        const issued = await sandbox.waitFor(() =>
          sandbox.sessions().find((s) => s.conversationId === id && s.state === 'offered'),
        );
        if ((await panel.joinCode()) !== issued.joinCode) throw new Error('wrong join code');
        return agentPage;
      },
    );
    await step('The customer accepts: the panel says the session is active', async () => {
      if (!agentPage) throw new Error('no session was started');
      const panel = await firefoxPanel(agentPage, session);
      sandbox.customer(id, 'accept');
      const active = session.message('ov_status_active');
      await waitFor(async () => (await panel.status()) === active, {
        timeout: 20_000,
        message: 'the panel saying active',
      });
      return agentPage;
    });
  } finally {
    await session.close();
  }
  const lines = steps.map(
    (s, i) =>
      `${i + 1}. ${s.passed ? '✔' : '✘'} ${s.title}${s.screenshot ? ` — ![](${s.screenshot})` : ''}${s.failure ? `\n   FAILED: ${s.failure}` : ''}`,
  );
  writeFileSync(
    join(outDir, 'report.md'),
    `# Demo tour in Firefox\n\n${executable}, sandbox ${sandbox.url}, real keys under Xvfb.\n\n${lines.join('\n')}\n`,
  );
  return steps;
}
