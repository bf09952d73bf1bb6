// The published targets (issue 6) and how a run's figures are judged against them. Pure: the
// runner measures, this decides met / not met / not measured and by how much.
import type { Summary } from './stats';

/** 1 KB = 1024 bytes in every size target. */
export const KB = 1024;

/** The headroom the extension may add on top of the create POST's own round trip. */
export const TRIGGER_OVERHEAD_MS = 40;

export type Unit = 'ms' | 'requests' | 'bytes' | 'yes/no';

/** What a measurement produced: a number (with its sample summary for timings), or why not. */
export type Measured =
  | { summary: Summary; detail?: unknown }
  | { value: number; detail?: unknown }
  | { ok: boolean; detail?: unknown }
  | { notMeasured: string; detail?: unknown };

export interface Figure {
  id: FigureId;
  label: string;
  unit: Unit;
  /** the judged number (p95 for timings), a yes/no, or null when not measured */
  value: number | boolean | null;
  summary?: Summary;
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

export const FIGURES = {
  rawCreateRoundTrip: { label: 'raw: create POST round trip (page fetch)', unit: 'ms' },
  triggerToCode: { label: 'trigger → join code in the panel', unit: 'ms' },
  popupToList: { label: 'popup opened → conversation list rendered', unit: 'ms' },
  acceptToOverlayPush: { label: 'customer accepts → panel accepted (push)', unit: 'ms' },
  acceptToOverlayFallback: {
    label: 'customer accepts → panel accepted (socket down, polling)',
    unit: 'ms',
  },
  requestsPerSessionWarm: { label: 'API requests per session, warm', unit: 'requests' },
  requestsPerSessionCold: { label: 'API requests per session, cold worker', unit: 'requests' },
  gzipServiceWorker: { label: 'gzip: service worker (+ chunks)', unit: 'bytes' },
  gzipPopup: { label: 'gzip: popup (+ chunks)', unit: 'bytes' },
  gzipOptions: { label: 'gzip: options (+ chunks)', unit: 'bytes' },
  gzipPanel: { label: 'gzip: panel page (+ chunks)', unit: 'bytes' },
  gzipContent: { label: 'gzip: content script (+ chunks)', unit: 'bytes' },
  gzipTotalJs: { label: 'gzip: all shipped JS', unit: 'bytes' },
  gzipUnreferenced: { label: 'gzip: shipped JS no context loads', unit: 'bytes' },
  nothingOnUnactedPages: { label: 'nothing runs on pages not acted on', unit: 'yes/no' },
} as const satisfies Record<string, { label: string; unit: Unit }>;

export type FigureId = keyof typeof FIGURES;

/** Each figure's target, possibly depending on another figure (trigger vs raw). */
function targetFor(
  id: FigureId,
  all: Partial<Record<FigureId, Measured>>,
): Figure['target'] | { text: string; limit: null; because: string } {
  switch (id) {
    case 'triggerToCode': {
      const text = `p95 ≤ raw p95 + ${TRIGGER_OVERHEAD_MS} ms`;
      const raw = all.rawCreateRoundTrip;
      if (!raw || !('summary' in raw))
        return { text, limit: null, because: 'the raw round trip was not measured' };
      return { text, limit: raw.summary.p95 + TRIGGER_OVERHEAD_MS };
    }
    case 'acceptToOverlayPush':
      return { text: 'p95 ≤ 300 ms', limit: 300 };
    case 'requestsPerSessionWarm':
      return { text: '≤ 6 requests', limit: 6 };
    case 'gzipContent':
      return { text: `≤ 6 KB (${6 * KB} bytes)`, limit: 6 * KB };
    case 'gzipTotalJs':
      return { text: `≤ 60 KB (${60 * KB} bytes)`, limit: 60 * KB };
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
    const base = { id, label, unit, target, detail: m.detail };
    if ('notMeasured' in m)
      return { ...base, value: null, notMeasured: m.notMeasured, met: null } satisfies Figure;
    if ('ok' in m) {
      const met = target ? m.ok === target.limit : null;
      return { ...base, value: m.ok, met } satisfies Figure;
    }
    const value = 'summary' in m ? m.summary.p95 : m.value;
    const figure: Figure = { ...base, value, met: null };
    if ('summary' in m) figure.summary = m.summary;
    if (target && typeof target.limit === 'number') {
      figure.met = value <= target.limit;
      figure.overBy = Math.round((value - target.limit) * 10) / 10;
    } else if (t && 'because' in t) {
      figure.notJudged = t.because;
    }
    return figure;
  });
}
