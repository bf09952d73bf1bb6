// Conversation detection: which conversation ids does this page show, best first?
// Ids are hints: UUID-validated here, then matched against the agent's active conversations
// by the caller. detect() runs in the background or popup (it uses the Genesys region list)
// and applies only the built-in detection: the extra regex rules (admin-written patterns) run
// in the page, in collectPageHints (src/content/collect.ts), over the URL, the right-clicked
// link or selection and the text, so a slow pattern never blocks the service worker. The
// content script imports the small modules directly, never this file.
import { shortWhere } from './dom';
import { LIMITS, type Limits } from './limits';
import { isHintSource, rankHints } from './rank';
import { regionOf } from './region';
import type { Detection, Hint } from './types';
import { urlHints } from './url';
import { findUuids, normaliseId } from './uuid';

export { LIMITS, type Limits } from './limits';
export { RANK } from './rank';
export { regionOf } from './region';
export type { RuleErrorKey } from './rules';
export type { Detection, Hint, HintSource, PageHints, RankedId } from './types';
export { normaliseId } from './uuid';

export interface DetectContext {
  /** contextMenus OnClickData.linkUrl */
  linkUrl?: string;
  /** contextMenus OnClickData.selectionText */
  selectionText?: string;
}

export interface DetectInput {
  /** the tab's URL */
  url?: string;
  /**
   * what the content script collected; absent when it could not run (e.g. a browser page).
   * Each hint is re-validated here (see sanitise), so it arrives unchecked.
   */
  page?: { hints: readonly unknown[]; truncated: boolean };
  /** the right-clicked link or selection, from a context-menu click */
  context?: DetectContext;
}

/** The page's conversation ids, ranked (see rank.ts), with the Genesys region when one shows. */
export function detect(input: DetectInput, limits: Limits = LIMITS): Detection {
  const regions = new Map<string, string | undefined>();
  const regionFor = (host: string | undefined): string | undefined => {
    if (!host) return undefined;
    if (!regions.has(host)) regions.set(host, regionOf(host));
    return regions.get(host);
  };
  const idRegion = new Map<string, string>();
  // A path or parameter id on a Genesys host is a Genesys interaction URL.
  const refine = (h: Hint): Hint => {
    const region = regionFor(h.host);
    if (region && !idRegion.has(h.id)) idRegion.set(h.id, region);
    return region && (h.source === 'url-path' || h.source === 'url-param')
      ? { ...h, source: 'genesys-url' }
      : h;
  };

  const context: Hint[] = [];
  const { linkUrl, selectionText } = input.context ?? {};
  if (typeof linkUrl === 'string') {
    for (const h of urlHints(linkUrl, 0, limits.maxUrlChars)) {
      context.push(refine({ ...h, source: 'link', where: h.where ?? 'link' }));
    }
  }
  if (typeof selectionText === 'string') {
    for (const m of findUuids(selectionText, limits.maxRuleMatches, limits.maxSelectionChars)) {
      context.push({ id: m.id, source: 'selection' });
    }
  }

  const fromUrl: Hint[] = [];
  const url = typeof input.url === 'string' ? input.url.slice(0, limits.maxUrlChars) : '';
  if (url) {
    for (const h of urlHints(url, 0, limits.maxUrlChars)) fromUrl.push(refine(h));
  }

  const fromPage = sanitise(input.page, limits).map(refine);
  const ids = rankHints([context, fromUrl, fromPage], limits.maxResults);
  const region = regionFor(hostOf(url)) ?? ids.map((r) => idRegion.get(r.id)).find(Boolean);
  return region ? { ids, region } : { ids };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * PageHints come from our own content script, but over a message channel and built from page
 * data: re-validate every field and never let the page claim the agent's context.
 */
function sanitise(page: unknown, limits: Limits): Hint[] {
  const hints = (page as { hints?: unknown } | undefined)?.hints;
  if (!Array.isArray(hints)) return [];
  const out: Hint[] = [];
  for (const raw of hints.slice(0, limits.maxCandidates)) {
    const h = raw as Partial<Hint> | null;
    const id = normaliseId(h?.id);
    if (!h || !id || !isHintSource(h.source) || h.source === 'link' || h.source === 'selection') {
      continue;
    }
    const hint: Hint = { id, source: h.source };
    if (typeof h.where === 'string' && h.where) hint.where = shortWhere(h.where);
    if (h.hidden === true) hint.hidden = true;
    if (typeof h.host === 'string' && h.host.length <= 253) hint.host = h.host;
    out.push(hint);
  }
  return out;
}
