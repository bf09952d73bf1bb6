// Whole sessions through the keyboard shortcut, as an agent runs them: real key press → the code
// painted in the panel → the customer accepts (sandbox control, fetched from the page) → the
// panel shows "active" (painted) → the agent clicks End in the panel. Figures: accept → panel
// with the notifications socket up and with it refused (REST polling), and the API requests of
// one whole session with the worker warm and with it stopped before the key press.
import { loadavg } from 'node:os';
import type { ExtensionSession } from '../tools/browser/browser';
import { waitFor } from '../tools/browser/wait';
import { SEED } from '../tools/sandbox/index';
import type { BenchArgs } from './args';
import { readMarks } from './page-probe';
import type { RemoteSandbox } from './sandbox-process';
import { summarize } from './stats';
import type { FigureId, Measured } from './targets';
import { type AgentPage, agentPage } from './trigger';

const CONVERSATION = SEED.conversations.agent.messagingOnline;
const round = (x: number) => Math.round(x * 10) / 10;

export interface SessionRun {
  acceptMs: number;
  /** requests logged between the key press and the quiet after End */
  requests: { method: string; route: string; status: number; atMs: number }[];
}

async function one(
  agent: AgentPage,
  sandbox: RemoteSandbox,
  acceptTimeoutMs: number,
  before?: () => Promise<void>,
): Promise<SessionRun> {
  await agent.open(CONVERSATION);
  await before?.();
  await sandbox.clearRequests();
  const t = await agent.trigger(CONVERSATION);
  const acceptedAt = await agent.page.evaluate(
    async ({ id }) => {
      const at = performance.timeOrigin + performance.now();
      const r = await fetch(`/sandbox/conversations/${id}/customer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'accept' }),
      });
      if (!r.ok) throw new Error(`accept answered ${r.status}`);
      return at;
    },
    { id: CONVERSATION },
  );
  const active = await waitFor(
    async () => {
      const m = await readMarks(agent.page);
      return m?.activeAt ? m : undefined;
    },
    { timeout: acceptTimeoutMs, message: 'the accepted state painted in the panel' },
  );
  const acceptMs = (active.activeAt as number) - acceptedAt;
  await agent.end(t.sessionId);
  return { acceptMs, requests: await requestsSinceKey(sandbox, t.keyAt) };
}

export async function measureSessions(
  session: ExtensionSession,
  sandbox: RemoteSandbox,
  args: BenchArgs,
  log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  const agent = await agentPage(session, sandbox);
  const out: Partial<Record<FigureId, Measured>> = {};
  try {
    const before = loadavg();
    const accept: number[] = [];
    for (let i = 0; i < args.samples; i++)
      accept.push((await one(agent, sandbox, 15_000)).acceptMs);
    out.acceptToOverlayPush = {
      summary: summarize(accept),
      load: { before, after: loadavg() },
      detail: { samples: accept.map(round) },
    };
    log(`  accept (push) p95 ${summarize(accept).p95} ms`);

    out.requestsPerSessionWarm = requestFigure(await one(agent, sandbox, 15_000));
    out.requestsPerSessionCold = requestFigure(
      await one(agent, sandbox, 30_000, () => session.stopWorker()),
    );

    if (args.fallbackSamples > 0) {
      // The notifications websocket is refused from now on (connection dropped at the upgrade)
      // and the live one is closed: the extension is left with its REST fallback.
      await sandbox.fault({ method: 'GET', path: '^/channels/', dropSocket: true, times: 0 });
      await sandbox.dropSockets();
      const fallbackBefore = loadavg();
      const fallback: number[] = [];
      for (let i = 0; i < args.fallbackSamples; i++)
        fallback.push((await one(agent, sandbox, 30_000)).acceptMs);
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

export function requestFigure(run: SessionRun): Measured {
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

/**
 * The session's requests once the log is quiet, each with its arrival relative to the key press
 * (`keyAt`, epoch ms on the performance clock): which calls run in series before the POST.
 */
export async function requestsSinceKey(sandbox: RemoteSandbox, keyAt: number) {
  const logged = await quietRequests(sandbox);
  const keyEpoch = Date.now() - (performance.timeOrigin + performance.now() - keyAt);
  return logged.map(({ method, route, status, time }) => ({
    method,
    route,
    status,
    atMs: Math.round(Date.parse(time) - keyEpoch),
  }));
}

/** The request log once it has not grown for 1 s (bounded: 10 s), e.g. trailing requests. */
export async function quietRequests(sandbox: RemoteSandbox) {
  let last = (await sandbox.requests()).length;
  let since = Date.now();
  await waitFor(
    async () => {
      const now = (await sandbox.requests()).length;
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= 1_000;
    },
    { timeout: 10_000, interval: 100, message: 'no more requests' },
  );
  return sandbox.requests();
}

/** Every figure the session run makes, marked not measured for `reason`. */
export function notMeasuredAll(reason: string): Partial<Record<FigureId, Measured>> {
  const ids: FigureId[] = [
    'acceptToOverlayPush',
    'acceptToOverlayFallback',
    'requestsPerSessionWarm',
    'requestsPerSessionCold',
  ];
  return Object.fromEntries(ids.map((id) => [id, { notMeasured: reason }]));
}
