// One agent page driven by the real shortcut: navigate, press the key (xdotool), wait until the
// join code is painted in the panel, end the session with the panel's End button. Shared by the
// paired trigger samples and the whole-session runs.
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../tools/browser/browser';
import { waitForPanelFrame } from '../tools/browser/overlay';
import { RealInput, xdotoolChord } from '../tools/browser/realinput';
import { waitFor } from '../tools/browser/wait';
import { type PanelMarks, panelProbe, readMarks } from './page-probe';
import type { RemoteSandbox } from './sandbox-process';
import { liveWorker } from './worker';

export const COMMAND = 'start-cobrowse';

export interface Triggered {
  /** key press (as the page received it) → code painted in the panel */
  ms: number;
  /** key press → code in the panel's DOM (before paint) */
  domMs: number;
  marks: PanelMarks;
  keyAt: number;
  sessionId: string;
}

export interface AgentPage {
  page: Page;
  chord: string;
  /** whether the bench had to assign the shortcut (Chrome left it unassigned) */
  assignedByBench: boolean;
  /** Opens the agent tool on the conversation and focuses the window (no key yet). */
  open(conversationId: string): Promise<void>;
  /** Presses the shortcut on the open page; resolves once the code is painted. */
  trigger(conversationId: string): Promise<Triggered>;
  /** Clicks End in the panel and waits until the sandbox and the panel say ended. */
  end(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

export async function agentPage(
  session: ExtensionSession,
  sandbox: RemoteSandbox,
): Promise<AgentPage> {
  const shortcut = session.manifest.commands?.[COMMAND]?.suggested_key?.default;
  if (!shortcut) throw new Error(`the manifest has no "${COMMAND}" command`);
  const input = RealInput.for(session);
  const chord = xdotoolChord(shortcut);
  const assignedByBench = await ensureShortcut(session, shortcut);
  const page = await session.context.newPage();
  await page.addInitScript(
    panelProbe({
      active: session.message('ov_status_active'),
      ended: session.message('ov_status_ended'),
    }),
  );
  return {
    page,
    chord,
    assignedByBench,
    async open(conversationId) {
      await page.goto(`${sandbox.url}/sandbox/agent-tool/${conversationId}`);
      await input.focusBrowser(page);
    },
    async trigger(conversationId) {
      const pressedAt = performance.timeOrigin + performance.now();
      await input.xdotool('key', '--clearmodifiers', '--delay', '0', chord);
      const shown = await waitFor(
        async () => {
          const m = await readMarks(page);
          return m?.codeAt ? m : undefined;
        },
        { timeout: 20_000, message: 'the join code painted in the panel' },
      );
      const created = (await sandbox.sessions())
        .filter((s) => s.conversationId === conversationId)
        .at(-1);
      if (!created || created.joinCode !== shown.code)
        throw new Error(`the panel shows ${shown.code}, sandbox created ${created?.joinCode}`);
      // The key press as the page received it; Node's stamp before spawning xdotool otherwise.
      const keyAt = shown.keyAt && shown.keyAt >= pressedAt - 50 ? shown.keyAt : pressedAt;
      return {
        ms: (shown.codeAt as number) - keyAt,
        domMs: (shown.codeDomAt as number) - keyAt,
        marks: shown,
        keyAt,
        sessionId: created.id,
      };
    },
    async end(sessionId) {
      const frame = await waitForPanelFrame(page);
      await frame
        .locator('html[data-ready]')
        .getByRole('button', { name: session.message('ov_end'), exact: true })
        .click({ timeout: 5_000 });
      await sandbox.waitFor(
        async () =>
          (await sandbox.sessions()).find((s) => s.id === sessionId && s.state === 'ended'),
        10_000,
      );
      await waitFor(async () => (await readMarks(page))?.endedAt, {
        timeout: 10_000,
        message: 'the ended state in the panel',
      });
    },
    close: () => page.close(),
  };
}

/**
 * Chrome may leave a suggested shortcut unassigned (Chromium 156 on Linux does for this one in a
 * fresh profile). Then the bench assigns the manifest's key the way an agent would on
 * chrome://extensions/shortcuts (that page's developerPrivate API) and says so in the results.
 */
export async function ensureShortcut(
  session: ExtensionSession,
  shortcut: string,
): Promise<boolean> {
  const current = async () =>
    (await liveWorker(session)).evaluate(
      async (name) => (await chrome.commands.getAll()).find((c) => c.name === name)?.shortcut ?? '',
      COMMAND,
    );
  if ((await current()) !== '') return false;
  const page = await session.context.newPage();
  try {
    await page.goto('chrome://extensions/shortcuts');
    await page.evaluate(
      async ([extensionId, commandName, keybinding]) => {
        // biome-ignore lint/suspicious/noExplicitAny: developerPrivate has no public typings
        await (chrome as any).developerPrivate.updateExtensionCommand({
          extensionId,
          commandName,
          keybinding,
        });
      },
      [session.extensionId, COMMAND, shortcut] as const,
    );
  } finally {
    await page.close();
  }
  if ((await current()) === '') throw new Error(`could not assign ${shortcut} to ${COMMAND}`);
  return true;
}
