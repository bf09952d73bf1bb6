// Response builders. Their return types are inferred on purpose: test/types/sandbox-shapes.test-d.ts
// checks them against purecloud-platform-client-v2's Models, so a drift fails the typecheck.
import type {
  ConversationMessage,
  MetadataEvent,
  SandboxConversation,
  SandboxOrg,
  SandboxSession,
  TokenRecord,
} from './org';
import type { SeedUser } from './seed';
import { SEED } from './seed';
import type { DeploymentIdPlace } from './settings';

type Side = 'customer' | 'acd' | 'agent';
const sides: Side[] = ['customer', 'acd', 'agent'];

const provider = {
  message: 'PureCloud Webmessaging',
  call: 'Edge',
  chat: 'PureCloud Webchat',
  email: 'PureCloud Email',
};

function commState(conv: SandboxConversation, side: Side) {
  return side === 'acd' || conv.state === 'disconnected' ? 'disconnected' : 'connected';
}

function acdEnd(conv: SandboxConversation) {
  return new Date(Date.parse(conv.startTime) + 20_000).toISOString();
}

function metadata(events: MetadataEvent[] | undefined) {
  return events
    ? { type: 'Event', events: events.map((e) => ({ eventType: e.eventType, subType: e.subType })) }
    : undefined;
}

export function messageUri(conv: SandboxConversation, m: ConversationMessage) {
  return `/api/v2/conversations/messages/${conv.id}/messages/${m.id}`;
}

/** REST MessageDetails: participants[].messages[] (MessageConversation) or .messages[].messages[] (Conversation). */
function messageDetails(conv: SandboxConversation, m: ConversationMessage) {
  const meta = metadata(m.events);
  return {
    messageId: m.id,
    messageURI: messageUri(conv, m),
    messageStatus: m.side === 'customer' ? 'received' : 'sent',
    messageSegmentCount: 1,
    messageTime: m.time,
    ...(meta ? { messageMetadata: meta } : {}),
  };
}

function detailsFor(conv: SandboxConversation, side: Side) {
  return conv.messages.filter((m) => m.side === side).map((m) => messageDetails(conv, m));
}

function participantBase(org: SandboxOrg, conv: SandboxConversation, side: Side) {
  const agent = org.users.get(conv.userId);
  const ended = conv.state === 'disconnected' ? { endTime: conv.endTime } : {};
  const common = {
    id: conv.participantIds[side],
    startTime: conv.startTime,
    wrapupRequired: side === 'agent',
    mediaRoles: [] as string[],
    attributes: {} as Record<string, string>,
  };
  if (side === 'customer')
    return {
      ...common,
      ...ended,
      connectedTime: conv.startTime,
      name: conv.customerName,
      purpose: 'customer',
      participantType: 'External',
      address: conv.customerAddress,
      ...(conv.media === 'call' ? { ani: conv.customerAddress, dnis: 'tel:+18005550100' } : {}),
    };
  if (side === 'acd')
    return {
      ...common,
      endTime: acdEnd(conv),
      connectedTime: conv.startTime,
      name: conv.queue.name,
      purpose: 'acd',
      participantType: 'Internal',
      queueId: conv.queue.id,
      queueName: conv.queue.name,
    };
  return {
    ...common,
    ...ended,
    connectedTime: acdEnd(conv),
    name: agent?.name ?? 'Agent',
    userId: conv.userId,
    userUri: `/api/v2/users/${conv.userId}`,
    purpose: 'agent',
    participantType: 'Internal',
    queueId: conv.queue.id,
    queueName: conv.queue.name,
  };
}

