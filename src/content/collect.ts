// The content script's half of conversation detection: walk the live document within fixed
// bounds (LIMITS: nodes, characters, candidates — counted, not timed) and return the ids it
// shows as small, serialisable PageHints. Ranking, region recognition and the built-in reading
// of the page URL are handled by detect() in the extension (src/shared/detect/index.ts), which
// keeps this bundle free of the Genesys region list and url-parse. The extra regex rules run
// only here, never in the service worker: over the page URL, the right-clicked link or
// selection, and each text field apart, within a time budget.
//
// What is read: attributes naming a conversation/interaction, attribute values that are
// interaction URLs, form values, and the text of visible elements with the label next to it
// (same text, previous sibling, <dt>/<th>/column header, <label for>, aria-label/labelledby),
// open shadow roots, and the extra rules. What is not: <script>, <style>, <template>,
// <noscript>, <head>, frames. Ids in hidden elements (hidden, aria-hidden="true",
// display:none, input type=hidden, or checkVisibility() false) are kept only when they come
// from an explicit source, flagged `hidden` so they rank last; hidden plain text is ignored.

import {
  asLabel,
  isIdKey,
  LABEL_ATTRIBUTES,
  labelTail,
  mayBeInteractionUrl,
  SKIPPED_TAGS,
  shortWhere,
} from '../shared/detect/dom';
import { LIMITS, type Limits } from '../shared/detect/limits';
import { rankOf } from '../shared/detect/rank';
import { type CompiledRules, compileRules } from '../shared/detect/rules';
import type { Hint, PageHints } from '../shared/detect/types';
import { urlHints } from '../shared/detect/url';
import { findUuids } from '../shared/detect/uuid';
import type { DetectionRule } from '../shared/settings';
import { ELEMENT_NODE, isFormControl, isHiddenSelf, shortText, TEXT_NODE } from './dom-text';
import { pageRuleMatches } from './page-rules';

/** Siblings skipped (whitespace, comments) when looking for a label next to a value. */
const MAX_SIBLING_SKIP = 5;
/** Ancestors climbed when looking for the label of a nested value. */
const MAX_LABEL_DEPTH = 3;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]{1,2048}/gi;

/** What the agent right-clicked (contextMenus OnClickData), for the rules to read too. */
export interface CollectContext {
  linkUrl?: string;
  selectionText?: string;
}

// One collection's running state. Module variables rather than a collector object passed
// around: the content script is size-budgeted, and plain variables minify to single letters
// where object properties would not. collectPageHints is synchronous and resets them all
// first, so no call sees another's state.
let doc: Document;
let limits: Limits;
let compiled: CompiledRules;
let found: Map<string, Hint>;
let ruleText: string[];
let ruleChars: number;
let textCount: number;
let visited: number;
let chars: number;
let truncated: boolean;
let stop: boolean;
/** The last element checkVisibility() was asked about, and its answer. */
let visEl: Element | null;
let visible: boolean;
/** Weak, so a finished collection keeps no element the page has dropped alive. */
let labelCache: WeakMap<Element, string | undefined>;
let shadowRoots: Array<[ShadowRoot, boolean]>;

/** A value capped to maxCharsPerValue, charged to the total; '' once the budget is spent. */
function take(s: string): string {
  if (stop || s.length < 36) return '';
  let part = s;
  if (part.length > limits.maxCharsPerValue) {
    part = part.slice(0, limits.maxCharsPerValue);
    truncated = true;
  }
  if (!part.includes('-')) return '';
  chars += part.length;
  if (chars > limits.maxTotalChars) {
    truncated = true;
    stop = true;
  }
  return part;
}

function isVisible(el: Element): boolean {
  if (el !== visEl) {
    visEl = el;
    visible =
      typeof el.checkVisibility === 'function'
        ? // visibilityProperty is Chrome 121+, checkVisibilityCSS its older name (116–120)
          el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })
        : true;
  }
  return visible;
}

function add(hint: Hint, el: Element | null, hiddenTree: boolean): void {
  // Cheap refusals first, so a page with thousands of ids costs no visibility checks.
  const prev = found.get(hint.id);
  if (prev && rankOf(prev) <= rankOf(hint)) return;
  const isText = hint.source === 'text';
  if (
    !prev &&
    (found.size >= limits.maxCandidates || (isText && textCount >= limits.maxTextCandidates))
  ) {
    truncated = true;
    return;
  }
  if (hiddenTree || (el !== null && !isVisible(el))) {
    if (isText) return; // hidden plain text is not something the page shows
    hint.hidden = true;
    if (prev && rankOf(prev) <= rankOf(hint)) return;
  }
  if (!prev && isText) textCount++;
  found.set(hint.id, hint);
}

