// Firefox: the event page's start-up and whole sessions through the shortcut, as in Chromium
// (measure-worker-start.ts, measure-session.ts): accept → panel "active" painted with the
// notifications socket up and refused, and the API requests of one session with the event page
// running and stopped before the key press.
import { loadavg } from 'node:os';
import type { FirefoxSession } from '../tools/browser/firefox';
import { waitFor } from '../tools/browser/wait';
import { SEED } from '../tools/sandbox/index';
import type { BenchArgs } from './args';
import {
  type FirefoxAgentPage,
  firefoxAgentPage,
  ProbeLate,
  readFirefoxMarks,
} from './firefox-trigger';
import {
  notMeasuredAll,
  requestFigure,
  requestsSinceKey,
  type SessionRun,
} from './measure-session';
import type { RemoteSandbox } from './sandbox-process';
import { summarize } from './stats';
import type { FigureId, Measured } from './targets';

const CONVERSATION = SEED.conversations.agent.messagingOnline;
const round = (x: number) => Math.round(x * 10) / 10;

/** Event page stopped (terminateBackgroundScript) → its first runtime message answered. */
export async function measureFirefoxBackgroundStart(
  session: FirefoxSession,
  samples: number,
): Promise<Measured> {
  const page = await session.openPage(session.manifest.options_ui?.page ?? '');
  const before = loadavg();
  const cold: number[] = [];
  const warm: number[] = [];
  const timed = () =>
    page.evaluate(async () => {
      type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok?: boolean }> } };
      const t0 = performance.now();
      const reply = await (
        globalThis as unknown as { browser: Runtime }
      ).browser.runtime.sendMessage({ type: 'auth.status', payload: {} });
      if (reply?.ok !== true) throw new Error('auth.status did not answer ok');
      return performance.now() - t0;
    });
  try {
    for (let i = 0; i < samples; i++) {
      await session.stopBackground();
      cold.push(await timed());
      warm.push(await timed());
    }
  } finally {
    await page.close();
  }
  return {
    summary: summarize(cold),
    load: { before, after: loadavg() },
    detail: {
      samples: cold.map(round),
      runningWorkerSameMessage: summarize(warm),
      how: "Firefox's event page terminated by ExtensionParent.DebugUtils.terminateBackgroundScript, then browser.runtime.sendMessage('auth.status') from an extension page until its answer",
    },
  };
}

async function one(
  agent: FirefoxAgentPage,
  session: FirefoxSession,
  sandbox: RemoteSandbox,
  acceptTimeoutMs: number,
  before?: () => Promise<void>,
): Promise<SessionRun> {
  await agent.open(CONVERSATION);
  await before?.();
  await sandbox.clearRequests();
  // The trigger's own time is not a figure here: a sample whose probe came late still counts.
  const t = await agent.trigger(CONVERSATION).catch((error) => {
    if (!(error instanceof ProbeLate)) throw error;
    return {
      sessionId: error.sessionId,
      keyAt: error.keyAt ?? performance.timeOrigin + performance.now(),
    };
  });
  const acceptedAt = await agent.page.evaluate(async (id) => {
    const at = performance.timeOrigin + performance.now();
    const r = await fetch(`/sandbox/conversations/${id}/customer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    if (!r.ok) throw new Error(`accept answered ${r.status}`);
    return at;
  }, CONVERSATION);
  const active = await waitFor(
    async () => {
      const m = await readFirefoxMarks(agent.page, session.origin);
      return m?.activeAt ? m : undefined;
    },
    { timeout: acceptTimeoutMs, interval: 10, message: 'the accepted state painted in the panel' },
  );
  const acceptMs = (active.activeAt as number) - acceptedAt;
  await agent.end(t.sessionId);
  return { acceptMs, requests: await requestsSinceKey(sandbox, t.keyAt) };
}

export async function measureFirefoxSessions(
  session: FirefoxSession,
  sandbox: RemoteSandbox,
  args: BenchArgs,
  log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  const agent = await firefoxAgentPage(session, sandbox);
  const out: Partial<Record<FigureId, Measured>> = {};
  const run = (ms: number, before?: () => Promise<void>) =>
    one(agent, session, sandbox, ms, before);
  try {
    const before = loadavg();
    const accept: number[] = [];
    for (let i = 0; i < args.samples; i++) accept.push((await run(15_000)).acceptMs);
    out.acceptToOverlayPush = {
      summary: summarize(accept),
      load: { before, after: loadavg() },
      detail: { samples: accept.map(round) },
    };
    log(`  accept (push) p95 ${summarize(accept).p95} ms`);
    out.requestsPerSessionWarm = requestFigure(await run(15_000));
    out.requestsPerSessionCold = requestFigure(await run(30_000, () => session.stopBackground()));
    if (args.fallbackSamples > 0) {
      await sandbox.fault({ method: 'GET', path: '^/channels/', dropSocket: true, times: 0 });
      await sandbox.dropSockets();
      const fallbackBefore = loadavg();
      const fallback: number[] = [];
      for (let i = 0; i < args.fallbackSamples; i++) fallback.push((await run(30_000)).acceptMs);
      out.acceptToOverlayFallback = {
        summary: summarize(fallback),
        load: { before: fallbackBefore, after: loadavg() },
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
    await sandbox.clearFaults();
    await agent.close();
  }
  return out;
}
