// A plain SVG chart, no dependency: one or more series over time (lines or dots), axes with a
// few round ticks, an optional dashed bound. Pure: string in, string out.

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** dots for scattered samples (latencies), a line for a curve (counts per minute) */
  style?: 'line' | 'dots';
}

export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** A horizontal dashed line (e.g. a limit), labelled. */
  bound?: { y: number; label: string };
}

const W = 720;
const H = 320;
const M = { left: 64, right: 16, top: 36, bottom: 44 };
const COLORS = ['#1a73e8', '#188038', '#c5221f', '#8430ce', '#b06000'];

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

const label = (v: number) =>
  Math.abs(v) >= 1e6 ? `${Number((v / 1e6).toPrecision(3))}M` : String(Number(v.toPrecision(4)));

export function svgChart(chart: Chart): string {
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = [...all.map((p) => p[1]), ...(chart.bound ? [chart.bound.y] : []), 0];
  const x0 = Math.min(0, ...xs);
  const x1 = Math.max(x0 + 1, ...xs);
  const yTicks = ticks(Math.min(...ys), Math.max(1, ...ys) * 1.05);
  const y0 = yTicks[0] ?? 0;
  const y1 = Math.max(yTicks.at(-1) ?? 1, y0 + 1);
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(chart.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="20" font-size="14" font-weight="bold">${esc(chart.title)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${f(py(t))}" y2="${f(py(t))}" stroke="#e0e0e0"/>`,
      `<text x="${M.left - 6}" y="${f(py(t) + 4)}" text-anchor="end">${label(t)}</text>`,
    );
  }
  for (const t of ticks(x0, x1)) {
    parts.push(
      `<text x="${f(px(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${label(t)}</text>`,
    );
  }
  parts.push(
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<text x="${(W + M.left) / 2}" y="${H - 8}" text-anchor="middle">${esc(chart.xLabel)}</text>`,
    `<text transform="translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">${esc(chart.yLabel)}</text>`,
  );
  if (chart.bound) {
    const y = f(py(chart.bound.y));
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#c5221f" stroke-dasharray="6 4"/>`,
      `<text x="${W - M.right}" y="${Number(y) - 4}" text-anchor="end" fill="#c5221f">${esc(chart.bound.label)}</text>`,
    );
  }
  chart.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    if (s.style === 'dots') {
      for (const [x, y] of s.points)
        parts.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="2" fill="${color}"/>`);
    } else if (s.points.length > 0) {
      const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${f(px(x))} ${f(py(y))}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    parts.push(
      `<rect x="${W - M.right - 150}" y="${M.top + i * 16}" width="10" height="10" fill="${color}"/>`,
      `<text x="${W - M.right - 136}" y="${M.top + i * 16 + 9}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Counts per whole minute of `times` (ms since the start): [[minute, count], …]. */
export function perMinute(times: readonly number[], minutes: number): [number, number][] {
  const counts = Array.from({ length: Math.max(1, Math.ceil(minutes)) }, () => 0);
  for (const t of times) {
    const m = Math.min(counts.length - 1, Math.floor(t / 60_000));
    if (m >= 0) counts[m] = (counts[m] ?? 0) + 1;
  }
  return counts.map((c, m) => [m + 0.5, c]);
}
