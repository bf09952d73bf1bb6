// Is a detection rule's regex safe to run on untrusted page text? JavaScript's engine
// backtracks, so a pattern that can split the same characters between two repeats in many ways
// (`.*.*.*(x)`, `\w+\d*`, `(a+)+`) takes polynomial or exponential time on a few hundred
// characters. This is a small, conservative analyser of the pattern's source (compiled with the
// `gi` flags, no `u`): it tokenizes it into atoms (a character set and a quantifier) and groups,
// and refuses whatever it cannot show to be free of such ambiguity. It refuses too much rather
// than too little: a refused rule costs the admin a rewrite, an accepted bad one freezes a page.

export type RegexRisk = 'backreference' | 'lookaround' | 'nested' | 'ambiguous' | 'unsupported';

/**
 * The characters an atom may match, over-approximated: 128 bits for ASCII, and beyond ASCII two
 * flags, "some space" (\s's Unicode spaces) and "some other character", so `\s*\S+` is seen as
 * the disjoint pair it is. Two sets that may share a character overlap.
 */
interface CharSet {
  ascii: boolean[];
  sp: boolean;
  ns: boolean;
}

interface Quant {
  min: number;
  max: number;
}

type Node =
  | { type: 'atom'; set: CharSet; q: Quant }
  | { type: 'assert' }
  | { type: 'group'; alts: Node[][]; look: boolean; q: Quant };

const ONE: Quant = { min: 1, max: 1 };

class Refused extends Error {
  constructor(readonly risk: RegexRisk) {
    super(risk);
  }
}

const empty = (): CharSet => ({ ascii: new Array(128).fill(false), sp: false, ns: false });

function range(set: CharSet, from: number, to: number): CharSet {
  for (let c = from; c <= Math.min(to, 127); c++) set.ascii[c] = true;
  if (to <= 127) return set;
  if (from === to && /\s/.test(String.fromCharCode(from))) set.sp = true;
  else if (from === to) set.ns = true;
  else set.sp = set.ns = true;
  return set;
}

/** Case-insensitive matching (the `i` flag): a letter stands for both of its cases. */
function fold(set: CharSet): CharSet {
  for (let c = 65; c <= 90; c++) {
    if (set.ascii[c] || set.ascii[c + 32]) set.ascii[c] = set.ascii[c + 32] = true;
  }
  return set;
}

/** The complement; beyond ASCII only what `covers` says the set held entirely is left out. */
function invert(set: CharSet, covers = { sp: false, ns: false }): CharSet {
  return { ascii: set.ascii.map((b) => !b), sp: !covers.sp, ns: !covers.ns };
}

function union(a: CharSet, b: CharSet): CharSet {
  return {
    ascii: a.ascii.map((x, i) => x || (b.ascii[i] as boolean)),
    sp: a.sp || b.sp,
    ns: a.ns || b.ns,
  };
}

// Without the `u` flag, case folding never maps a non-ASCII character onto an ASCII one
// (ECMA-262 Canonicalize), so the two halves are compared apart.
function overlaps(a: CharSet, b: CharSet): boolean {
  return (a.sp && b.sp) || (a.ns && b.ns) || a.ascii.some((x, i) => x && b.ascii[i]);
}

/** The sets without repeats, so alternatives cannot multiply the list. */
function distinct(sets: CharSet[]): CharSet[] {
  const seen = new Map<string, CharSet>();
  for (const s of sets) seen.set(`${+s.sp}${+s.ns}${s.ascii.map(Number).join('')}`, s);
  return [...seen.values()];
}

const DIGIT = () => range(empty(), 48, 57);
const WORD = () => range(range(range(range(empty(), 48, 57), 65, 90), 97, 122), 95, 95);
const SPACE = () => ({ ...range(range(empty(), 9, 13), 32, 32), sp: true });
const DOT = () => invert(range(range(empty(), 10, 10), 13, 13));

/** The set of a class escape (\d \w \s and their negations), or undefined. */
function classEscape(c: string): CharSet | undefined {
  switch (c) {
    case 'd':
      return DIGIT();
    case 'D':
      return invert(DIGIT());
    case 'w':
      return WORD();
    case 'W':
      return invert(WORD());
    case 's':
      return SPACE();
    case 'S':
      return invert(SPACE(), { sp: true, ns: false });
    default:
      return undefined;
  }
}

const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