function communication(conv: SandboxConversation, side: Side) {
  const state = commState(conv, side);
  const base = {
    state,
    initialState: side === 'agent' ? 'alerting' : 'connected',
    id: conv.communicationIds[side],
    direction: 'inbound',
    held: false,
    provider: provider[conv.media],
    connectedTime: side === 'agent' ? acdEnd(conv) : conv.startTime,
    ...(state === 'disconnected'
      ? {
          disconnectedTime: side === 'acd' ? acdEnd(conv) : conv.endTime,
          disconnectType: side === 'acd' ? 'transfer' : 'peer',
        }
      : {}),
  };
  switch (conv.media) {
    case 'message':
      return {
        messages: [
          {
            ...base,
            type: 'webmessaging',
            toAddress: { name: 'Sandbox Outfitters website' },
            fromAddress: { name: conv.customerName },
            messages: side === 'acd' ? [] : detailsFor(conv, side),
          },
        ],
      };
    case 'call':
      return {
        calls: [
          {
            ...base,
            recording: false,
            recordingState: 'none',
            muted: false,
            confined: false,
            self: {
              addressNormalized: side === 'customer' ? conv.customerAddress : 'tel:+18005550100',
            },
            other: {
              addressNormalized: side === 'customer' ? 'tel:+18005550100' : conv.customerAddress,
            },
          },
        ],
      };
    case 'chat':
      return {
        chats: [{ ...base, roomId: `${conv.id}@conference.sandbox-outfitters.orgspan.com` }],
      };
    case 'email':
      return {
        emails: [{ ...base, subject: 'Re: Order #48213 — delivery address', messagesSent: 1 }],
      };
  }
}

/**
 * Participant.cobrowsesessions (Models.Cobrowsesession) of a voice conversation's customer, under
 * the voice assumption "conversation": each session of the call as alerting (offered), connected
 * (the caller joined) or disconnected (over).
 */
function voiceCobrowseSessions(org: SandboxOrg, conv: SandboxConversation) {
  if (org.settings.voiceSignal !== 'conversation' || conv.media !== 'call') return {};
  const sessions = [...org.sessions.values()].filter((s) => s.conversationId === conv.id);
  if (sessions.length === 0) return {};
  return {
    cobrowsesessions: sessions.map(cobrowsesessionBody),
  };
}

/** One session as Models.Cobrowsesession: alerting (offered), connected (joined) or disconnected. */
export function cobrowsesessionBody(s: SandboxSession) {
  return {
    id: `${s.id}-participant`,
    state: s.state === 'offered' ? 'alerting' : s.state === 'active' ? 'connected' : 'disconnected',
    initialState: 'alerting',
    cobrowseSessionId: s.id,
    cobrowseRole: 'sharer',
    provider: 'Genesys Cobrowse',
    startAlertingTime: s.createdAt,
    ...(s.connectedAt ? { connectedTime: s.connectedAt } : {}),
    ...(s.endedAt ? { disconnectedTime: s.endedAt } : {}),
  };
}

/** GET /api/v2/conversations/{id} → Models.Conversation */
export function conversationBody(org: SandboxOrg, conv: SandboxConversation) {
  return {
    id: conv.id,
    startTime: conv.startTime,
    ...(conv.endTime ? { endTime: conv.endTime } : {}),
    participants: sides.map((side) => ({
      ...participantBase(org, conv, side),
      ...communication(conv, side),
      ...(side === 'customer' ? voiceCobrowseSessions(org, conv) : {}),
    })),
    recordingState: 'none',
    state: conv.state,
    divisions: [
      {
        division: { id: SEED.division.id, name: SEED.division.name, selfUri: divisionUri() },
        entities: [{ id: conv.queue.id, selfUri: `/api/v2/routing/queues/${conv.queue.id}` }],
      },
    ],
    securePause: false,
    selfUri: `/api/v2/conversations/${conv.id}`,
  };
}

/** GET /api/v2/conversations → Models.ConversationEntityListing */
export function conversationListing(org: SandboxOrg, convs: SandboxConversation[]) {
  return {
    entities: convs.map((c) => conversationBody(org, c)),
    pageSize: 25,
    pageNumber: 1,
    total: convs.length,
    pageCount: 1,
    firstUri: '/api/v2/conversations?pageSize=25&pageNumber=1',
    lastUri: '/api/v2/conversations?pageSize=25&pageNumber=1',
    selfUri: '/api/v2/conversations?pageSize=25&pageNumber=1',
  };
}

