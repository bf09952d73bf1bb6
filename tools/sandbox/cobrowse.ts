// Cobrowse sessions: the create call (Platform API and a company gateway's route), the
// guest-side read/end, offer delivery and expiry on real timers.
import { randomInt } from 'node:crypto';
import { requireScope, userOf } from './access';
import { ApiError, errors, missingPermissions } from './errors';
import { type Ctx, isRecord, type Route } from './http';
import {
  hasPermission,
  type MetadataEvent,
  opaqueToken,
  type SandboxConversation,
  type SandboxOrg,
  type SandboxSession,
  type TokenRecord,
} from './org';
import { newId } from './seed';
import { sessionBody } from './shapes';

export const COBROWSE_PERMISSIONS = ['conversation:cobrowse:add', 'conversation:cobrowseVoice:add'];
const MEDIA_PERMISSION = {
  message: 'conversation:cobrowse:add',
  call: 'conversation:cobrowseVoice:add',
} as const;
export const GATEWAY_SCOPE = 'cobrowse:session:create';

/** Which participant carries a CoBrowse event (unverified; see settings). */
function sideFor(org: SandboxOrg, subType: string): 'customer' | 'agent' {
  const where = org.settings.coBrowseEventParticipant;
  if (where !== 'split') return where;
  return subType === 'Offering' || subType === 'OfferingExpired' ? 'agent' : 'customer';
}

export function coBrowseEvent(
  org: SandboxOrg,
  conv: SandboxConversation,
  session: SandboxSession,
  subType: string,
): void {
  const event: MetadataEvent = {
    eventType: 'CoBrowse',
    subType,
    sessionId: session.id,
    sessionJoinToken: session.joinToken,
  };
  org.appendMessage(conv, sideFor(org, subType), { events: [event] });
}

/** The offer reaches the customer's Messenger. */
export function deliver(org: SandboxOrg, conv: SandboxConversation, session: SandboxSession): void {
  session.delivered = true;
  coBrowseEvent(org, conv, session, 'Offering');
}

/** Moves a session to a new state, noting when the customer joined or it stopped. */
export function setSessionState(session: SandboxSession, state: SandboxSession['state']): void {
  const at = new Date().toISOString();
  if (state === 'active') session.connectedAt = at;
  else if (state !== 'offered') session.endedAt = at;
  session.state = state;
}

function expire(org: SandboxOrg, session: SandboxSession): void {
  if (session.state !== 'offered') return;
  setSessionState(session, 'expired');
  const conv = org.conversations.get(session.conversationId);
  if (conv && session.communicationType === 'Message' && conv.state === 'connected')
    coBrowseEvent(org, conv, session, 'OfferingExpired');
  else org.touch();
}

export function pendingSessionOf(org: SandboxOrg, userId: string): SandboxSession | undefined {
  return [...org.sessions.values()].find(
    (s) => s.userId === userId && (s.state === 'offered' || s.state === 'active'),
  );
}

/** The most recent session of a conversation. */
export function latestSession(org: SandboxOrg, conversationId: string): SandboxSession | undefined {
  return [...org.sessions.values()].filter((s) => s.conversationId === conversationId).at(-1);
}

/** The checks of POST /api/v2/conversations/{id}/cobrowse, in the order the API applies them. */
export function createSession(
  org: SandboxOrg,
  token: TokenRecord,
  conversationId: string | undefined,
  via: SandboxSession['via'],
): SandboxSession {
  const user = userOf(org, token);
  if (!COBROWSE_PERMISSIONS.some((p) => hasPermission(user.permissions, p)))
    throw errors.missingAnyPermissions(COBROWSE_PERMISSIONS);
  const conv = conversationId ? org.conversations.get(conversationId) : undefined;
  if (!conv) throw errors.notFound(`Conversation ${conversationId}`);
  if (conv.userId !== user.id || conv.state !== 'connected')
    throw errors.badRequest(`The user is not a connected agent on conversation ${conv.id}`);
  if (conv.media !== 'message' && conv.media !== 'call')
    throw errors.badRequest(
      `Cobrowse is not supported for this conversation's media type (${conv.media === 'chat' ? 'chat' : 'email'})`,
    );
  const needed = MEDIA_PERMISSION[conv.media];
  if (!hasPermission(user.permissions, needed)) throw missingPermissions([needed]);
  if (org.settings.conflictOnPendingSession && pendingSessionOf(org, user.id))
    throw errors.conflict('The user already has a pending or active cobrowse session');

  return openSession(org, conv, via);
}

