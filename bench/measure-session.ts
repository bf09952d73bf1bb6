// Full sessions through the keyboard shortcut, as an agent runs them:
//   real key press (xdotool, headful Chromium under Xvfb) → the worker's commands.onCommand →
//   inject + read the page → the one start path → POST → overlay shows the join code;
//   the customer accepts (sandbox control, fetched from the page) → overlay shows "active";
//   the agent clicks End in the overlay → the sandbox session is ended.
// Figures: trigger → code (key press to the code in the overlay's DOM), accept → overlay with the
// notifications socket up and with it refused (REST polling), and the API requests of one whole
// session with warm caches and after a worker restart.

import { waitForPanelFrame } from '../tools/browser/overlay';
import { RealInput, xdotoolChord } from '../tools/browser/realinput';
import { waitFor } from '../tools/browser/wait';
import { SEED } from '../tools/sandbox/index';
import type { BenchArgs } from './args';
import { panelProbe, readMarks } from './page-probe';
import type { Bench } from './setup';
import { summarize } from './stats';
import type { FigureId, Measured } from './targets';

const CONVERSATION = SEED.conversations.agent.messagingOnline;
const COMMAND = 'start-cobrowse';
const round = (x: number) => Math.round(x * 10) / 10;

interface SessionRun {
  triggerMs: number;
  acceptMs: number;
  /** requests logged between the key press and the quiet after End */
  requests: { method: string; route: string; status: number; atMs: number }[];
}

export async function measureSessions(
  bench: Bench,
  args: BenchArgs,
  log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  const { session, sandbox } = bench;
  const shortcut = session.manifest.commands?.[COMMAND]?.suggested_key?.default;
  if (!shortcut) {
    const reason = `the manifest has no "${COMMAND}" command`;
    return notMeasuredAll(reason);
  }
  const input = RealInput.for(session);
  const chord = xdotoolChord(shortcut);
  const assignedByBench = await ensureShortcut(bench, shortcut);
  const page = await session.context.newPage();
  await page.addInitScript(
    panelProbe({
      active: session.message('ov_status_active'),
      ended: session.message('ov_status_ended'),
    }),
  );
  const url = `${sandbox.url}/sandbox/agent-tool/${CONVERSATION}`;
  // The panel's End, once the panel takes clicks (its <html> has data-ready).
  const endButton = async () =>
    (await waitForPanelFrame(page))
      .locator('html[data-ready]')
      .getByRole('button', { name: session.message('ov_end'), exact: true });

  async function one(acceptTimeoutMs: number): Promise<SessionRun> {
    await page.goto(url);
    await input.focusBrowser(page);
    sandbox.clearRequests();
    const pressedAt = performance.timeOrigin + performance.now();
    await input.xdotool('key', '--clearmodifiers', '--delay', '0', chord);
    const shown = await waitFor(
      async () => {
        const m = await readMarks(page);
        return m?.codeAt ? m : undefined;
      },
      { timeout: 15_000, message: 'the join code in the panel' },
    );
    const created = sandbox
      .sessions()
      .filter((s) => s.conversationId === CONVERSATION)
      .at(-1);
    if (!created || created.joinCode !== shown.code)
      throw new Error(`the panel shows ${shown.code}, sandbox created ${created?.joinCode}`);
    // The key press as the page received it; Node's stamp before spawning xdotool otherwise.
    const keyAt = shown.keyAt && shown.keyAt >= pressedAt - 50 ? shown.keyAt : pressedAt;
    const triggerMs = (shown.codeAt as number) - keyAt;

    const acceptedAt = await page.evaluate(
      async ({ id }) => {
        const t = performance.timeOrigin + performance.now();
        const r = await fetch(`/sandbox/conversations/${id}/customer`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ action: 'accept' }),
        });
        if (!r.ok) throw new Error(`accept answered ${r.status}: ${await r.text()}`);
        return t;
      },
      { id: CONVERSATION },
    );
    const active = await waitFor(
      async () => {
        const m = await readMarks(page);
        return m?.activeAt ? m : undefined;
      },
      { timeout: acceptTimeoutMs, message: 'the accepted state in the panel' },
    );
    const acceptMs = (active.activeAt as number) - acceptedAt;

    await (await endButton()).click({ timeout: 5_000 });
    await sandbox.waitFor(
      () => sandbox.sessions().find((s) => s.id === created.id && s.state === 'ended'),
      10_000,
    );
    await waitFor(async () => (await readMarks(page))?.endedAt, {
      timeout: 10_000,
      message: 'the ended state in the panel',
    });
    await quiet(() => sandbox.requests().length);
    // Arrival times relative to the key press show which calls run in series before the POST.
    const requests = sandbox.requests().map(({ method, route, status, time }) => ({
      method,
      route,
      status,
      atMs: Math.round(
        Date.parse(time) - (keyAt - performance.timeOrigin - performance.now() + Date.now()),
      ),
    }));
    return { triggerMs, acceptMs, requests };
  }

  const out: Partial<Record<FigureId, Measured>> = {};
  try {
    // One untimed session first: the first start also signs the socket up and fills caches.
    await one(15_000);
    const trigger: number[] = [];
    const accept: number[] = [];
    for (let i = 0; i < args.samples; i++) {
      const r = await one(15_000);
      trigger.push(r.triggerMs);
      accept.push(r.acceptMs);
    }
    log(
      `  trigger → code p95 ${summarize(trigger).p95} ms; accept (push) p95 ${summarize(accept).p95} ms`,
    );
    out.triggerToCode = {
      summary: summarize(trigger),
      detail: { samples: trigger.map(round), warmupDiscarded: 1, keys: chord, assignedByBench },
    };
    out.acceptToOverlayPush = {
      summary: summarize(accept),
      detail: { samples: accept.map(round) },
    };

    const warm = await one(15_000);
    out.requestsPerSessionWarm = requestFigure(warm);

    await session.restartWorker();
    const cold = await one(30_000);
    out.requestsPerSessionCold = requestFigure(cold);

    if (args.fallbackSamples > 0) {
      // The notifications websocket is refused from now on (connection dropped at the upgrade)
      // and the live one is closed: the extension is left with its REST fallback.
      sandbox.fault({ method: 'GET', path: '^/channels/', dropSocket: true, times: 0 });
      sandbox.dropSockets();
      const fallback: number[] = [];
      for (let i = 0; i < args.fallbackSamples; i++) fallback.push((await one(30_000)).acceptMs);
      sandbox.clearFaults();
      out.acceptToOverlayFallback = {
        summary: summarize(fallback),
        detail: { samples: fallback.map(round), socket: 'upgrade dropped by a sandbox fault' },
      };
    } else {
      out.acceptToOverlayFallback = { notMeasured: '--fallback-samples 0' };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    for (const [id, m] of Object.entries(notMeasuredAll(`session run failed: ${reason}`)))
      out[id as FigureId] ??= m;
  } finally {
    sandbox.clearFaults();
    await page.close();
  }
  return out;
}

