// Where a session's web deployment id is, for the guest routes (End's DELETE, the voice check's
// GET): which place Genesys fills is not documented. The create answer's selfUri when it is the
// guest route itself (end.ts reads it); else, for web messaging, a message's data: its
// `normalizedMessage.channel.id` names the deployment the Messenger talks through (SDK model
// ConversationMessagingChannel). A call has no message channel.
import type { LearnedFact } from '../../shared/learned';
import type { GenesysClient } from '../genesys';
import type { Runner } from './runner';

// Both ids go into a path of the API host: plain ids only (no dots, slashes or escapes).
const PLAIN_ID = /^[A-Za-z0-9-]{1,64}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The guest route of a session, when both ids are plain ids. */
export function guestRoute(deploymentId: string, sessionId: string): string | undefined {
  if (!PLAIN_ID.test(deploymentId) || !PLAIN_ID.test(sessionId)) return undefined;
  return `/api/v2/webdeployments/deployments/${deploymentId}/cobrowse/${sessionId}`;
}

/**
 * The message of a MessageConversation whose data to read: the newest one that carried a
 * CoBrowse event (the offer went through its deployment), else the newest of all.
 */
export function messageToRead(conversation: unknown): string | undefined {
  const found: { id: string; at: number; cobrowse: boolean }[] = [];
  const participants = isObj(conversation) ? conversation.participants : undefined;
  for (const p of Array.isArray(participants) ? participants : []) {
    const messages = isObj(p) ? p.messages : undefined;
    for (const m of Array.isArray(messages) ? messages : []) {
      if (!isObj(m)) continue;
      const id = str(m.messageId);
      if (!id || !PLAIN_ID.test(id)) continue;
      const at = Date.parse(str(m.messageTime) ?? '');
      const events = isObj(m.messageMetadata) ? m.messageMetadata.events : undefined;
      const cobrowse =
        Array.isArray(events) && events.some((e) => isObj(e) && e.eventType === 'CoBrowse');
      found.push({ id, at: Number.isFinite(at) ? at : 0, cobrowse });
    }
  }
  const newest = (list: typeof found) =>
    list.reduce<(typeof found)[number] | undefined>(
      (best, m) => (!best || m.at >= best.at ? m : best),
      undefined,
    );
  return (newest(found.filter((m) => m.cobrowse)) ?? newest(found))?.id;
}

/** `normalizedMessage.channel.id` of a MessageData answer, when it is a plain id. */
export function channelIdOf(data: unknown): string | undefined {
  const normalized = isObj(data) ? data.normalizedMessage : undefined;
  const channel = isObj(normalized) ? normalized.channel : undefined;
  const id = isObj(channel) ? str(channel.id) : undefined;
  return id && PLAIN_ID.test(id) ? id : undefined;
}

/** Two reads: the conversation's messages, then one message's data. */
export async function deploymentIdFromMessages(
  api: Pick<GenesysClient, 'getMessageConversation' | 'getMessageData'>,
  conversationId: string,
): Promise<string | undefined> {
  const messageId = messageToRead(await api.getMessageConversation(conversationId));
  if (!messageId) return undefined;
  return channelIdOf(await api.getMessageData(conversationId, messageId));
}

/**
 * A session's guest route when the create answer did not give it: for web messaging, from the
 * message channel (read only when asked, i.e. when End needs it). Notes where it was found.
 */
export function guestRouteFinder(deps: {
  runner: Pick<Runner, 'endPath' | 'snapshot'>;
  api: Pick<GenesysClient, 'getMessageConversation' | 'getMessageData'>;
  log: (message: string) => void;
  learn?: (fact: LearnedFact) => void;
}): (conversationId: string) => Promise<string | undefined> {
  return async (id) => {
    const known = deps.runner.endPath(id);
    const s = deps.runner.snapshot(id);
    if (known || !s?.sessionId || s.media !== 'message') return known;
    try {
      const deploymentId = await deploymentIdFromMessages(deps.api, id);
      const path = deploymentId ? guestRoute(deploymentId, s.sessionId) : undefined;
      const place = path ? 'messageChannel' : 'none';
      deps.learn?.({ kind: 'deploymentId', media: 'message', place });
      return path;
    } catch (err) {
      deps.log(`deployment id of ${id} not read: ${String(err)}`);
      return undefined;
    }
  };
}