/** A new offered session on the conversation, for its agent: delivered when the Messenger is online. */
export function openSession(
  org: SandboxOrg,
  conv: SandboxConversation,
  via: SandboxSession['via'],
): SandboxSession {
  const now = Date.now();
  const session: SandboxSession = {
    id: newId(),
    joinCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    joinToken: opaqueToken(24),
    conversationId: conv.id,
    userId: conv.userId,
    deploymentId: conv.deploymentId,
    communicationType: conv.media === 'message' ? 'Message' : 'Call',
    createdAt: new Date(now).toISOString(),
    dateOfferEnds: new Date(now + org.settings.offerTtlSeconds * 1000).toISOString(),
    state: 'offered',
    delivered: false,
    via,
  };
  org.sessions.set(session.id, session);
  org.later(org.settings.offerTtlSeconds * 1000, () => expire(org, session));
  // The race where the agent starts before the Messenger listens: an offer made while the Messenger is offline is lost.
  if (conv.media === 'message' && conv.customerOnline) deliver(org, conv, session);
  else org.touch();
  return session;
}

function validateGatewayBody(body: unknown, allowed: readonly string[]): void {
  if (!isRecord(body)) throw errors.badRequest('Invalid request body');
  const details: { errorCode: string; fieldName: string }[] = [];
  if (body.type !== 'cobrowse') details.push({ errorCode: 'invalid.value', fieldName: 'type' });
  if (body.initiatorType !== 'agent')
    details.push({ errorCode: 'invalid.value', fieldName: 'initiatorType' });
  if (!Array.isArray(body.capabilities) || body.capabilities.length === 0)
    details.push({ errorCode: 'invalid.value', fieldName: 'capabilities' });
  else
    body.capabilities.forEach((c, i) => {
      if (typeof c !== 'string' || !allowed.includes(c))
        details.push({ errorCode: 'invalid.value', fieldName: `capabilities[${i}]` });
    });
  if (details.length)
    throw new ApiError(400, 'invalid.value', 'The request body is not valid', { details });
}

/**
 * The guest route's session. `anyState` (the GET under the voice assumptions "none" and
 * "conversation"): any session it ever made answers, so the answer says nothing of its state.
 */
function findGuestSession(org: SandboxOrg, ctx: Ctx, anyState = false): SandboxSession {
  const key = ctx.params.sessionIdOrJoinCode;
  const session = [...org.sessions.values()].find(
    (s) =>
      (s.id === key || s.joinCode === key) &&
      s.deploymentId === ctx.params.deploymentId &&
      (anyState || s.state === 'offered' || s.state === 'active'),
  );
  if (!session) throw errors.notFound(`Cobrowse session ${key}`);
  return session;
}

export function cobrowseRoutes(org: SandboxOrg): Route[] {
  const guest = '/api/v2/webdeployments/deployments/{deploymentId}/cobrowse/{sessionIdOrJoinCode}';
  return [
    {
      // An endpoint passed around as a way to start cobrowse: not a Platform API operation.
      method: 'POST',
      template: '/api/v2/conversations/cobrowse/sessions',
      kind: 'api',
      auth: true,
      handler: () => {
        throw errors.badRequest('Invalid request body');
      },
    },
    {
      // A company's own gateway in front of Genesys (the thread's second request).
      method: 'POST',
      template: '/api/v2/conversations/webchat/{conversationId}/cobrowse',
      kind: 'api',
      auth: true,
      handler: async (ctx) => {
        const token = requireScope(ctx, GATEWAY_SCOPE);
        validateGatewayBody(await ctx.body(), org.settings.gatewayCapabilities);
        const session = createSession(org, token, ctx.params.conversationId, 'gateway');
        return { json: sessionBody(session, ctx.wsBase, org.settings.deploymentIdPlace) };
      },
    },
    {
      method: 'POST',
      template: '/api/v2/conversations/{conversationId}/cobrowse',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        const token = requireScope(ctx, 'conversations');
        const session = createSession(org, token, ctx.params.conversationId, 'platform');
        return { json: sessionBody(session, ctx.wsBase, org.settings.deploymentIdPlace) };
      },
    },
    {
      method: 'GET',
      template: guest,
      kind: 'api',
      handler: (ctx) => {
        const anyState = org.settings.voiceSignal !== 'guest-route';
        return {
          json: sessionBody(
            findGuestSession(org, ctx, anyState),
            ctx.wsBase,
            org.settings.deploymentIdPlace,
          ),
        };
      },
    },
    {
      method: 'DELETE',
      template: guest,
      kind: 'api',
      handler: (ctx) => {
        const session = findGuestSession(org, ctx);
        setSessionState(session, 'ended');
        session.endedBy = 'agent';
        org.touch();
        return { status: 204 };
      },
    },
  ];
}