/**
 * Chrome may leave a suggested shortcut unassigned (Chromium 156 on Linux does for this one in a
 * fresh profile). Then the bench assigns the manifest's key the way an agent would on
 * chrome://extensions/shortcuts (that page's developerPrivate API) and says so in the results.
 */
async function ensureShortcut({ session }: Bench, shortcut: string): Promise<boolean> {
  const current = async () =>
    session.evalInWorker(
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

function requestFigure(run: SessionRun): Measured {
  // API and OAuth calls; the websocket upgrade is listed but is not an API request.
  const api = run.requests.filter(
    (r) => r.route.startsWith('/api/') || r.route.startsWith('/oauth/'),
  );
  return {
    value: api.length,
    detail: {
      requests: api.map((r) => `+${r.atMs} ms ${r.method} ${r.route} → ${r.status}`),
      socketUpgrades: run.requests.length - api.length,
    },
  };
}

/** Resolves once `count` has not changed for 1 s (bounded: 10 s), e.g. trailing requests. */
async function quiet(count: () => number): Promise<void> {
  let last = count();
  let since = Date.now();
  await waitFor(
    () => {
      const now = count();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= 1_000;
    },
    { timeout: 10_000, interval: 100, message: 'no more requests' },
  );
}

/** Every figure the session run makes, marked not measured for `reason`. */
export function notMeasuredAll(reason: string): Partial<Record<FigureId, Measured>> {
  const ids: FigureId[] = [
    'triggerToCode',
    'acceptToOverlayPush',
    'acceptToOverlayFallback',
    'requestsPerSessionWarm',
    'requestsPerSessionCold',
  ];
  return Object.fromEntries(ids.map((id) => [id, { notMeasured: reason }]));
}