function messageParticipant(org: SandboxOrg, conv: SandboxConversation, side: Side) {
  const p = participantBase(org, conv, side);
  const agent = org.users.get(conv.userId);
  const state = commState(conv, side);
  return {
    id: p.id,
    name: p.name,
    address: 'address' in p ? p.address : undefined,
    startTime: p.startTime,
    connectedTime: p.connectedTime,
    ...('endTime' in p && p.endTime ? { endTime: p.endTime } : {}),
    purpose: p.purpose,
    state,
    direction: 'inbound',
    held: false,
    wrapupRequired: p.wrapupRequired,
    ...(side === 'agent'
      ? { user: { id: conv.userId, name: agent?.name, selfUri: `/api/v2/users/${conv.userId}` } }
      : {}),
    ...(side !== 'customer'
      ? {
          queue: {
            id: conv.queue.id,
            name: conv.queue.name,
            selfUri: `/api/v2/routing/queues/${conv.queue.id}`,
          },
        }
      : {}),
    provider: provider.message,
    type: 'webmessaging',
    toAddress: { name: 'Sandbox Outfitters website' },
    fromAddress: { name: conv.customerName },
    messages: side === 'acd' ? [] : detailsFor(conv, side),
  };
}

/** GET /api/v2/conversations/messages/{id} → Models.MessageConversation */
export function messageConversationBody(org: SandboxOrg, conv: SandboxConversation) {
  return {
    id: conv.id,
    participants: sides.map((side) => messageParticipant(org, conv, side)),
    otherMediaUris: [] as string[],
    divisions: [
      {
        division: { id: SEED.division.id, name: SEED.division.name, selfUri: divisionUri() },
        entities: [{ id: conv.queue.id }],
      },
    ],
    selfUri: `/api/v2/conversations/messages/${conv.id}`,
  };
}

function normalizedEvent(e: MetadataEvent) {
  return e.eventType === 'CoBrowse'
    ? {
        eventType: 'CoBrowse',
        coBrowse: {
          type: e.subType,
          ...(e.sessionId ? { sessionId: e.sessionId } : {}),
          ...(e.sessionJoinToken ? { sessionJoinToken: e.sessionJoinToken } : {}),
        },
      }
    : { eventType: 'Presence', presence: { type: e.subType } };
}

/** GET /api/v2/conversations/messages/{cid}/messages/{mid} → Models.MessageData */
export function messageDataBody(conv: SandboxConversation, m: ConversationMessage) {
  const inbound = m.side === 'customer';
  const customer = {
    id: conv.communicationIds.customer,
    idType: 'Opaque',
    nickname: conv.customerName,
  };
  const business = { id: SEED.deploymentId, idType: 'Opaque' };
  return {
    id: m.id,
    timestamp: m.time,
    direction: inbound ? 'inbound' : 'outbound',
    messengerType: 'web',
    status: inbound ? 'received' : 'sent',
    fromAddress: inbound ? conv.communicationIds.customer : SEED.deploymentId,
    toAddress: inbound ? SEED.deploymentId : conv.communicationIds.customer,
    conversationId: conv.id,
    normalizedMessage: {
      id: m.id,
      type: m.events ? 'Event' : 'Text',
      ...(m.text ? { text: m.text } : {}),
      ...(m.events ? { events: m.events.map(normalizedEvent) } : {}),
      direction: inbound ? 'Inbound' : 'Outbound',
      channel: {
        id: conv.deploymentId,
        platform: 'Webmessaging',
        type: 'Private',
        messageId: m.id,
        time: m.time,
        from: inbound ? customer : business,
        to: inbound ? business : customer,
      },
    },
    selfUri: messageUri(conv, m),
  };
}

/**
 * eventBody of a `v2.users.{id}.conversations.messages` frame →
 * Models.ConversationMessageEventTopicMessageConversation. Each participant lists only the
 * messages this change added (the frame is about what just happened, not the history).
 */
export function messageTopicBody(
  org: SandboxOrg,
  conv: SandboxConversation,
  added: ConversationMessage[],
) {
  return {
    id: conv.id,
    participants: sides.map((side) => {
      const p = messageParticipant(org, conv, side);
      return {
        id: p.id,
        name: p.name,
        address: p.address,
        startTime: p.startTime,
        connectedTime: p.connectedTime,
        ...(p.endTime ? { endTime: p.endTime } : {}),
        purpose: p.purpose,
        state: p.state,
        initialState: side === 'agent' ? 'alerting' : 'connected',
        direction: p.direction,
        held: p.held,
        wrapupRequired: p.wrapupRequired,
        ...(p.user ? { user: { id: p.user.id, name: p.user.name } } : {}),
        ...(p.queue ? { queue: { id: p.queue.id, name: p.queue.name } } : {}),
        provider: p.provider,
        type: p.type,
        messages: added
          .filter((m) => m.side === side)
          .map((m) => {
            const meta = metadata(m.events);
            return {
              message: { id: m.id },
              messageTime: m.time,
              messageSegmentCount: 1,
              messageStatus: m.side === 'customer' ? 'received' : 'sent',
              ...(meta ? { messageMetadata: meta } : {}),
            };
          }),
      };
    }),
    otherMediaUris: [] as string[],
    divisions: [{ division: { id: SEED.division.id }, entities: [{ id: conv.queue.id }] }],
  };
}

