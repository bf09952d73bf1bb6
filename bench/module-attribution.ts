// Which source module each byte of a minified file came from, read from its source map (pure).
// A mapping segment's bytes run from its column to the next segment's (or the line's end); bytes
// before the first segment of a line, or of a segment without a source, are "(unmapped)". A
// module's share of the file's gzip is then estimated by its share of the bytes: gzip is not
// additive, so this ranks modules, it does not price them exactly.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const UNMAPPED = '(unmapped)';

/** One segment of a source map's `mappings` line: the VLQ fields, already decoded. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`not a base64 VLQ digit: ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export interface SourceMapLike {
  sources: string[];
  mappings: string;
}

/** Bytes of `code` per source (by the map's `sources` names, plus UNMAPPED). */
export function bytesBySource(code: string, map: SourceMapLike): Map<string, number> {
  const lines = code.split('\n');
  const rows = map.mappings.split(';');
  const totals = new Map<string, number>();
  const add = (source: string, n: number) => {
    if (n > 0) totals.set(source, (totals.get(source) ?? 0) + n);
  };
  // The source index is relative to the previous segment's across the whole map.
  let sourceIndex = 0;
  lines.forEach((line, i) => {
    // A segment runs to the line's end, its newline included.
    const length = Buffer.byteLength(line) + (i < lines.length - 1 ? 1 : 0);
    let column = 0;
    let owner = UNMAPPED;
    let start = 0;
    for (const segment of (rows[i] ?? '').split(',').filter(Boolean)) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      add(owner, byteOffset(line, column) - byteOffset(line, start));
      if (fields.length >= 4) {
        sourceIndex += fields[1] ?? 0;
        owner = map.sources[sourceIndex] ?? UNMAPPED;
      } else {
        owner = UNMAPPED;
      }
      start = column;
    }
    add(owner, length - byteOffset(line, start));
  });
  return totals;
}

/** UTF-8 bytes of the first `column` UTF-16 units of `line` (source map columns count units). */
function byteOffset(line: string, column: number): number {
  return Buffer.byteLength(line.slice(0, column));
}

export interface ModuleShare {
  source: string;
  bytes: number;
  /** estimated: the file's gzip × this module's share of its bytes */
  gzip: number;
}

/** The modules of one file, largest first, with their estimated gzip shares. */
export function moduleShares(totals: Map<string, number>, fileGzip: number): ModuleShare[] {
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(([source, bytes]) => ({
      source,
      bytes,
      gzip: all === 0 ? 0 : Math.round((fileGzip * bytes) / all),
    }))
    .sort((a, b) => b.bytes - a.bytes);
}