/** Explicit ids in a URL-like value (interaction path, id parameter); generic ones dropped. */
function addUrlIds(value: string, where: string, el: Element, hidden: boolean): boolean {
  let any = false;
  // Resolve "/directory/#/…" and "#/interaction/…" against the page, so the host is known.
  let url = value;
  if (/^[/#?]/.test(value)) {
    try {
      url = new URL(value, doc.baseURI).href;
    } catch {
      // keep it relative
    }
  }
  for (const h of urlHints(url, 0, limits.maxCharsPerValue)) {
    if (h.source === 'url') continue;
    any = true;
    add({ ...h, where }, el, hidden);
  }
  return any;
}

/** A label in the node just before `node` ("<b>Conversation ID:</b> …", "ID: <code>…"). */
function siblingLabel(node: Node): { label?: string; blocked: boolean } {
  let prev = node.previousSibling;
  for (let i = 0; prev && i < MAX_SIBLING_SKIP; i++) {
    const blank =
      prev.nodeType !== ELEMENT_NODE &&
      (prev.nodeType !== TEXT_NODE || (prev as Text).data.trim() === '');
    if (!blank) break;
    prev = prev.previousSibling;
  }
  if (!prev) return { blocked: false };
  const label =
    prev.nodeType === TEXT_NODE
      ? labelTail((prev as Text).data.slice(-60))
      : prev.nodeType === ELEMENT_NODE
        ? asLabel(shortText(prev, limits.maxLabelChars * 2), limits.maxLabelChars)
        : undefined;
  return { label, blocked: true };
}

function columnHeader(cell: Element): string | undefined {
  const index = (cell as HTMLTableCellElement).cellIndex;
  const table = cell.closest('table');
  if (!table || typeof index !== 'number' || index < 0) return undefined;
  const headRow = table.tHead?.querySelector('tr') ?? table.querySelector('tr');
  const th = headRow?.children[index];
  if (!th || th === cell || th.localName !== 'th') return undefined;
  return asLabel(shortText(th, limits.maxLabelChars * 2), limits.maxLabelChars);
}

/** The label naming this element's value, looking at it and up to MAX_LABEL_DEPTH ancestors. */
function elementLabel(el: Element): string | undefined {
  if (labelCache.has(el)) return labelCache.get(el);
  let label: string | undefined;
  const labels = (el as HTMLInputElement).labels;
  if (isFormControl(el) && labels) {
    for (const l of Array.from(labels).slice(0, 3)) {
      label ??= asLabel(shortText(l, limits.maxLabelChars * 2), limits.maxLabelChars);
    }
  }
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).slice(0, 3)) {
    if (id && !label) {
      label = asLabel(shortText(doc.getElementById(id), limits.maxLabelChars * 2));
    }
  }
  let cur: Element | null = el;
  for (let depth = 0; cur && !label && depth < MAX_LABEL_DEPTH; depth++) {
    for (const name of LABEL_ATTRIBUTES) {
      label ??= asLabel(cur.getAttribute(name), limits.maxLabelChars);
    }
    if (!label && (cur.localName === 'td' || cur.localName === 'th')) label = columnHeader(cur);
    if (label) break;
    const sib = siblingLabel(cur);
    label = sib.label;
    if (sib.blocked) break; // the value is not alone in its container: ancestors don't label it
    cur = cur.parentElement;
  }
  labelCache.set(el, label);
  return label;
}

/** UUIDs in a value or text belonging to `el`: labelled, URL-borne, or plain. */
function addText(text: string, el: Element, hidden: boolean, node: Node | null): void {
  const matches = findUuids(text, limits.maxTextCandidates);
  if (matches.length === 0) return;
  const explicitUrls = new Set<string>();
  if (mayBeInteractionUrl(text)) {
    for (const m of text.matchAll(URL_IN_TEXT)) {
      for (const h of urlHints(m[0], 0, limits.maxUrlChars)) {
        if (h.source === 'url') continue;
        explicitUrls.add(h.id);
        add({ ...h, where: h.where ?? 'url' }, el, hidden);
      }
    }
  }
  for (const { id, index } of matches) {
    if (explicitUrls.has(id)) continue;
    const before = text.slice(Math.max(0, index - 60), index);
    let label = labelTail(before);
    if (!label && node && before.trim() === '') label = siblingLabel(node).label;
    label ??= elementLabel(el);
    add(
      label ? { id, source: 'label', where: shortWhere(label) } : { id, source: 'text' },
      el,
      hidden,
    );
  }
}

