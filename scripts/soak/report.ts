// report.md: the verdicts first, then what the run did, then the plots. Pure.
import type { Figure } from './checks';

export interface ReportInput {
  when: string;
  minutes: number;
  seconds: number;
  seed: number;
  machine: { cpu: string; memoryGB: number; loadAtEnd: number[] };
  passed: boolean;
  figures: Figure[];
  starts: {
    total: number;
    byTrigger: Record<string, number>;
    byOutcome: Record<string, number>;
    workerStopped: number;
    agentRetries: number;
    triggersRepeated: number;
    problems: { n: number; problem?: string }[];
  };
  events: { t: number; event: string }[];
  consoleErrors: string[];
  uncaught: string[];
}

const list = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

export function renderReport(r: ReportInput): string {
  const lines = [
    `# Soak: ${r.minutes} min, seed ${r.seed} — ${r.passed ? 'passed' : 'FAILED'}`,
    '',
    `${r.when}, ${Math.round(r.seconds)} s, ${r.machine.cpu}, ${r.machine.memoryGB} GB, load at the end ${r.machine.loadAtEnd.join(' / ')}.`,
    '',
    '| figure | value | bound | verdict |',
    '| --- | --- | --- | --- |',
    ...r.figures.map(
      (f) => `| ${f.label} | ${f.value} | ${f.bound} | ${f.pass ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    `Starts: ${r.starts.total} (${list(r.starts.byTrigger)}); outcomes: ${list(r.starts.byOutcome)}; worker stopped before ${r.starts.workerStopped}; Retry pressed ${r.starts.agentRetries}; triggers made again after 5 s with nothing happening ${r.starts.triggersRepeated}.`,
    `Shift events: ${list(countEvents(r.events)) || 'none'}.`,
    '',
  ];
  if (r.starts.problems.length > 0) {
    lines.push('Starts that did not settle alike:', '');
    for (const p of r.starts.problems.slice(0, 20)) lines.push(`- #${p.n}: ${p.problem}`);
    lines.push('');
  }
  for (const [title, errors] of [
    ['Console errors', r.consoleErrors],
    ['Uncaught', r.uncaught],
  ] as const) {
    if (errors.length === 0) continue;
    lines.push(`${title} (first ${Math.min(10, errors.length)}):`, '');
    for (const e of errors.slice(0, 10)) lines.push(`- \`${e.slice(0, 200).replace(/`/g, "'")}\``);
    lines.push('');
  }
  lines.push(
    '![requests per minute](requests-per-minute.svg)',
    '![trigger latency](trigger-latency.svg)',
    '![heap](heap.svg)',
    '![channels alive](channels-alive.svg)',
    '',
  );
  return lines.join('\n');
}

function countEvents(events: { event: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.event] = (out[e.event] ?? 0) + 1;
  return out;
}