/**
 * POST /api/v2/conversations/{id}/cobrowse → Models.CobrowseWebMessagingSession. Where the
 * deployment id shows is the unverified `deploymentIdPlace`: under "messageChannel" neither
 * selfUri nor websocketUrl names it.
 */
export function sessionBody(session: SandboxSession, wsBase: string, place: DeploymentIdPlace) {
  const inSelfUri = place === 'selfUri';
  return {
    id: session.id,
    name: `Cobrowse ${session.joinCode}`,
    joinCode: session.joinCode,
    websocketUrl: inSelfUri
      ? `${wsBase}/cobrowse/${session.deploymentId}/${session.id}`
      : `${wsBase}/cobrowse/${session.id}`,
    dateOfferEnds: session.dateOfferEnds,
    communicationType: session.communicationType,
    selfUri: inSelfUri
      ? `/api/v2/webdeployments/deployments/${session.deploymentId}/cobrowse/${session.id}`
      : `/api/v2/conversations/${session.conversationId}/cobrowse/${session.id}`,
  };
}

/** GET /api/v2/tokens/me → Models.TokenInfo */
export function tokenInfoBody(org: SandboxOrg, token: TokenRecord) {
  const client = org.clients.get(token.clientId);
  const organization = { id: SEED.org.id, name: SEED.org.name };
  return {
    organization,
    homeOrganization: organization,
    authorizedScope: [...token.scopes],
    dateTokenIdles: new Date(token.expiresAt).toISOString(),
    OAuthClient: {
      id: token.clientId,
      name: client?.name ?? 'unknown',
      authorizedGrantType: 'CODE',
      organization,
    },
  };
}

function divisionUri() {
  return `/api/v2/authorization/divisions/${SEED.division.id}`;
}

/** GET /api/v2/users/me[?expand=authorization] → Models.UserMe */
export function userMeBody(user: SeedUser, expand: string[]) {
  return {
    id: user.id,
    name: user.name,
    division: { id: SEED.division.id, name: SEED.division.name, selfUri: divisionUri() },
    chat: { jabberId: `${user.id.slice(0, 8)}@sandbox-outfitters.orgspan.com` },
    department: user.department,
    email: user.email,
    state: 'active',
    title: user.title,
    username: user.email,
    version: 3,
    acdAutoAnswer: false,
    ...(expand.includes('authorization')
      ? {
          authorization: {
            roles: [{ id: `${user.id.slice(0, 24)}role00000000`, name: 'Sandbox agent' }],
            unusedRoles: [] as never[],
            permissions: [...user.permissions],
            permissionPolicies: [] as never[],
          },
        }
      : {}),
    ...(expand.includes('organization')
      ? {
          organization: {
            id: SEED.org.id,
            name: SEED.org.name,
            thirdPartyOrgName: SEED.org.thirdPartyOrgName,
            version: 1,
            state: 'active',
          },
        }
      : {}),
    selfUri: `/api/v2/users/${user.id}`,
  };
}

/** POST /api/v2/notifications/channels → Models.Channel */
export function channelBody(channel: { id: string; connectUri: string; expiresAt: number }) {
  return {
    id: channel.id,
    connectUri: channel.connectUri,
    expires: new Date(channel.expiresAt).toISOString(),
  };
}

export interface TopicState {
  id: string;
  state: 'Permitted' | 'Rejected';
  rejectionReason?: string;
}

/** Subscriptions → Models.ChannelTopicEntityListing */
export function channelTopicsBody(topics: TopicState[]) {
  return {
    entities: topics.map((t) => ({
      id: t.id,
      state: t.state,
      ...(t.rejectionReason ? { rejectionReason: t.rejectionReason } : {}),
    })),
  };
}
