// Pure string tests the collector applies to what it reads from the DOM: which attribute or
// parameter names mean "conversation id", which short texts are such a label. Kept apart from
// the walk so they can be tested without a document. All inputs are bounded by the caller.

/** An attribute, parameter or field name that names a conversation or interaction. */
const KEY = /conversation|interaction|conv[-_.]?id/i;

/** A short text that labels a conversation id ("Conversation ID", "Interaction:", "Conv. ID"). */
const LABEL = /conversation|interaction|\bconv\.?[\s_-]*id\b/i;

/** The tail of a text just before an id: "… Conversation ID: " (anchored, bounded input). */
const LABEL_TAIL =
  /(?:conversation|interaction|\bconv\.?)[\s_-]*(?:id|identifier|uuid)?\s*[:#=]?\s*$/i;

/** Eight hex digits and a hyphen: the start of a UUID. */
const HEX_RUN = /[0-9a-f]{8}-/i;

/** How far back from an id a same-text label may start. */
const TAIL_CHARS = 40;

export function isIdKey(name: string): boolean {
  return name.length <= 100 && KEY.test(name);
}

/** The trimmed label text if `text` is a short label naming a conversation, else undefined. */
export function asLabel(text: string | null | undefined, maxChars = 80): string | undefined {
  if (!text || text.length > maxChars * 4) return undefined;
  const s = text.replace(/\s+/g, ' ').trim();
  // "Conversation ID: 1a2b3c4d-…" is a labelled value, not a label for whatever comes next.
  return s.length > 0 && s.length <= maxChars && LABEL.test(s) && !HEX_RUN.test(s) ? s : undefined;
}

/** Whether the text just before an id (same text node or value) labels it. */
export function labelTail(textBefore: string): string | undefined {
  const tail = textBefore.slice(-TAIL_CHARS);
  const m = LABEL_TAIL.exec(tail);
  return m
    ? m[0]
        .replace(/\s+/g, ' ')
        .replace(/[\s:#=]+$/, '')
        .trim()
    : undefined;
}

/** Worth parsing as a URL that may name an interaction (cheap test before `new URL`). */
export function mayBeInteractionUrl(value: string): boolean {
  return (
    (value.includes('/') || value.includes('?') || value.includes('#')) &&
    /conversation|interaction/i.test(value)
  );
}

/** Attributes whose value may label the element itself (`<td data-label="Conversation ID">`). */
export const LABEL_ATTRIBUTES = [
  'aria-label',
  'title',
  'placeholder',
  'name',
  'id',
  'class',
  'data-label',
  'data-field',
  'data-name',
  'field-label',
] as const;

/** Elements whose content is never what the page shows. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'iframe',
  'object',
  'embed',
]);

/** Shorten page text for `Hint.where` (it may be shown to the agent, as text). */
export function shortWhere(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
