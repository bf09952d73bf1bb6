// The agent's conversation list, kept briefly: the popup's list fetches it, and a start within
// LIST_MAX_AGE_MS takes the conversation from it instead of reading it again (the hot path).
import type { ConversationList, ConversationSummary } from '../../shared/protocol';
import type { Conversation, GenesysClient } from '../genesys';
import {
  agentConnected,
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
}): ConversationCache {
  const { api, rights, now } = deps;
  let listing = empty();
  const fresh = () => now() - listing.at <= deps.maxAgeMs;
  return {
    async list(hints) {
      const [r, answer] = await Promise.all([rights.get(), api.listConversations()]);
      const byId = new Map<string, Conversation>();
      const summaries: ConversationSummary[] = [];
      for (const c of answer.entities) {
        const summary = classifyConversation(c, r.userId, r.cobrowse);
        summary.id = summary.id.toLowerCase();
        byId.set(summary.id, c);
        summaries.push(summary);
      }
      listing = { at: now(), byId, summaries };
      return rankConversations(summaries, hints);
    },
    cached: (hints) => (fresh() ? rankConversations(listing.summaries, hints) : undefined),
    async lookup(id) {
      const r = await rights.get();
      const cached = fresh() ? listing.byId.get(id) : undefined;
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
      listing = empty();
    },
  };
}
