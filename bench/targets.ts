// The published targets (the README's Performance section) and how a run's figures are judged
// against them. Pure: the runner measures, this decides met / not met / not measured and by how
// much.
import type { Summary } from './stats';

/** 1 KB = 1024 bytes in every size target. */
export const KB = 1024;

/** Headroom the extension may add on top of the paired raw create POST's p95. */
export const WARM_OVERHEAD_MS = 25;
export const COLD_OVERHEAD_MS = 80;

export type Unit = 'ms' | 'requests' | 'bytes' | 'yes/no';

/** os.loadavg() (1, 5, 15 min) when a figure's measurement began and when it ended. */
export interface Load {
  before: number[];
  after: number[];
}

/** What a measurement produced: a number (with its sample summary for timings), or why not. */
export type Measured = (
  | { summary: Summary }
  | { value: number }
  | { ok: boolean }
  | { notMeasured: string }
) & { detail?: unknown; load?: Load };

export interface Figure {
  id: FigureId;
  label: string;
  unit: Unit;
  /** the judged number (p95 for timings), a yes/no, or null when not measured */
  value: number | boolean | null;
  summary?: Summary;
  /** timed samples behind the value (null for a count, a size or a yes/no) */
  samples: number | null;
  load: Load | null;
  notMeasured?: string;
  /** null: a figure the issue asks for without a target */
  target: { text: string; limit: number | boolean | null } | null;
  /** null when there is no target or the figure (or the one its limit depends on) is missing */
  met: boolean | null;
  /** how far over the limit (positive) or under it (negative), in the figure's unit */
  overBy?: number;
  /** why a measured figure could not be judged (its limit depends on a missing figure) */
  notJudged?: string;
  detail?: unknown;
}

/** The trigger cases: worker warm / stopped by DevTools / a fresh browser × known / new conversation. */
export const CASES = {
  WarmKnown: { worker: 'warm', conversation: 'known', overheadMs: WARM_OVERHEAD_MS },
  WarmNew: { worker: 'warm', conversation: 'new', overheadMs: WARM_OVERHEAD_MS },
  ColdKnown: { worker: 'stopped', conversation: 'known', overheadMs: COLD_OVERHEAD_MS },
  ColdNew: { worker: 'stopped', conversation: 'new', overheadMs: COLD_OVERHEAD_MS },
  FreshKnown: { worker: 'fresh browser', conversation: 'known', overheadMs: null },
  FreshNew: { worker: 'fresh browser', conversation: 'new', overheadMs: null },
} as const;
export type CaseName = keyof typeof CASES;

const caseLabel = (c: CaseName) =>
  `${CASES[c].worker === 'warm' ? 'worker warm' : CASES[c].worker === 'stopped' ? 'worker stopped' : 'fresh browser'}, ${CASES[c].conversation} conversation`;

const caseFigures = <P extends string>(prefix: P, what: string) =>
  Object.fromEntries(
    (Object.keys(CASES) as CaseName[]).map((c) => [
      `${prefix}${c}`,
      { label: `${what} (${caseLabel(c)})`, unit: 'ms' as const },
    ]),
  ) as Record<`${P}${CaseName}`, { label: string; unit: 'ms' }>;

export const FIGURES = {
  ...caseFigures('raw', 'raw create POST, paired'),
  ...caseFigures('trigger', 'trigger → join code painted'),
  workerStart: { label: 'worker start: stopped → first message answered', unit: 'ms' },
  popupToList: { label: 'popup opened → conversation list rendered', unit: 'ms' },
  acceptToOverlayPush: { label: 'customer accepts → panel accepted, painted (push)', unit: 'ms' },
  acceptToOverlayFallback: {
    label: 'customer accepts → panel accepted, painted (socket down, polling)',
    unit: 'ms',
  },
  requestsPerSessionWarm: { label: 'API requests per session, warm', unit: 'requests' },
  requestsPerSessionCold: { label: 'API requests per session, worker stopped', unit: 'requests' },
  gzipServiceWorker: { label: 'gzip: service worker (+ chunks)', unit: 'bytes' },
  gzipContent: { label: 'gzip: content script (+ chunks)', unit: 'bytes' },
  gzipPanel: { label: 'gzip: panel page (+ chunks)', unit: 'bytes' },
  gzipPopup: { label: 'gzip: popup (+ chunks)', unit: 'bytes' },
  gzipOptions: { label: 'gzip: options (+ chunks)', unit: 'bytes' },
  gzipWorkerPages: { label: 'gzip: pages the worker opens (+ chunks)', unit: 'bytes' },
  gzipTotalJs: { label: 'gzip: all shipped JS', unit: 'bytes' },
  gzipUnreferenced: { label: 'gzip: shipped JS no context loads', unit: 'bytes' },
  gzipLocales: { label: 'gzip: locale files (beside the JS)', unit: 'bytes' },
  localeMessagesClean: { label: 'no duplicate or unused messages', unit: 'yes/no' },
  nothingOnUnactedPages: { label: 'nothing runs on pages not acted on', unit: 'yes/no' },
} as const satisfies Record<string, { label: string; unit: Unit }>;

