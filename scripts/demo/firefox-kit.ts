// What every Firefox tour step uses, on puppeteer-core (the Chromium tour's kit is on
// Playwright): the step runner recording the tour's StepResult (report.ts renders it), screenshots
// of a tab or of the whole Xvfb screen (the toolbar popup and menus are not in any tab), the
// agent's case page, the panel's status, and the checks against the sandbox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { FirefoxSession } from '../../tools/browser/firefox';
import { type FirefoxPanel, firefoxPanel } from '../../tools/browser/firefox-panel';
import { xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import type { Sandbox } from '../../tools/sandbox/index';
import type { StepResult } from './report';

export interface FirefoxStepTools {
  see(line: string): void;
  /** Screenshot of a tab into outDir; returns the file name. */
  shot(page: Page, name: string): Promise<string>;
  /** Screenshot of the whole screen: the browser's own popup and menus included. */
  screen(name: string): Promise<string>;
  check(condition: boolean, message: string): void;
}

export interface FirefoxTourKit {
  session: FirefoxSession;
  sandbox: Sandbox;
  steps: StepResult[];
  m(key: string): string;
  step(
    title: string,
    did: string,
    body: (tools: FirefoxStepTools) => Promise<void>,
  ): Promise<boolean>;
  /** A new tab at the agent tool's case page of a conversation (the tab a failure photographs). */
  casePage(conversationId: string): Promise<Page>;
  /** The agent's work tab at a path of the sandbox. */
  workTab(path: string): Promise<Page>;
  /** Presses a command's suggested shortcut for real on `page`. */
  pressCommand(page: Page, command: string): Promise<string>;
  /** Waits until the panel's status reads message `key`; returns the text. */
  waitForStatus(panel: FirefoxPanel, key: string): Promise<string>;
  panel(page: Page): Promise<FirefoxPanel>;
  sandboxSession(conversationId: string): ReturnType<Sandbox['sessions']>[number] | undefined;
  joinCodeMatches(t: FirefoxStepTools, panel: FirefoxPanel, conversationId: string): Promise<void>;
  sandboxState(t: FirefoxStepTools, conversationId: string, state: string): Promise<void>;
}

export function createFirefoxKit(
  session: FirefoxSession,
  sandbox: Sandbox,
  outDir: string,
  progress: (step: StepResult, index: number) => void,
): FirefoxTourKit {
  const steps: StepResult[] = [];
  let shots = 0;
  let workPage: Page | undefined;
  const m = (key: string) => session.message(key);
  const nextFile = (name: string) => `${String(++shots).padStart(2, '0')}-${name}.png`;

  async function shot(page: Page, name: string): Promise<string> {
    const file = nextFile(name);
    await page.bringToFront();
    await page.screenshot({ path: join(outDir, file) });
    return file;
  }
  function screen(name: string): string {
    if (!session.screenImage) throw new Error('no screen to photograph (headless)');
    const file = nextFile(name);
    writeFileSync(join(outDir, file), session.screenImage());
    return file;
  }

  async function step(title: string, did: string, body: (t: FirefoxStepTools) => Promise<void>) {
    const result: StepResult = { title, did, saw: [], passed: false, screenshots: [], ms: 0 };
    const started = Date.now();
    const keep = (file: string) => {
      result.screenshots.push(file);
      return file;
    };
    const tools: FirefoxStepTools = {
      see: (line) => result.saw.push(line),
      shot: async (page, name) => keep(await shot(page, name)),
      screen: async (name) => keep(screen(name)),
      check(condition, message) {
        if (!condition) throw new Error(message);
      },
    };
    try {
      await body(tools);
      result.passed = true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      result.saw.push(`FAILED: ${message}`);
      await tools.screen('failure').catch(() => undefined);
    }
    result.ms = Date.now() - started;
    steps.push(result);
    progress(result, steps.length);
    return result.passed;
  }

  async function workTab(path: string): Promise<Page> {
    if (workPage && !workPage.isClosed()) await workPage.close().catch(() => undefined);
    workPage = await session.openWebPage(`${sandbox.url}${path}`);
    return workPage;
  }

  const sandboxSession = (conversationId: string) =>
    sandbox
      .sessions()
      .filter((s) => s.conversationId === conversationId)
      .at(-1);

  return {
    session,
    sandbox,
    steps,
    m,
    step,
    workTab,
    casePage: (conversationId) => workTab(`/sandbox/agent-tool/${conversationId}`),
    async pressCommand(page, command) {
      const key = session.manifest.commands?.[command]?.suggested_key?.default;
      if (!key) throw new Error(`no ${command} shortcut`);
      await session.pressKeys(page, xdotoolChord(key));
      return key;
    },
    async waitForStatus(panel, key) {
      const text = m(key);
      await waitFor(async () => (await panel.status()) === text, {
        timeout: 20_000,
        message: `the panel saying "${text}"`,
      });
      return text;
    },
    panel: (page) => firefoxPanel(page, session),
    sandboxSession,
    async joinCodeMatches(t, panel, conversationId) {
      const issued = await sandbox.waitFor(() => sandboxSession(conversationId), 10_000);
      const shown = await waitFor(
        async () => ((await panel.joinCode()) === issued.joinCode ? issued.joinCode : undefined),
        {
          timeout: 20_000,
          message: `the panel showing the sandbox's join code ${issued.joinCode}`,
        },
      );
      t.see(`join code ${shown}, the same as the sandbox session ${issued.id}`);
    },
    async sandboxState(t, conversationId, state) {
      await sandbox.waitFor(() => sandboxSession(conversationId)?.state === state, 10_000);
      t.see(`the sandbox's session is ${state}`);
    },
  };
}
