// The eventBody of v2.users.{id}.conversations (Models.ConversationEventTopicConversation): the
// conversation with its participants and their media states, as Genesys pushes it when one of
// the user's conversations is created or changes. Built from the REST body, keeping only what
// the topic model declares (no startTime, state or selfUri; a message's details have no URI).
import type { SandboxConversation, SandboxOrg } from './org';
import { conversationBody } from './shapes';

type Media = {
  id: string;
  state: string;
  held: boolean;
  provider: string;
  connectedTime?: string;
  disconnectedTime?: string;
  disconnectType?: string;
  type?: string;
  messages?: (Record<string, unknown> & { messageURI?: string })[];
};

const mediaOf = (list: Media[] | undefined) =>
  list?.map((m) => ({
    id: m.id,
    state: m.state,
    held: m.held,
    provider: m.provider,
    ...(m.connectedTime ? { connectedTime: m.connectedTime } : {}),
    ...(m.disconnectedTime ? { disconnectedTime: m.disconnectedTime } : {}),
    ...(m.disconnectType ? { disconnectType: m.disconnectType } : {}),
  }));

/** Messages carry their type (webmessaging, sms…): the other media's topic models have none. */
const messagesOf = (list: Media[] | undefined) =>
  list?.map((m) => ({
    ...mediaOf([m])?.[0],
    ...(m.type ? { type: m.type } : {}),
    // Each message's details with its metadata events (Presence, CoBrowse); no messageURI here.
    messages: (m.messages ?? []).map(({ messageURI: _uri, ...details }) => details) as {
      messageId: string;
      messageStatus: string;
      messageSegmentCount: number;
      messageTime: string;
      messageMetadata?: { type?: string; events?: { eventType?: string; subType?: string }[] };
    }[],
  }));

export function conversationTopicBody(org: SandboxOrg, conv: SandboxConversation) {
  const rest = conversationBody(org, conv);
  return {
    id: rest.id,
    participants: rest.participants.map((p) => {
      const q = p as typeof p & {
        userId?: string;
        queueId?: string;
        address?: string;
        endTime?: string;
        calls?: Media[];
        messages?: Media[];
        chats?: Media[];
        emails?: Media[];
      };
      const media = {
        calls: mediaOf(q.calls),
        messages: messagesOf(q.messages),
        chats: mediaOf(q.chats),
        emails: mediaOf(q.emails),
      };
      return {
        id: q.id,
        purpose: q.purpose,
        name: q.name,
        connectedTime: q.connectedTime,
        wrapupRequired: q.wrapupRequired,
        ...(q.endTime ? { endTime: q.endTime } : {}),
        ...(q.userId ? { userId: q.userId } : {}),
        ...(q.queueId ? { queueId: q.queueId } : {}),
        ...(q.address ? { address: q.address } : {}),
        ...Object.fromEntries(Object.entries(media).filter(([, v]) => v !== undefined)),
      } as {
        id: string;
        purpose: string;
        name: string;
        connectedTime?: string;
        wrapupRequired: boolean;
        endTime?: string;
        userId?: string;
        queueId?: string;
        address?: string;
        calls?: ReturnType<typeof mediaOf>;
        messages?: ReturnType<typeof messagesOf>;
        chats?: ReturnType<typeof mediaOf>;
        emails?: ReturnType<typeof mediaOf>;
      };
    }),
    recordingState: rest.recordingState,
    securePause: rest.securePause,
  };
}
