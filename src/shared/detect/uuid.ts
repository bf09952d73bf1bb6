// UUID validation and scanning. Conversation ids are UUIDs; anything else a page offers is
// not an id. The scanning regex has fixed-length parts and no nested quantifiers, so it runs
// in linear time whatever the input.

/** Exactly one UUID, any case (no `g` flag: test() keeps no state between calls). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);
const NIL = '00000000-0000-0000-0000-000000000000';
const ALNUM = /[0-9a-z]/i;

/** A UUID as a conversation id (lower case), or undefined. Accepts `{…}` and `urn:uuid:…`. */
export function normaliseId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  let s = value.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (s.toLowerCase().startsWith('urn:uuid:')) s = s.slice(9);
  if (!isUuid(s)) return undefined;
  s = s.toLowerCase();
  return s === NIL ? undefined : s;
}

/** Cheap pre-check before a regex scan: a UUID needs 36 characters and hyphens. */
export function mayHoldUuid(text: string): boolean {
  return text.length >= 36 && text.includes('-');
}

export interface UuidMatch {
  id: string;
  /** offset of the match in the scanned text */
  index: number;
}

/**
 * UUIDs standing alone in `text` (not glued to letters or digits), in order, lower-cased.
 * Scans at most `maxChars` characters and returns at most `max` matches (duplicates kept, so
 * callers can see each position).
 */
export function findUuids(text: string, max = 50, maxChars = text.length): UuidMatch[] {
  const out: UuidMatch[] = [];
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (!mayHoldUuid(s)) return out;
  const re = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  for (let m = re.exec(s); m !== null && out.length < max; m = re.exec(s)) {
    const before = s[m.index - 1];
    const after = s[m.index + 36];
    if ((before && ALNUM.test(before)) || (after && ALNUM.test(after))) continue;
    const id = m[0].toLowerCase();
    if (id !== NIL) out.push({ id, index: m.index });
  }
  return out;
}
