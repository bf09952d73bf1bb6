// npm run soak -- --minutes N [--seed S] [--no-build] [--out soak] [--when VAR=VALUE]
// (--when: only when the environment asks, as npm test runs it: 2 minutes under TEST_MATRIX=all)
//
// A shift in compressed time: the sandbox (its own process) with 60 s tokens, 90 s channels,
// 2 s heartbeats, 10 s offers, 50–250 ms latency and a few percent of random 429 / 5xx /
// dropped connections; headful Chromium (private Xvfb) with the test build, signed in; the plan
// of scripts/soak/plan.ts carried out until the time is up. Writes soak/results.json (every
// figure with its bound and verdict), SVG plots and report.md; exits 1 if a figure fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandboxProcess } from '../bench/sandbox-process';
import { launchExtension } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import { requested } from './matrix/plan';
import { startAgent } from './soak/agent';
import { judge, type Observations } from './soak/checks';
import { writeOutputs } from './soak/output';
import { shiftPlan } from './soak/plan';
import { Shift } from './soak/shift';
import { Watch } from './soak/watch';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'soak' },
    'no-build': { type: 'boolean', default: false },
    when: { type: 'string' },
  },
});
if (!requested(values.when, process.env)) {
  console.log(`Soak not run (${values.when} is not set; .ci/run sets it).`);
  process.exit(0);
}
const minutes = Number(values.minutes);
const seed = Number(values.seed);
if (!(minutes > 0) || !Number.isInteger(seed)) {
  console.error('usage: npm run soak -- --minutes N [--seed S] [--no-build] [--out DIR]');
  process.exit(2);
}
const out = resolve(values.out);
const TABS_PER_WINDOW = 2;
export const COMPRESSED = {
  // The extension renews a token 60 s before it expires: 120 s gives each token ~60 s of use.
  tokenLifetimeSeconds: 120,
  channelLifetimeSeconds: 90,
  heartbeatSeconds: 2,
  offerTtlSeconds: 10,
  latencyMs: 50,
  latencyJitterMs: 200,
  chaos429Percent: 1,
  chaos5xxPercent: 1.5,
  chaosDropPercent: 1,
};

async function main(): Promise<number> {
  const log = (line: string) =>
    console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);
  if (!values['no-build']) {
    log('building the test extension → dist-test/');
    execFileSync(
      resolve('node_modules/.bin/vite'),
      ['build', '--mode', 'test', '--logLevel', 'warn'],
      {
        stdio: 'inherit',
      },
    );
  }
  const sandbox = await startSandboxProcess(0);
  const session = await launchExtension({ dist: 'dist-test', headful: true }).catch(async (e) => {
    await sandbox.close();
    throw e;
  });
  try {
    await sandbox.settings({
      autoApprove: true,
      ...COMPRESSED,
      latencyJitterMs: 0,
      chaos429Percent: 0,
      chaos5xxPercent: 0,
      chaosDropPercent: 0,
    });
    await session.request('settings.save', {
      environment: { kind: 'custom', baseUrl: sandbox.url },
      clientId: SEED.clients.pkce,
    });
    const status = await session.request('auth.signIn', {});
    if (!status.signedIn) throw new Error('sign-in failed');
    const agent = await startAgent(session, sandbox, TABS_PER_WINDOW, SEED.users.agent);
    // The weather starts once the agent is at work.
    await sandbox.settings({ ...COMPRESSED, chaosSeed: seed });
    const watch = new Watch(session, sandbox, agent);
    const shift = new Shift(session, sandbox, agent, watch);
    watch.start();
    const plan = shiftPlan({ minutes, seed, tabs: agent.tabs.length });
    const began = Date.now();
    log(`shift of ${minutes} min, seed ${seed}, ${agent.tabs.length} tabs in 2 windows`);
    const baseline: { worker?: number; panel?: number } = {};
    for (const step of plan) {
      if (step.kind === 'event') {
        log(`event ${step.event}`);
        await shift.event(step).catch((e) => log(`event ${step.event} failed: ${e}`));
        continue;
      }
      const rec = await shift.start(step);
      if (rec.problem || step.n % 25 === 0)
        log(
          `#${rec.n} ${rec.trigger} ${rec.outcome}: ext ${rec.extensionState}${rec.error ? ` (${rec.error})` : ''} / sandbox ${rec.sandboxState}${rec.problem ? ` — ${rec.problem}` : ''}`,
        );
      // The heap baseline once every tab has had its panel (after warm-up).
      // Heap baselines after warm-up: the worker's, and tab 1's panel once it has one.
      if (step.n >= 4 && (baseline.worker === undefined || baseline.panel === undefined)) {
        const [w, p] = [watch.workerHeap.length, watch.panelHeap.length];
        await watch.heaps().catch(() => {});
        if (watch.workerHeap.length > w) baseline.worker ??= watch.workerHeap.at(-1)?.v;
        if (watch.panelHeap.length > p) baseline.panel ??= watch.panelHeap.at(-1)?.v;
      }
    }
    const seconds = (Date.now() - began) / 1000;
    await watch.heaps().catch(() => {});
    await watch.stop();
    const harnessErrors = session.errors;
    const api = watch.requests.filter(
      (r) => r.route.startsWith('/api/') || r.route.startsWith('/oauth/'),
    );
    const obs: Observations = {
      minutes,
      seconds,
      starts: shift.records,
      maxChannelsPerAgent: watch.maxChannelsPerAgent,
      channelsCreated: api.filter(
        (r) =>
          r.method === 'POST' && r.route === '/api/v2/notifications/channels' && r.status === 200,
      ).length,
      orphanSocketMs: watch.orphanSocketMs,
      staleMs: watch.staleMs,
      apiRequests: api.length,
      chaosFailures: api.filter((r) => r.chaos !== undefined).length,
      ownThrottles: api.filter(
        (r) => r.status === 429 && r.chaos === undefined && r.fault === undefined,
      ).length,
      heap: {
        worker: { start: baseline.worker ?? 0, end: watch.workerHeap.at(-1)?.v ?? 0 },
        panel: { start: baseline.panel ?? 0, end: watch.panelHeap.at(-1)?.v ?? 0 },
      },
      consoleErrors: [
        ...new Set([...watch.consoleErrors, ...harnessErrors.filter((e) => !/uncaught/.test(e))]),
      ],
      uncaught: [
        ...new Set([...watch.uncaught, ...harnessErrors.filter((e) => /uncaught/.test(e))]),
      ],
    };
    const figures = judge(obs);
    writeOutputs(out, {
      minutes,
      seed,
      settings: COMPRESSED,
      obs,
      figures,
      watch,
      events: shift.events,
    });
    for (const f of figures)
      log(`${f.pass ? 'pass' : 'FAIL'}  ${f.label}: ${f.value} (${f.bound})`);
    log(`results in ${join(out, 'results.json')}`);
    return figures.every((f) => f.pass) ? 0 : 1;
  } finally {
    await session.close();
    await sandbox.close();
  }
}

mkdirSync(out, { recursive: true });
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