function visit(el: Element, hidden: boolean): void {
  const attrs = el.attributes;
  const count = Math.min(attrs.length, limits.maxAttributesPerElement);
  if (attrs.length > count) truncated = true;
  for (let i = 0; i < count && !stop; i++) {
    const attr = attrs[i];
    const value = attr ? take(attr.value) : '';
    if (!attr || !value) continue;
    if (isIdKey(attr.name)) {
      for (const m of findUuids(value, 10)) {
        add({ id: m.id, source: 'attribute', where: attr.name }, el, hidden);
      }
    } else if (!(mayBeInteractionUrl(value) && addUrlIds(value, attr.name, el, hidden))) {
      // Any other attribute counts only when the id inside it is labelled
      // (title="Conversation ID: …"); bare UUIDs in attributes are keys, not content.
      for (const m of findUuids(value, 10)) {
        const label = labelTail(value.slice(Math.max(0, m.index - 60), m.index));
        if (label) add({ id: m.id, source: 'label', where: shortWhere(label) }, el, hidden);
      }
    }
  }
  if (isFormControl(el)) {
    const type = (el as HTMLInputElement).type;
    if (type !== 'password' && type !== 'checkbox' && type !== 'radio') {
      const value = take(el.value ?? '');
      if (value) addText(value, el, hidden, null);
    }
  }
  if (hidden) return;
  const nodes = el.childNodes;
  for (let i = 0; i < nodes.length && !stop; i++) {
    const c = nodes[i] as ChildNode;
    if (c.nodeType !== TEXT_NODE) continue;
    if (++visited > limits.maxNodes) {
      truncated = true;
      stop = true;
      break;
    }
    const text = take((c as Text).data);
    if (!text) continue;
    if (compiled.regexes.length > 0 && ruleChars < limits.maxRuleText) {
      ruleText.push(text);
      ruleChars += text.length;
    }
    addText(text, el, false, c);
  }
}

/**
 * Depth-first over elements. The stack holds one frame per open ancestor (an index into its
 * `children`), so memory follows depth, not breadth: 100k siblings cost one frame.
 */
function walk(root: Element | ShadowRoot, hiddenAbove: boolean): void {
  const stack: Array<{ kids: HTMLCollection; i: number; hidden: boolean }> = [];
  const enter = (el: Element, hiddenParent: boolean): void => {
    if (++visited > limits.maxNodes) {
      truncated = true;
      stop = true;
      return;
    }
    if (SKIPPED_TAGS.has(el.localName)) return;
    const hidden = hiddenParent || isHiddenSelf(el);
    visit(el, hidden);
    const shadow = el.shadowRoot;
    if (shadow) {
      if (shadowRoots.length < limits.maxShadowRoots) shadowRoots.push([shadow, hidden]);
      else truncated = true;
    }
    if (el.children.length > 0) stack.push({ kids: el.children, i: 0, hidden });
  };
  if (root.nodeType === ELEMENT_NODE) enter(root as Element, hiddenAbove);
  else stack.push({ kids: root.children, i: 0, hidden: hiddenAbove });
  while (stack.length > 0 && !stop) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    const el = frame.kids[frame.i++];
    if (el) enter(el, frame.hidden);
    else stack.pop();
  }
}

/** The rule phase: selector rules over the document, then the regex rules over what was read. */
function addRuleHints(context: CollectContext, now: () => number): void {
  for (const { selector, n } of compiled.selectors) {
    let matches: NodeListOf<Element>;
    try {
      matches = doc.querySelectorAll(selector);
    } catch {
      continue; // an invalid selector is a settings problem, reported on the options page
    }
    const count = Math.min(matches.length, limits.maxRuleMatches);
    for (let i = 0; i < count; i++) {
      const el = matches[i] as Element;
      const href = el.localName === 'a' ? (el as HTMLAnchorElement).href : '';
      const value = isFormControl(el) ? el.value : shortText(el, limits.maxCharsPerValue);
      for (const m of findUuids(`${href} ${value}`, limits.maxRuleMatches)) {
        add({ id: m.id, source: 'rule', where: `rule ${n}` }, el, isHiddenSelf(el));
      }
    }
  }

  const matched = pageRuleMatches(compiled, [doc.URL, context.linkUrl, context.selectionText], {
    texts: ruleText,
    limits,
    now,
  });
  if (matched.truncated) truncated = true;
  for (const { id, n } of matched.found) {
    add({ id, source: 'rule', where: `rule ${n}` }, null, false);
  }
}

/** The collector: what the content script runs on `document` when the agent invokes it. */
export function collectPageHints(
  page: Document,
  rules: readonly DetectionRule[] = [],
  context: CollectContext = {},
  bounds: Limits = LIMITS,
  now: () => number = () => performance.now(),
): PageHints {
  doc = page;
  limits = bounds;
  compiled = compileRules(rules, limits.maxRules);
  found = new Map();
  ruleText = [];
  ruleChars = textCount = visited = chars = 0;
  truncated = stop = false;
  labelCache = new WeakMap();
  shadowRoots = [];
  visEl = null; // so `visible` is never read before it is set

  if (doc.documentElement) walk(doc.documentElement, false);
  for (let i = 0; i < shadowRoots.length && !stop; i++) {
    const [root, hidden] = shadowRoots[i] as [ShadowRoot, boolean];
    walk(root, hidden);
  }

  addRuleHints(context, now);
  // Hold no page elements between calls: the content script outlives this one collection.
  shadowRoots = [];
  visEl = null;
  return { hints: [...found.values()], truncated };
}
