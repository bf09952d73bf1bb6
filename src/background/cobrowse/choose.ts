// The trigger's decision, pure: start, confirm or let the agent pick, from the page's ids and
// the agent's conversations.
import type { Detection } from '../../shared/detect';
import { RANK } from '../../shared/detect/rank';
import type { ConversationList } from '../../shared/protocol';

/** What a trigger does once it knows the page's ids and the agent's conversations. */
export type Choice =
  | { kind: 'start'; conversationId: string }
  | { kind: 'confirm'; conversationId: string }
  | { kind: 'picker' };

/**
 * The decision, pure. The id the agent pointed at (link, selection) decides alone: one of
 * theirs → start, else confirm. Without one: exactly one of the page's ids is the agent's →
 * start; the page names exactly one explicit id and it is not theirs → confirm; else pick.
 */
export function choose(detection: Detection, list: ConversationList): Choice {
  const mine = new Set(list.conversations.map((c) => c.id.toLowerCase()));
  const pointed = detection.ids.find((r) => r.rank === RANK.context);
  if (pointed) {
    return mine.has(pointed.id)
      ? { kind: 'start', conversationId: pointed.id }
      : { kind: 'confirm', conversationId: pointed.id };
  }
  const matches = detection.ids.filter((r) => mine.has(r.id));
  if (matches.length === 1)
    return { kind: 'start', conversationId: (matches[0] as { id: string }).id };
  if (matches.length > 1) return { kind: 'picker' };
  // Only an id the page states on purpose (URL, named attribute, label, rule) is worth asking
  // about; a stray UUID in text is not a conversation the agent meant.
  const explicit = detection.ids.filter((r) => r.rank <= RANK.url);
  if (explicit.length === 1) {
    return { kind: 'confirm', conversationId: (explicit[0] as { id: string }).id };
  }
  return { kind: 'picker' };
}
