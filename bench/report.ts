// The printed table: one line per figure with its target and verdict.
import type { Figure } from './targets';

function format(f: Figure): string {
  if (f.value === null) return 'not measured';
  if (typeof f.value === 'boolean') return f.value ? 'yes' : 'NO';
  switch (f.unit) {
    case 'ms':
      return f.summary
        ? `p50 ${f.summary.p50} · p95 ${f.summary.p95} ms (n=${f.summary.n})`
        : `${f.value} ms`;
    case 'bytes':
      return `${(f.value / 1024).toFixed(1)} KB (${f.value} B)`;
    default:
      return `${f.value} ${f.unit}`;
  }
}

function verdict(f: Figure): string {
  if (!f.target) return '';
  if (f.met === null) return f.value === null ? '—' : `not judged: ${f.notJudged ?? ''}`;
  if (f.met) return 'met';
  const unit = f.unit === 'bytes' ? ' B' : f.unit === 'ms' ? ' ms' : '';
  return f.overBy !== undefined ? `NOT MET (over by ${f.overBy}${unit})` : 'NOT MET';
}

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    format(f),
    f.target
      ? `${f.target.text}${typeof f.target.limit === 'number' && f.id === 'triggerToCode' ? ` = ${f.target.limit} ms` : ''}`
      : '(no target)',
    verdict(f),
  ]);
  const header = ['figure', 'value', 'target', 'verdict'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' │ ');
  const notes = figures
    .filter((f) => f.notMeasured)
    .map((f) => `  · ${f.label}: not measured — ${f.notMeasured}`);
  return [
    line(header),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
    ...rows.map(line),
    ...notes,
  ].join('\n');
}
