// soak/results.json, the four plots, report.md and the workers' log from one run.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Figure, Observations } from './checks';
import { perMinute, svgChart } from './plot';
import { renderReport } from './report';
import type { Watch } from './watch';

export interface RunOutput {
  minutes: number;
  seed: number;
  settings: Record<string, number>;
  obs: Observations;
  figures: Figure[];
  watch: Watch;
  events: { t: number; event: string }[];
}

export const PLOTS = {
  requests: 'requests-per-minute.svg',
  latency: 'trigger-latency.svg',
  heap: 'heap.svg',
  channels: 'channels-alive.svg',
} as const;

export function writeOutputs(dir: string, run: RunOutput): void {
  const { obs, watch } = run;
  const min = (t: number) => t / 60_000;
  const api = watch.requests.filter(
    (r) => r.route.startsWith('/api/') || r.route.startsWith('/oauth/'),
  );
  const machine = {
    cpu: `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  const byTrigger: Record<string, number> = {};
  for (const s of obs.starts) byTrigger[s.trigger] = (byTrigger[s.trigger] ?? 0) + 1;
  const byOutcome: Record<string, number> = {};
  for (const s of obs.starts) byOutcome[s.outcome] = (byOutcome[s.outcome] ?? 0) + 1;
  const results = {
    when: new Date().toISOString(),
    minutes: run.minutes,
    seconds: Math.round(obs.seconds),
    seed: run.seed,
    sandbox: run.settings,
    machine,
    passed: run.figures.every((f) => f.pass),
    figures: run.figures,
    starts: {
      total: obs.starts.length,
      byTrigger,
      byOutcome,
      workerStopped: obs.starts.filter((s) => s.workerStopped).length,
      agentRetries: obs.starts.reduce((n, s) => n + s.agentRetries, 0),
      triggersRepeated: obs.starts.reduce((n, s) => n + s.repeats, 0),
      problems: obs.starts.filter((s) => s.problem).map((s) => ({ n: s.n, problem: s.problem })),
    },
    events: run.events,
    requests: {
      api: obs.apiRequests,
      chaosFailures: obs.chaosFailures,
      byRoute: countBy(api.map((r) => `${r.method} ${r.route}`)),
      byStatus: countBy(api.map((r) => String(r.status))),
    },
    // The channel traffic in order, to tell a renewal from a leak.
    channelRequests: api
      .filter((r) => r.route.startsWith('/api/v2/notifications/'))
      .map(
        (r) =>
          `${Math.round(r.t / 100) / 10} s ${r.method} ${r.route} → ${r.status}${r.chaos ? ` (chaos ${r.chaos})` : ''}`,
      ),
    staleWhen: watch.staleWhen,
    channelsAlive: watch.channelsAlive.filter(
      (p, i, all) => i === 0 || all[i - 1]?.perUser !== p.perUser,
    ),
    heap: { worker: watch.workerHeap, panel: watch.panelHeap },
    consoleErrors: obs.consoleErrors.slice(0, 50),
    uncaught: obs.uncaught.slice(0, 50),
    records: obs.starts,
  };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    join(dir, PLOTS.requests),
    svgChart({
      title: 'API requests per minute',
      xLabel: 'minute of the soak',
      yLabel: 'requests',
      series: [
        {
          name: 'all API',
          points: perMinute(
            api.map((r) => r.t),
            run.minutes,
          ),
        },
        {
          name: 'chaos-failed',
          points: perMinute(
            api.filter((r) => r.chaos).map((r) => r.t),
            run.minutes,
          ),
        },
        {
          name: 'starts',
          points: perMinute(
            obs.starts.map((s) => s.at),
            run.minutes,
          ),
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, PLOTS.latency),
    svgChart({
      title: 'Trigger → join code in the panel',
      xLabel: 'minute of the soak',
      yLabel: 'ms',
      series: ['shortcut', 'menu', 'popup'].map((trigger) => ({
        name: trigger,
        style: 'dots' as const,
        points: obs.starts
          .filter((s) => s.trigger === trigger && s.latencyMs !== undefined)
          .map((s) => [min(s.at), s.latencyMs as number] as const),
      })),
    }),
  );
  writeFileSync(
    join(dir, PLOTS.heap),
    svgChart({
      title: 'Heap after GC',
      xLabel: 'minute of the soak',
      yLabel: 'bytes',
      series: [
        { name: 'worker', points: watch.workerHeap.map((p) => [min(p.t), p.v] as const) },
        { name: 'panel (tab 1)', points: watch.panelHeap.map((p) => [min(p.t), p.v] as const) },
      ],
    }),
  );
  writeFileSync(
    join(dir, PLOTS.channels),
    svgChart({
      title: 'Notification channels alive (most for one agent)',
      xLabel: 'minute of the soak',
      yLabel: 'channels',
      series: [
        { name: 'alive', points: watch.channelsAlive.map((p) => [min(p.t), p.perUser] as const) },
      ],
      bound: { y: 2, label: 'bound 2' },
    }),
  );
  writeFileSync(join(dir, 'report.md'), renderReport(results));
  writeFileSync(join(dir, 'worker.log'), `${watch.workerLog.join('\n')}\n`);
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