/** One escaped character (after the backslash at `i`): its code and the index after it. */
function escapedChar(src: string, i: number): { code: number; next: number } {
  const c = src[i] as string;
  if (c in CONTROL) return { code: CONTROL[c] as number, next: i + 1 };
  const hex = c === 'x' ? /^[0-9a-f]{2}/i : c === 'u' ? /^[0-9a-f]{4}/i : undefined;
  const digits = hex?.exec(src.slice(i + 1))?.[0];
  if (digits) return { code: Number.parseInt(digits, 16), next: i + 1 + digits.length };
  if (c === 'c') {
    // Without a letter, Annex B reads `\c` as a backslash and a "c": two atoms, not one.
    if (!/[a-z]/i.test(src[i + 1] ?? '')) throw new Refused('unsupported');
    return { code: (src.charCodeAt(i + 1) as number) % 32, next: i + 2 };
  }
  return { code: src.charCodeAt(i), next: i + 1 };
}

const single = (code: number) => range(empty(), code, code);

/** `[...]` starting at `i` (the `[`): its set and the index after the `]`. */
function parseClass(src: string, start: number): { set: CharSet; next: number } {
  let i = start + 1;
  const negated = src[i] === '^';
  if (negated) i++;
  let set = empty();
  /** Beyond ASCII, what the class holds entirely (\s, \S, \W, \D): a `[^…]` leaves it out. */
  const covers = { sp: false, ns: false };
  // `]` ends the class even first (`[]` matches nothing in JavaScript, `[^]` anything).
  while (i < src.length && src[i] !== ']') {
    let from: number;
    if (src[i] === '\\') {
      const cls = classEscape(src[i + 1] ?? '');
      if (cls) {
        const e = src[i + 1] as string;
        covers.sp ||= e === 's' || e === 'W' || e === 'D';
        covers.ns ||= e === 'S' || e === 'W' || e === 'D';
        set = union(set, cls);
        i += 2;
        continue;
      }
      // Inside a class \b is a backspace.
      const e = src[i + 1] === 'b' ? { code: 8, next: i + 2 } : escapedChar(src, i + 1);
      from = e.code;
      i = e.next;
    } else {
      from = src.charCodeAt(i);
      i++;
    }
    if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      // A range; an escape or class escape as its end is unusual enough to refuse.
      if (src[i + 1] === '\\') throw new Refused('unsupported');
      const to = src.charCodeAt(i + 1);
      if (to < from) throw new Refused('unsupported');
      range(set, from, to);
      i += 2;
    } else {
      range(set, from, from);
    }
  }
  if (src[i] !== ']') throw new Refused('unsupported');
  set = fold(set);
  return { set: negated ? invert(set, covers) : set, next: i + 1 };
}

/** A quantifier at `i`, if any: its bounds and the index after it (a lazy `?` included). */
function parseQuant(src: string, i: number): { q: Quant; next: number } | undefined {
  const c = src[i];
  let q: Quant | undefined;
  let next = i + 1;
  if (c === '*') q = { min: 0, max: Infinity };
  else if (c === '+') q = { min: 1, max: Infinity };
  else if (c === '?') q = { min: 0, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined; // a literal brace (Annex B)
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = { min, max };
    next = i + m[0].length;
  }
  if (!q) return undefined;
  if (src[next] === '?') next++;
  return { q, next };
}

/** Parses `src` from `i` up to the `)` closing the current group (or the end). */
function parseAlternatives(src: string, start: number): { alts: Node[][]; next: number } {
  const alts: Node[][] = [[]];
  let i = start;
  while (i < src.length && src[i] !== ')') {
    const c = src[i] as string;
    let node: Node;
    if (c === '|') {
      alts.push([]);
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      node = { type: 'assert' };
      i++;
    } else if (c === '(') {
      const g = parseGroup(src, i);
      node = g.node;
      i = g.next;
    } else if (c === '[') {
      const k = parseClass(src, i);
      node = { type: 'atom', set: k.set, q: ONE };
      i = k.next;
    } else if (c === '\\') {
      const e = parseEscape(src, i);
      node = e.node;
      i = e.next;
    } else if (c === '.') {
      node = { type: 'atom', set: DOT(), q: ONE };
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === ']' || c === '}') {
      throw new Refused('unsupported'); // a quantifier with nothing to repeat, a stray bracket
    } else {
      node = { type: 'atom', set: fold(single(src.charCodeAt(i))), q: ONE };
      i++;
    }
    const quant = parseQuant(src, i);
    if (quant) {
      if (node.type === 'assert') throw new Refused('unsupported');
      node.q = quant.q;
      i = quant.next;
      if (parseQuant(src, i)) throw new Refused('unsupported');
    }
    (alts[alts.length - 1] as Node[]).push(node);
  }
  return { alts, next: i };
}

