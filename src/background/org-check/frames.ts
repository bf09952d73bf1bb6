// Pure: what the check reads from its own notification socket. Frames are untrusted JSON: every
// shape is checked and what does not fit is dropped.
import type { SeenEvent } from './findings';

export interface MessageEvent extends SeenEvent {
  kind: 'event';
  eventType: string;
  /** The carrying message's id (its details name the web deployment), when given. */
  messageId?: string;
}
export interface LegacySession {
  kind: 'legacy';
  cobrowseSessionId?: string;
  state?: string;
}
export type CheckFrame = MessageEvent | LegacySession;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

export const messagesTopic = (userId: string) => `v2.users.${userId}.conversations.messages`;
export const legacyTopic = (userId: string) => `v2.users.${userId}.conversations.cobrowseSessions`;

/** Metadata events (CoBrowse, Presence) of one conversation, with the participant carrying each. */
function messageEvents(body: Record<string, unknown>, conversationId: string): MessageEvent[] {
  if (body.id !== conversationId) return [];
  return list(body.participants).flatMap((p) => {
    if (!isRecord(p)) return [];
    const purpose = str(p.purpose) ?? 'unknown';
    return list(p.messages).flatMap((m) => {
      if (!isRecord(m) || !isRecord(m.messageMetadata)) return [];
      // Notification frames name the message as `message: {id}` (a URI reference); REST bodies
      // use `messageId`.
      const messageId = (isRecord(m.message) ? str(m.message.id) : undefined) ?? str(m.messageId);
      return list(m.messageMetadata.events).flatMap((e): MessageEvent[] => {
        if (!isRecord(e)) return [];
        const eventType = str(e.eventType);
        const subType = str(e.subType);
        if (!eventType || !subType) return [];
        return [
          { kind: 'event', eventType, subType, purpose, ...(messageId ? { messageId } : {}) },
        ];
      });
    });
  });
}

/** The frames of interest in one websocket message, for the test conversation and this user. */
export function readFrame(raw: unknown, userId: string, conversationId: string): CheckFrame[] {
  let frame: unknown;
  try {
    frame = JSON.parse(String(raw));
  } catch {
    return [];
  }
  if (!isRecord(frame) || !isRecord(frame.eventBody)) return [];
  const body = frame.eventBody;
  if (frame.topicName === messagesTopic(userId)) return messageEvents(body, conversationId);
  if (frame.topicName === legacyTopic(userId)) {
    const id = str(body.cobrowseSessionId);
    const state = str(body.state);
    return [
      { kind: 'legacy', ...(id ? { cobrowseSessionId: id } : {}), ...(state ? { state } : {}) },
    ];
  }
  return [];
}

/** Frames of the messages topic for another conversation (the voice one) are read by the caller. */
export const isEvent = (subTypes: string[]) => (f: CheckFrame) =>
  f.kind === 'event' && subTypes.includes(f.subType);
