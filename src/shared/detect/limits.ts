// Work bounds for detection. A page is untrusted and may be huge or hostile (100k nodes,
// megabyte text nodes, thousands of UUIDs), so every loop counts what it does and stops at
// these numbers instead of watching a clock: the result is the same on a slow machine, and
// the page is never blocked for long. Rule regexes alone also get a time budget (their cost
// depends on the pattern). Tests pass smaller limits to prove each bound holds.
export interface Limits {
  /** Elements visited in the DOM walk (shadow roots included). */
  maxNodes: number;
  /** Characters read from one text node, attribute value or input value. */
  maxCharsPerValue: number;
  /** Characters scanned over the whole walk; the walk stops when spent. */
  maxTotalChars: number;
  /** Distinct ids kept by the collector, all sources together. */
  maxCandidates: number;
  /** Of those, ids from unlabelled visible text (the weakest source). */
  maxTextCandidates: number;
  /** Attributes read per element. */
  maxAttributesPerElement: number;
  /** Open shadow roots walked. */
  maxShadowRoots: number;
  /** Visible text kept for regex rules, all fields together. */
  maxRuleText: number;
  /** Characters of one field (URL, link, selection, text node) a rule regex sees. */
  maxRuleFieldChars: number;
  /**
   * Milliseconds the collector spends on rule regexes in the page; then it stops and marks
   * the result truncated. (The one clock here: a regex's cost is not countable from outside.)
   */
  ruleBudgetMs: number;
  /** Matches taken from one rule. */
  maxRuleMatches: number;
  /** Rules applied; the rest are ignored. */
  maxRules: number;
  /** Characters of a URL examined. */
  maxUrlChars: number;
  /** Characters of a selection examined. */
  maxSelectionChars: number;
  /** A label longer than this is prose, not a label. */
  maxLabelChars: number;
  /** Ids returned by detect(). */
  maxResults: number;
}

export const LIMITS: Readonly<Limits> = Object.freeze({
  maxNodes: 20_000,
  maxCharsPerValue: 4_096,
  maxTotalChars: 1_000_000,
  maxCandidates: 200,
  maxTextCandidates: 50,
  maxAttributesPerElement: 32,
  maxShadowRoots: 50,
  maxRuleText: 200_000,
  maxRuleFieldChars: 2_048,
  ruleBudgetMs: 50,
  maxRuleMatches: 50,
  maxRules: 20,
  maxUrlChars: 8_192,
  maxSelectionChars: 10_000,
  maxLabelChars: 80,
  maxResults: 20,
});
