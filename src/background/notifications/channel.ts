// The notifications channel: create it, subscribe the agent's topic, HEAD it before reuse, and
// when to renew it before it expires. Genesys allows 20 channels per user and app (the 21st
// evicts the oldest), so a channel is reused after a plain drop and re-created only on a 404,
// a socket_closing, an account switch or its coming expiry.
// https://developer.genesys.cloud/notificationsalerts/notifications/

import { transient, withRetries } from '../../shared/retry';
import { GenesysError, type TopicList } from '../genesys';
import { explainError } from './errors';
import type { ChannelInfo, EventStreamApi } from './types';

export type { ChannelInfo } from './types';

export const messagesTopic = (userId: string) => `v2.users.${userId}.conversations.messages`;
/** The user's conversations (ConversationEventTopicConversation): keeps their list current. */
export const conversationsTopic = (userId: string) => `v2.users.${userId}.conversations`;

/** Past its renewal time: the next connect makes a new channel instead. */
export const expiring = (ch: ChannelInfo, now: number) =>
  ch.renewAt !== undefined && now >= ch.renewAt;

/** Renew `renewBeforeMs` before `expires`, but never earlier than 10% of the channel's life. */
export function renewAt(expires: string | undefined, now: number, renewBeforeMs: number) {
  const at = expires ? Date.parse(expires) : Number.NaN;
  if (!Number.isFinite(at)) return undefined;
  const margin = Math.min(renewBeforeMs, (at - now) / 10);
  return at - Math.max(0, margin);
}

export interface ChannelOptions {
  api: EventStreamApi;
  now: () => number;
  renewBeforeExpiryMs: number;
  log: (message: string) => void;
  /** Waits between subscription attempts (tests pass their own). */
  pause?: (ms: number) => Promise<void>;
}

/**
 * POST a channel and PUT the agent's topic on it. Undefined when `stale()` turns true on the way
 * (the attempt was abandoned); throws the subscription's refusal.
 */
export async function createChannel(
  o: ChannelOptions,
  userId: string,
  stale: () => boolean,
): Promise<ChannelInfo | undefined> {
  const created = await o.api.createChannel();
  if (stale()) return undefined;
  const topic = messagesTopic(userId);
  const list = conversationsTopic(userId);
  const topics = await subscribeOnce(o, created.id, [topic, list], stale);
  if (stale()) return undefined;
  const refusal = refused(topics, topic);
  if (refusal) throw refusal;
  // Without the list topic the list is read over REST, as before: no reason to fail the channel.
  const listRefusal = refused(topics, list);
  if (listRefusal) o.log(`list topic not subscribed: ${listRefusal.message}`);
  const ch: ChannelInfo = { id: created.id, connectUri: created.connectUri, userId };
  const at = renewAt(created.expires, o.now(), o.renewBeforeExpiryMs);
  if (at !== undefined) ch.renewAt = at;
  o.log(`channel ${ch.id} subscribed to ${topic}${listRefusal ? '' : ` and ${list}`}`);
  return ch;
}

/**
 * Pauses before the subscription's second and third PUT. A failed PUT is tried again on the same
 * channel: a new attempt would create another channel and leave this one alive, unused, until
 * it expires, and 20 per user and app is the limit (the 21st evicts the oldest).
 */
export const SUBSCRIBE_RETRY_DELAYS_MS = [250, 1_000] as const;

function subscribeOnce(
  o: ChannelOptions,
  channelId: string,
  topics: string[],
  stale: () => boolean,
): Promise<TopicList> {
  return withRetries(() => o.api.subscribe(channelId, topics), {
    delaysMs: SUBSCRIBE_RETRY_DELAYS_MS,
    retryable: (err) => transient(err) && !stale(),
    onRetry: (err) =>
      o.log(`subscribing ${channelId} failed (${String(err)}): trying the same channel again`),
    ...(o.pause ? { pause: o.pause } : {}),
  });
}

/** Why the channel's connectUri must not be opened, as the error that fails the attempt. */
export async function addressRefusal(
  check: (connectUri: string) => string | undefined | Promise<string | undefined>,
  ch: ChannelInfo,
) {
  const problem = await check(ch.connectUri);
  if (!problem) return undefined;
  return explainError(
    new GenesysError({ code: 'stream.address.refused', message: `${ch.id}: ${problem}` }),
    { channel: true },
  );
}

/** The subscription's refusal, explained; undefined when the topic is Permitted. */
export function refused(topics: TopicList, topic: string): GenesysError | undefined {
  const entry = topics.entities.find((e) => e.id === topic);
  if (entry && (entry.state ?? 'Permitted').toLowerCase() === 'permitted') return undefined;
  const why = [
    entry?.rejectionReason,
    entry?.missingPermissions?.length ? entry.missingPermissions.join(', ') : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return new GenesysError({
    code: 'notifications.rejected',
    message: `${topic}: ${entry ? (entry.state ?? 'Rejected') : 'not in the subscription'}${why ? ` (${why})` : ''}`,
  });
}
