// What every tour step uses: the step runner (what was done, seen, pass/fail, screenshots; a
// failure photographs the agent's work tab), the agent's work tab on a case page, and the checks
// against the sandbox (the join code it issued, the state it holds).
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { ExtensionSession } from '../../tools/browser/browser';
import type { Sandbox } from '../../tools/sandbox/index';
import { overlay, overlayText } from './overlay';
import type { StepResult } from './report';
import type { TriggerDriver } from './triggers';

export interface TourContext {
  session: ExtensionSession;
  sandbox: Sandbox;
  driver: TriggerDriver;
  outDir: string;
  /** Progress on the console, one line per step. */
  progress: (step: StepResult, index: number) => void;
}

export interface ShotOptions {
  /** Only this element (e.g. the popup's 360 px column in a 1280 px tab). */
  element?: Locator;
  fullPage?: boolean;
}

export interface StepTools {
  see(line: string): void;
  /** Screenshot of `page` (or one element of it, or the whole page) into outDir; returns the file name. */
  shot(page: Page, name: string, options?: ShotOptions): Promise<string>;
  check(condition: boolean, message: string): void;
  /** A numbered screenshot path for a picture taken elsewhere; `taken()` lists it. */
  reserve(name: string): { path: string; taken(): void };
}

export interface TourKit extends TourContext {
  steps: StepResult[];
  /** Runs one step; true when it passed. */
  step(title: string, did: string, body: (tools: StepTools) => Promise<void>): Promise<boolean>;
  /** The agent's work tab (the tab a failure photographs), opened at a path of the sandbox. */
  workTab(path: string): Promise<Page>;
  /** The agent's work tab on the agent tool's case page of `conversationId`. */
  casePage(conversationId: string): Promise<Page>;
  /** The sandbox's latest session for a conversation. */
  sandboxSession(conversationId: string): ReturnType<Sandbox['sessions']>[number] | undefined;
  /** The overlay's join code is the one the sandbox issued for this conversation. */
  joinCodeMatches(tools: StepTools, page: Page, conversationId: string): Promise<void>;
  sandboxState(tools: StepTools, conversationId: string, state: string): Promise<void>;
}

export function createTourKit(ctx: TourContext): TourKit {
  const { session, sandbox } = ctx;
  const steps: StepResult[] = [];
  let shotCount = 0;
  // The tab the agent works in: the agent tool's case pages; where failures are photographed.
  let workPage: Page | undefined;

  function nextFile(name: string): string {
    shotCount += 1;
    return `${String(shotCount).padStart(2, '0')}-${name}.png`;
  }

  async function shot(page: Page, name: string, options: ShotOptions = {}): Promise<string> {
    const file = nextFile(name);
    const path = join(ctx.outDir, file);
    // A background tab paints no frames: bring it forward first.
    await page.bringToFront();
    if (options.element) await options.element.screenshot({ path, timeout: 10_000 });
    else await page.screenshot({ path, fullPage: options.fullPage ?? false, timeout: 10_000 });
    return file;
  }

  async function step(title: string, did: string, body: (tools: StepTools) => Promise<void>) {
    const result: StepResult = { title, did, saw: [], passed: false, screenshots: [], ms: 0 };
    const started = Date.now();
    const tools: StepTools = {
      see: (line) => result.saw.push(line),
      shot: async (page, name, options) => {
        const file = await shot(page, name, options);
        result.screenshots.push(file);
        return file;
      },
      check(condition, message) {
        if (!condition) throw new Error(message);
      },
      reserve(name) {
        const file = nextFile(name);
        return {
          path: join(ctx.outDir, file),
          taken: () => void result.screenshots.push(file),
        };
      },
    };
    try {
      await body(tools);
      result.passed = true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      result.saw.push(`FAILED: ${message}`);
      if (workPage && !workPage.isClosed()) {
        result.saw.push(`overlay showed: ${await overlayText(session, workPage).catch(() => '?')}`);
        await tools.shot(workPage, 'failure').catch(() => undefined);
      }
    }
    result.ms = Date.now() - started;
    steps.push(result);
    ctx.progress(result, steps.length);
    return result.passed;
  }

  const workTab = async (path: string) => {
    workPage ??= session.context.pages()[0] ?? (await session.context.newPage());
    await workPage.goto(`${sandbox.url}${path}`);
    return workPage;
  };
  const casePage = (conversationId: string) => workTab(`/sandbox/agent-tool/${conversationId}`);
  const sandboxSession = (conversationId: string) =>
    sandbox
      .sessions()
      .filter((s) => s.conversationId === conversationId)
      .at(-1);

  async function joinCodeMatches(tools: StepTools, page: Page, conversationId: string) {
    const shown = (await (await overlay(session, page)).joinCode()).trim();
    const issued = await sandbox.waitFor(() => sandboxSession(conversationId), 5_000);
    tools.check(
      shown === issued.joinCode,
      `overlay join code ${shown} ≠ sandbox's ${issued.joinCode}`,
    );
    tools.see(`join code ${shown}, the same as the sandbox session ${issued.id}`);
  }

  async function sandboxState(tools: StepTools, conversationId: string, state: string) {
    await sandbox.waitFor(() => sandboxSession(conversationId)?.state === state, 10_000);
    tools.see(`the sandbox's session is ${state}`);
  }

  return {
    ...ctx,
    steps,
    step,
    workTab,
    casePage,
    sandboxSession,
    joinCodeMatches,
    sandboxState,
  };
}
