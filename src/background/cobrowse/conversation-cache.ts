// The agent's conversation list: the popup's list fetches it, the user's conversation topic
// keeps it current by push (apply), and an earlier worker's copy is restored at start. A start
// for a conversation in it takes the conversation from it instead of reading it again (the hot
// path); past LIST_MAX_AGE_MS the trigger refreshes it alongside the POST. An id that is not in
// it is never started unconfirmed on its word: the fresh list decides.
import type { ConversationList, ConversationSummary } from '../../shared/protocol';
import type { Conversation, GenesysClient } from '../genesys';
import {
  agentConnected,
  agentGone,
  agentParticipant,
  classifyConversation,
  rankConversations,
} from './conversations';
import { parseConversation } from './events';
import type { Rights, RightsCache } from './rights';

export const LIST_MAX_AGE_MS = 30_000;

interface Listing {
  at: number;
  byId: Map<string, Conversation>;
  summaries: ConversationSummary[];
}

const empty = (): Listing => ({ at: Number.NEGATIVE_INFINITY, byId: new Map(), summaries: [] });

/** The list as storage.session keeps it for the next worker. */
export interface StoredList {
  userId: string;
  at: number;
  entries: { summary: ConversationSummary; body: Conversation }[];
}

function restored(stored: StoredList): Listing {
  const byId = new Map<string, Conversation>();
  const summaries: ConversationSummary[] = [];
  for (const { summary, body } of stored.entries) {
    byId.set(summary.id, body);
    summaries.push(summary);
  }
  return { at: stored.at, byId, summaries };
}

/** What the start path's trigger decides on: the list ranked, and whether it is fresh. */
export interface KnownList {
  list: ConversationList;
  fresh: boolean;
}

/** A conversation as the start path needs it. */
export interface LookedUp {
  r: Rights;
  summary: ConversationSummary;
  /** One of the agent's active conversations. */
  member: boolean;
  /** Event keys the conversation already shows (they must never move a new attempt). */
  seen: string[];
}

export interface ConversationCache {
  /** Fetches the agent's active conversations, classified and ranked against page hints. */
  list(hints: readonly string[]): Promise<ConversationList>;
  /** The last list, ranked, while fresh enough to serve a start; undefined when cold. */
  cached(hints: readonly string[]): ConversationList | undefined;
  /** The list as known (restored or pushed, however old); undefined when there is none. */
  known(hints: readonly string[]): Promise<KnownList | undefined>;
  /** A conversation as the user's topic pushed it: added, updated, or dropped once it ended. */
  apply(body: Conversation): Promise<void>;
  lookup(id: string): Promise<LookedUp>;
  /** A dropped session's conversation is read afresh next time (its events may postdate it). */
  forget(id: string): void;
  clear(): void;
}

export function createConversationCache(deps: {
  api: Pick<GenesysClient, 'listConversations' | 'getConversation'>;
  rights: RightsCache;
  now: () => number;
  maxAgeMs: number;
  /** The list an earlier worker stored (read once, before the first use). */
  restore?: () => Promise<StoredList | undefined>;
  /** Keeps the list for the next worker. */
  persist?: (list: StoredList) => void;
}): ConversationCache {
  const { api, rights, now } = deps;
  let listing = empty();
  let userId: string | undefined;
  let generation = 0;
  const fresh = () => now() - listing.at <= deps.maxAgeMs;
  const restoring = (async () => {
    const mine = generation;
    const stored = await deps.restore?.().catch(() => undefined);
    if (stored && mine === generation && listing.at === Number.NEGATIVE_INFINITY) {
      listing = restored(stored);
      userId = stored.userId;
    }
  })();
  const keep = () => {
    if (userId === undefined) return;
    const entries = listing.summaries.flatMap((summary) => {
      const body = listing.byId.get(summary.id);
      return body ? [{ summary, body }] : [];
    });
    deps.persist?.({ userId, at: listing.at, entries });
  };
  const classify = (c: Conversation, r: Rights) => {
    const summary = classifyConversation(c, r.userId, r.cobrowse);
    summary.id = summary.id.toLowerCase();
    return summary;
  };
  return {
    async list(hints) {
      const mine = generation;
      const [r, answer] = await Promise.all([rights.get(), api.listConversations()]);
      const byId = new Map<string, Conversation>();
      const summaries: ConversationSummary[] = [];
      for (const c of answer.entities) {
        const summary = classify(c, r);
        byId.set(summary.id, c);
        summaries.push(summary);
      }
      // A clear() meanwhile (another account): the answer is not kept.
      if (mine === generation) {
        listing = { at: now(), byId, summaries };
        userId = r.userId;
        keep();
      }
      return rankConversations(summaries, hints);
    },
    cached: (hints) => (fresh() ? rankConversations(listing.summaries, hints) : undefined),
    async known(hints) {
      await restoring;
      if (listing.at === Number.NEGATIVE_INFINITY && listing.summaries.length === 0) {
        return undefined;
      }
      return { list: rankConversations(listing.summaries, hints), fresh: fresh() };
    },
    async apply(body) {
      const mine = generation;
      await restoring;
      const r = await rights.get();
      if (mine !== generation || !body.id) return;
      // Pushed alone (no list read yet) it is a partial list: it confirms the ids it holds, and
      // is never fresh, so anything else still waits for a read.
      const id = body.id.toLowerCase();
      const agent = agentParticipant(body, r.userId);
      const summaries = listing.summaries.filter((s) => s.id !== id);
      listing.byId.delete(id);
      if (agent && !agentGone(agent)) {
        listing.byId.set(id, body);
        summaries.push(classify(body, r));
      }
      listing.summaries = summaries;
      userId = r.userId;
      keep();
    },
    async lookup(id) {
      await restoring;
      const r = await rights.get();
      // A known conversation serves even when the list is old: the POST is Genesys's check (a
      // conversation that ended since is refused there and explained), and the trigger refreshes
      // the list alongside.
      const cached = listing.byId.get(id);
      const body = cached ?? (await api.getConversation(id));
      const summary = classifyConversation(body, r.userId, r.cobrowse);
      const agent = agentParticipant(body, r.userId);
      const member = !!cached || (!!agent && agentConnected(agent) !== false);
      const seen = (parseConversation(body, r.userId)?.events ?? [])
        .map((e) => e.key)
        .filter((k): k is string => !!k);
      return { r, summary, member, seen };
    },
    forget: (id) => listing.byId.delete(id),
    clear: () => {
      generation++;
      listing = empty();
      userId = undefined;
    },
  };
}
