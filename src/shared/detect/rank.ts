// Ranking: what the agent pointed at > explicit sources (Genesys interaction URL, id parameter,
// named attribute, labelled text, admin rules) > any UUID in the URL > any UUID in visible text >
// anything found only in hidden elements. Lower rank is stronger.
import type { Hint, HintSource, RankedId } from './types';

export const RANK = { context: 0, explicit: 1, url: 2, text: 3, hidden: 4 } as const;

const TIER: Record<HintSource, number> = {
  link: RANK.context,
  selection: RANK.context,
  'genesys-url': RANK.explicit,
  'url-param': RANK.explicit,
  'url-path': RANK.explicit,
  rule: RANK.explicit,
  attribute: RANK.explicit,
  label: RANK.explicit,
  url: RANK.url,
  text: RANK.text,
};

export function isHintSource(s: unknown): s is HintSource {
  return typeof s === 'string' && Object.hasOwn(TIER, s);
}

/** Hidden hints drop to the last tier, except what the agent pointed at. */
export function rankOf(hint: Pick<Hint, 'source' | 'hidden'>): number {
  const tier = TIER[hint.source];
  return hint.hidden && tier !== RANK.context ? RANK.hidden : tier;
}

/**
 * Sort hints by rank, then by where they came from (the order of `groups`: context, page URL,
 * page DOM), then first seen (DOM order: the top of a page is usually its current
 * conversation); keep each id once at its best; cap the list.
 */
export function rankHints(groups: readonly (readonly Hint[])[], max = 20): RankedId[] {
  const best = new Map<string, { hint: Hint; key: number[] }>();
  let seq = 0;
  groups.forEach((hints, g) => {
    for (const hint of hints) {
      const rank = rankOf(hint);
      const key = [rank, g, seq++];
      const prev = best.get(hint.id);
      if (!prev || compare(key, prev.key) < 0) best.set(hint.id, { hint, key });
    }
  });
  return [...best.values()]
    .sort((a, b) => compare(a.key, b.key))
    .slice(0, max)
    .map(({ hint, key }) => {
      const r: RankedId = { id: hint.id, source: hint.source, rank: key[0] ?? RANK.hidden };
      if (hint.where) r.where = hint.where;
      return r;
    });
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