export type FigureId = keyof typeof FIGURES;

type Target = Figure['target'] | { text: string; limit: null; because: string };

function pairedTarget(c: CaseName, all: Partial<Record<FigureId, Measured>>): Target {
  const overhead = CASES[c].overheadMs;
  if (overhead === null) return null;
  const text = `p95 ≤ paired raw p95 + ${overhead} ms`;
  const raw = all[`raw${c}`];
  if (!raw || !('summary' in raw))
    return { text, limit: null, because: 'the paired raw POST was not measured' };
  return { text, limit: Math.round((raw.summary.p95 + overhead) * 10) / 10 };
}

/** Each figure's target, possibly depending on another figure (trigger vs its paired raw). */
function targetFor(id: FigureId, all: Partial<Record<FigureId, Measured>>): Target {
  if (id.startsWith('trigger')) return pairedTarget(id.slice('trigger'.length) as CaseName, all);
  switch (id) {
    case 'workerStart':
      return { text: 'p95 ≤ 60 ms', limit: 60 };
    case 'acceptToOverlayPush':
      return { text: 'p95 ≤ 100 ms', limit: 100 };
    case 'requestsPerSessionWarm':
      return { text: '≤ 5 requests', limit: 5 };
    case 'requestsPerSessionCold':
      return { text: '≤ 6 requests', limit: 6 };
    case 'gzipContent':
      return { text: `≤ 6 KB (${6 * KB} B)`, limit: 6 * KB };
    case 'gzipServiceWorker':
      return { text: `≤ 25 KB (${25 * KB} B)`, limit: 25 * KB };
    case 'gzipTotalJs':
      return { text: `≤ 55 KB (${55 * KB} B)`, limit: 55 * KB };
    case 'localeMessagesClean':
      return { text: 'no duplicate or unused message', limit: true };
    case 'nothingOnUnactedPages':
      return { text: 'no extension script on a page not acted on', limit: true };
    default:
      return null;
  }
}

/** Judges every measured figure; ids with no measurement at all are reported as not measured. */
export function judge(measured: Partial<Record<FigureId, Measured>>): Figure[] {
  return (Object.keys(FIGURES) as FigureId[]).map((id) => {
    const { label, unit } = FIGURES[id];
    const m: Measured = measured[id] ?? { notMeasured: 'the run did not reach this measurement' };
    const t = targetFor(id, measured);
    const target = t && { text: t.text, limit: t.limit };
    const base = { id, label, unit, target, detail: m.detail, load: m.load ?? null };
    if ('notMeasured' in m)
      return {
        ...base,
        value: null,
        samples: null,
        notMeasured: m.notMeasured,
        met: null,
      } satisfies Figure;
    if ('ok' in m) {
      const met = target ? m.ok === target.limit : null;
      return { ...base, value: m.ok, samples: null, met } satisfies Figure;
    }
    const value = 'summary' in m ? m.summary.p95 : m.value;
    const figure: Figure = { ...base, value, samples: null, met: null };
    if ('summary' in m) {
      figure.summary = m.summary;
      figure.samples = m.summary.n;
    }
    if (target && typeof target.limit === 'number') {
      figure.met = value <= target.limit;
      figure.overBy = Math.round((value - target.limit) * 10) / 10;
    } else if (t && 'because' in t) {
      figure.notJudged = t.because;
    }
    return figure;
  });
}
