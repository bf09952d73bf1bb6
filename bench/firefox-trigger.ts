// The Firefox counterpart of trigger.ts, on puppeteer-core over WebDriver BiDi: one agent page
// driven by the real shortcut (xdotool under the session's Xvfb), the join code awaited as
// painted in the panel frame (the same init script as in Chromium, panelProbe), the session
// ended with the panel's End button.
import type { Frame, Page } from 'puppeteer-core';
import type { FirefoxSession } from '../tools/browser/firefox';
import { firefoxPanel } from '../tools/browser/firefox-panel';
import { xdotoolChord } from '../tools/browser/realinput';
import { waitFor } from '../tools/browser/wait';
import type { PanelMarks } from './page-probe';
import { panelProbe } from './page-probe';
import type { RemoteSandbox } from './sandbox-process';
import { COMMAND, type Triggered } from './trigger';

/** A sample whose panel showed the code before the probe was in its frame: not timed. */
export class ProbeLate extends Error {
  constructor(
    readonly sessionId: string,
    readonly keyAt: number | null,
  ) {
    super('the panel showed the code before the probe was injected into its frame');
  }
}

export interface FirefoxAgentPage {
  page: Page;
  chord: string;
  open(conversationId: string): Promise<void>;
  trigger(conversationId: string): Promise<Triggered>;
  end(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

async function panelFrameOf(page: Page, origin: string): Promise<Frame | undefined> {
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const mine = await f
      .evaluate((o) => location.href.startsWith(`${o}/src/panel/`), origin)
      .catch(() => false);
    if (mine) return f;
  }
  return undefined;
}

/** The page's key press with the panel frame's marks (undefined until the panel exists). */
export async function readFirefoxMarks(
  page: Page,
  origin: string,
  probe?: string,
): Promise<PanelMarks | undefined> {
  const frame = await panelFrameOf(page, origin);
  if (!frame) return undefined;
  // No preload script reaches a moz-extension frame over BiDi: the probe goes in once it exists.
  if (probe && !(await frame.evaluate(() => window.__bench !== undefined).catch(() => true)))
    await frame.evaluate(probe).catch(() => undefined);
  const [own, panel] = await Promise.all([
    page.evaluate(() => window.__bench),
    frame.evaluate(() => window.__bench).catch(() => undefined),
  ]);
  return panel && { ...panel, keyAt: own?.keyAt ?? null };
}

export async function firefoxAgentPage(
  session: FirefoxSession,
  sandbox: RemoteSandbox,
): Promise<FirefoxAgentPage> {
  const shortcut = session.manifest.commands?.[COMMAND]?.suggested_key?.default;
  if (!shortcut) throw new Error(`the manifest has no "${COMMAND}" command`);
  const chord = xdotoolChord(shortcut);
  const page = await session.browser.newPage();
  const probe = panelProbe({
    active: session.message('ov_status_active'),
    ended: session.message('ov_status_ended'),
  });
  // In the page itself (the key press); the panel frame gets it when it appears (readFirefoxMarks).
  await page.evaluateOnNewDocument(probe);
  const marks = () => readFirefoxMarks(page, session.origin, probe);
  return {
    page,
    chord,
    async open(conversationId) {
      await page.goto(`${sandbox.url}/sandbox/agent-tool/${conversationId}`);
    },
    async trigger(conversationId) {
      const pressedAt = performance.timeOrigin + performance.now();
      // Focuses the window first (not timed: the page stamps the key press itself).
      await session.pressKeys(page, chord);
      const shown = await waitFor(
        async () => {
          const m = await marks();
          return m?.codeAt || m?.codeBeforeProbe ? m : undefined;
        },
        { timeout: 20_000, interval: 5, message: 'the join code painted in the panel' },
      );
      const created = (await sandbox.sessions())
        .filter((s) => s.conversationId === conversationId)
        .at(-1);
      if (shown.codeBeforeProbe && created) throw new ProbeLate(created.id, shown.keyAt);
      if (!created || created.joinCode !== shown.code)
        throw new Error(`the panel shows ${shown.code}, sandbox created ${created?.joinCode}`);
      if (!shown.keyAt || shown.keyAt < pressedAt)
        throw new Error('the page saw no key press for this sample');
      return {
        ms: (shown.codeAt as number) - shown.keyAt,
        domMs: (shown.codeDomAt as number) - shown.keyAt,
        marks: shown,
        keyAt: shown.keyAt,
        sessionId: created.id,
      };
    },
    async end(sessionId) {
      const panel = await firefoxPanel(page, session);
      await (await panel.control('button', session.message('ov_end'))).click();
      await sandbox.waitFor(
        async () =>
          (await sandbox.sessions()).find((s) => s.id === sessionId && s.state === 'ended'),
        10_000,
      );
      await waitFor(async () => (await marks())?.endedAt, {
        timeout: 10_000,
        message: 'the ended state in the panel',
      });
    },
    close: () => page.close(),
  };
}