function parseEscape(src: string, i: number): { node: Node; next: number } {
  const c = src[i + 1] ?? '';
  if (/[1-9]/.test(c) || c === 'k') throw new Refused('backreference');
  if (c === 'b' || c === 'B') return { node: { type: 'assert' }, next: i + 2 };
  const cls = classEscape(c);
  if (cls) return { node: { type: 'atom', set: cls, q: ONE }, next: i + 2 };
  if (c === '') throw new Refused('unsupported');
  const e = escapedChar(src, i + 1);
  return { node: { type: 'atom', set: fold(single(e.code)), q: ONE }, next: e.next };
}

function parseGroup(src: string, i: number): { node: Node; next: number } {
  const head = /^\((\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(src.slice(i))?.[0] ?? '(';
  // `(?i:…)` modifiers and anything else after `(?` are newer syntax than this analyser knows.
  if (head === '(' && src[i + 1] === '?') throw new Refused('unsupported');
  const look = /^\(\?<?[=!]$/.test(head);
  const inner = parseAlternatives(src, i + head.length);
  if (src[inner.next] !== ')') throw new Refused('unsupported');
  return { node: { type: 'group', alts: inner.alts, look, q: ONE }, next: inner.next + 1 };
}

/** Whether a node (or anything inside it) repeats or branches. */
function variesInside(nodes: Node[][]): boolean {
  return nodes.some(
    (seq) =>
      nodes.length > 1 ||
      seq.some((n) => n.type !== 'assert' && (n.q.max !== n.q.min || n.q.max > 1 || varies(n))),
  );
}
const varies = (n: Node): boolean => n.type === 'group' && variesInside(n.alts);

/** Every character a node may consume (for a repeated group seen as one atom). */
function setOf(n: Node): CharSet {
  if (n.type === 'atom') return n.set;
  if (n.type === 'assert') return empty();
  return n.alts.flat().reduce((acc, m) => union(acc, setOf(m)), empty());
}

/** The characters a sequence may start with (up to and including its first mandatory node). */
function firstSet(seq: Node[]): CharSet {
  let acc = empty();
  for (const n of seq) {
    if (n.type === 'group' && n.look) continue;
    acc = union(acc, n.type === 'group' ? n.alts.map(firstSet).reduce(union, empty()) : setOf(n));
    if (!nullable(n)) break;
  }
  return acc;
}

const nullable = (n: Node): boolean =>
  n.type === 'assert' ||
  n.q.min === 0 ||
  (n.type === 'group' && (n.look || n.alts.some((seq) => seq.every(nullable))));

/**
 * Walks a sequence with `open`: the sets of variable repeats that may still be consuming when
 * the next atom starts (not yet cut off by a mandatory atom they cannot match). A variable
 * repeat whose set meets an open one can split the same text in several ways: refused.
 * Returns the open sets after the sequence.
 */
function walk(seq: Node[], entry: CharSet[]): CharSet[] {
  let open = entry;
  for (const n of seq) {
    if (n.type === 'assert') continue;
    if (n.type === 'group' && n.look) {
      if (variesInside(n.alts)) throw new Refused('lookaround');
      continue;
    }
    const repeated = n.q.max > 1;
    if (n.type === 'group' && repeated && variesInside(n.alts)) throw new Refused('nested');
    const variable = n.q.max > n.q.min;
    if (n.type === 'group' && !repeated) {
      // Alternatives that can start with the same character each try the text: a run of such
      // groups (`(?:a|a)(?:a|a)…`) doubles the work with every group.
      const firsts = n.alts.map(firstSet);
      if (firsts.some((f, k) => firsts.slice(k + 1).some((g) => overlaps(f, g)))) {
        throw new Refused('ambiguous');
      }
      // An optional group is a variable repeat of its own text (`(?:ab)?(?:ab)?…ab`).
      const set = setOf(n);
      if (variable && open.some((o) => overlaps(o, set))) throw new Refused('ambiguous');
      const exits = n.alts.map((alt) => walk(alt, open));
      open = distinct([...(n.q.min === 0 ? open : []), ...exits.flat()]);
      if (variable) open = distinct([...open, set]);
      continue;
    }
    const set = setOf(n);
    if (variable && open.some((o) => overlaps(o, set))) throw new Refused('ambiguous');
    // A mandatory atom ends the repeats it cannot be part of; an optional one ends none.
    if (!nullable(n)) open = open.filter((o) => overlaps(o, set));
    if (variable) open = distinct([...open, set]);
  }
  return open;
}

/** Why the pattern is refused, or undefined when it is provably free of backtracking blow-ups. */
export function regexRisk(source: string): RegexRisk | undefined {
  try {
    const { alts, next } = parseAlternatives(source, 0);
    if (next !== source.length) return 'unsupported'; // an unmatched `)`
    for (const alt of alts) walk(alt, []);
    return undefined;
  } catch (err) {
    if (err instanceof Refused) return err.risk;
    throw err;
  }
}
