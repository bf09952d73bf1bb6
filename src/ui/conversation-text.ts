// How a conversation is described in the popup's list and the panel's picker: media in the
// overlay's words, queue, when it started, how long it has been going ("12 min"), and the end of
// its id, so two customers with the same name can be told apart. Pure but for the clock format.
import { t } from '../shared/i18n';
import { mediaLabel } from '../shared/media';
import type { ConversationSummary } from '../shared/protocol';
import { formatTime } from './session/format';

/** "under 1 min", "12 min", "1 h 05 min"; a start in the future (clock skew) reads as new. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('popup_duration_under_minute');
  if (minutes < 60) return t('popup_duration_minutes', String(minutes));
  return t('popup_duration_hours', [
    String(Math.floor(minutes / 60)),
    String(minutes % 60).padStart(2, '0'),
  ]);
}

/** "ID …c5d6": the id's last four characters. */
export const idSuffix = (id: string): string => t('picker_id_suffix', id.slice(-4));

/** The line under the customer's name: media, queue, start time (and how long, when `now` is
 *  given), the id's end. */
export function conversationFacts(c: ConversationSummary, now?: number): string[] {
  const facts = [mediaLabel(c.media)];
  if (c.queueName) facts.push(c.queueName);
  if (c.startedAt !== undefined) {
    facts.push(t('picker_started_at', formatTime(c.startedAt)));
    if (now !== undefined) facts.push(formatDuration(now - c.startedAt));
  }
  facts.push(idSuffix(c.id));
  return facts;
}

/** The customer's Messenger presence; only known, and only relevant, for web messaging (the
 *  offer goes to Messenger). */
export function messengerPresence(c: ConversationSummary): 'online' | 'offline' | undefined {
  if (c.media !== 'message' || c.customerOnline === undefined) return undefined;
  return c.customerOnline ? 'online' : 'offline';
}
