// How figures read: the printed table and the README's Performance block. Pure.
import type { Machine } from './machine';
import type { Figure } from './targets';

/** A figure's value as text: p50 · p95 for timings, KB for sizes. */
export function formatValue(f: Figure): string {
  if (f.value === null) return 'not measured';
  if (typeof f.value === 'boolean') return f.value ? 'yes' : 'no';
  switch (f.unit) {
    case 'ms':
      return f.summary ? `p50 ${f.summary.p50} · p95 ${f.summary.p95} ms` : `${f.value} ms`;
    case 'bytes':
      return `${(f.value / 1024).toFixed(1)} KB (${f.value.toLocaleString('en')} B)`;
    default:
      return `${f.value} ${f.unit}`;
  }
}

export function formatTarget(f: Figure): string {
  if (!f.target) return '—';
  return f.target.text.includes('paired raw') && typeof f.target.limit === 'number'
    ? `${f.target.text} = ${f.target.limit} ms`
    : f.target.text;
}

export function formatVerdict(f: Figure): string {
  if (!f.target) return '';
  if (f.met === null) return f.value === null ? 'not measured' : `not judged: ${f.notJudged ?? ''}`;
  if (f.met) return 'met';
  const unit = f.unit === 'bytes' ? ' B' : f.unit === 'ms' ? ' ms' : '';
  return f.overBy !== undefined ? `**not met**, +${f.overBy}${unit}` : '**not met**';
}

/** The 1-minute load average over the figure's measurement: "1.9 → 2.3". */
export function formatLoad(f: Figure): string {
  if (!f.load) return '';
  const one = (l: number[]) => (l[0] ?? 0).toFixed(2);
  return `${one(f.load.before)} → ${one(f.load.after)}`;
}

const cells = (f: Figure) => [
  f.label,
  formatValue(f),
  f.samples === null ? '' : String(f.samples),
  formatLoad(f),
  formatTarget(f),
  formatVerdict(f),
];
const HEADER = ['figure', 'value', 'n', 'load (1 min)', 'target', 'verdict'];

/** The console table. */
export function table(figures: Figure[]): string {
  const rows = figures.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  const notes = figures
    .filter((f) => f.notMeasured)
    .map((f) => `  · ${f.label}: not measured — ${f.notMeasured}`);
  return [
    line(HEADER),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
    ...rows.map(line),
    ...notes,
  ].join('\n');
}

export interface ResultsHead {
  generatedAt: string;
  machine: Machine;
  settings: { latencyMs: number; samples: number };
}

export const README_START = '<!-- bench:results:start (npm run bench writes this block) -->';
export const README_END = '<!-- bench:results:end -->';

const escapeCell = (s: string) => s.replaceAll('|', '\\|');

type Results = ResultsHead & { figures: Figure[] };

/** One browser's figures as a Markdown table, then the notes of what was not measured. */
function readmeTable(figures: Figure[]): string[] {
  const rows = figures.map((f) => `| ${cells(f).map(escapeCell).join(' | ')} |`);
  const notes = figures
    .filter((f) => f.notMeasured)
    .map((f) => `- ${f.label}: not measured — ${escapeCell(f.notMeasured ?? '')}`);
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ];
}

const when = (r: Results) => `${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The README's figures block, rendered from results.json alone; with a Firefox run's results
 * (bench/results-firefox.json), their table follows under a heading of its own.
 */
export function readmeBlock(results: Results, firefox?: Results): string {
  const { machine, settings } = results;
  const firefoxPart = firefox
    ? [
        '',
        `**Firefox**: ${when(firefox)}, \`--browser firefox --latency-ms ${firefox.settings.latencyMs} --samples ${firefox.settings.samples}\`, ${firefox.machine.cpu} (${firefox.machine.cores} cores), ${firefox.machine.firefox}. Generated from \`bench/results-firefox.json\`; "worker" is Firefox's event page there.`,
        '',
        ...readmeTable(firefox.figures),
      ]
    : [];
  return [
    README_START,
    `${when(results)}, \`--latency-ms ${settings.latencyMs} --samples ${settings.samples}\`, ${machine.cpu} (${machine.cores} cores), ${machine.memoryGb} GB, ${machine.os}, ${machine.chromium}, Node ${machine.node}. Generated from \`bench/results.json\`; n is the samples behind each timing, load the 1-minute load average when its measurement began → ended.`,
    '',
    ...readmeTable(results.figures),
    ...firefoxPart,
    README_END,
  ].join('\n');
}

/** Replaces the block between the markers (markers included); throws when they are missing. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md has no bench results markers');
  return readme.slice(0, start) + block + readme.slice(end + README_END.length);
}
