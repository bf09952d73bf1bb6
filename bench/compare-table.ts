// The table `npm run bench:compare` prints (pure): gzip bytes per context for each revision,
// and each later revision's difference from the first.
import type { BundleSizes, EntryName } from './sizes';

const ROWS: Array<[EntryName | 'total', string]> = [
  ['serviceWorker', 'service worker'],
  ['content', 'content script'],
  ['panel', 'panel page'],
  ['popup', 'popup'],
  ['options', 'options'],
  ['workerPages', 'pages the worker opens'],
  ['total', 'all shipped JS'],
];

const gzipOf = (sizes: BundleSizes, row: EntryName | 'total') =>
  row === 'total' ? sizes.totalJs.gzip : sizes.entries[row].gzip;

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en')}` : n.toLocaleString('en'));

/** A Markdown table: one row per context, one column per revision (gzip B, Δ vs the first). */
export function sizeTable(measured: ReadonlyArray<{ rev: string; sizes: BundleSizes }>): string {
  const [first] = measured;
  if (!first) return '';
  const head = `| gzip (B) | ${measured.map((m) => m.rev).join(' | ')} |`;
  const rule = `| --- |${' ---: |'.repeat(measured.length)}`;
  const rows = ROWS.filter(([row]) =>
    measured.some((m) => row === 'total' || m.sizes.entries[row].roots.length > 0),
  ).map(([row, label]) => {
    const base = gzipOf(first.sizes, row);
    const cells = measured.map((m, i) => {
      const value = gzipOf(m.sizes, row);
      return i === 0
        ? value.toLocaleString('en')
        : `${value.toLocaleString('en')} (${signed(value - base)})`;
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}
