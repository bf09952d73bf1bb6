// The customer's side, played by tests and people: accept or decline the offer, the Messenger
// going offline/online, ending the cobrowse or the whole conversation.
import { coBrowseEvent, deliver, latestSession, setSessionState } from './cobrowse';
import { ApiError, errors } from './errors';
import type { SandboxConversation, SandboxOrg, SandboxSession } from './org';

export const CUSTOMER_ACTIONS = [
  'accept',
  'decline',
  'go-offline',
  'go-online',
  'end-session',
  'end',
] as const;
export type CustomerAction = (typeof CUSTOMER_ACTIONS)[number];

export interface CustomerResult {
  conversationId: string;
  customerOnline: boolean;
  conversationState: SandboxConversation['state'];
  session?: SandboxSession;
}

const refuse = (code: string, message: string) => new ApiError(409, code, message);

function pendingOffer(org: SandboxOrg, conv: SandboxConversation): SandboxSession {
  // The Messenger shows the live offer, even when a later session of the conversation has ended
  // (a second one made and ended while the first was out).
  const live = [...org.sessions.values()]
    .filter((s) => s.conversationId === conv.id && s.state === 'offered')
    .at(-1);
  if (live) return live;
  const session = latestSession(org, conv.id);
  if (!session) throw refuse('no.offer', 'There is no cobrowse offer for this conversation.');
  if (session.state === 'expired')
    throw refuse(
      'offer.expired',
      `The offer expired at ${session.dateOfferEnds}; the agent must start a new session.`,
    );
  if (session.state !== 'offered')
    throw refuse('offer.not.pending', `The latest session is ${session.state}, not offered.`);
  return session;
}

function requireMessaging(conv: SandboxConversation, action: string): void {
  if (conv.media !== 'message')
    throw new ApiError(
      400,
      'not.supported',
      `"${action}" applies to web messaging conversations only.`,
    );
}

export function customerAction(
  org: SandboxOrg,
  conversationId: string,
  action: string,
): CustomerResult {
  const conv = org.conversations.get(conversationId);
  if (!conv) throw errors.notFound(`Conversation ${conversationId}`);
  if (!(CUSTOMER_ACTIONS as readonly string[]).includes(action))
    throw new ApiError(
      400,
      'invalid.value',
      `action must be one of ${CUSTOMER_ACTIONS.join(', ')}`,
    );
  if (conv.state !== 'connected') throw refuse('conversation.ended', 'The conversation has ended.');
  let session: SandboxSession | undefined;

  switch (action as CustomerAction) {
    case 'accept': {
      session = pendingOffer(org, conv);
      if (conv.media === 'message') {
        if (!conv.customerOnline)
          throw refuse('customer.offline', "The customer's Messenger is offline.");
        if (!session.delivered)
          throw refuse(
            'offer.not.delivered',
            "This offer never reached the customer's Messenger (it was offline when the offer was made).",
          );
        setSessionState(session, 'active');
        coBrowseEvent(org, conv, session, 'OfferingAccepted');
      } else {
        // Voice: the customer typed the join code into the Messenger; the agent sees no event.
        setSessionState(session, 'active');
        org.touch();
      }
      break;
    }
    case 'decline': {
      requireMessaging(conv, action);
      session = pendingOffer(org, conv);
      if (!session.delivered)
        throw refuse('offer.not.delivered', "This offer never reached the customer's Messenger.");
      setSessionState(session, 'declined');
      coBrowseEvent(org, conv, session, 'OfferingRejected');
      break;
    }
    case 'go-offline':
      requireMessaging(conv, action);
      if (conv.customerOnline) {
        conv.customerOnline = false;
        org.appendMessage(conv, 'customer', {
          events: [{ eventType: 'Presence', subType: 'Disconnect' }],
        });
      }
      break;
    case 'go-online': {
      requireMessaging(conv, action);
      if (!conv.customerOnline) {
        conv.customerOnline = true;
        org.appendMessage(conv, 'customer', {
          events: [{ eventType: 'Presence', subType: 'Join' }],
        });
        const latest = latestSession(org, conv.id);
        if (org.settings.redeliverOfferOnJoin && latest?.state === 'offered' && !latest.delivered)
          deliver(org, conv, latest);
      }
      break;
    }
    case 'end-session': {
      session = latestSession(org, conv.id);
      if (!session || (session.state !== 'active' && session.state !== 'offered'))
        throw refuse('no.session', 'There is no pending or active cobrowse session to end.');
      setSessionState(session, 'ended');
      session.endedBy = 'customer';
      org.touch();
      break;
    }
    case 'end': {
      conv.state = 'disconnected';
      conv.endTime = new Date().toISOString();
      conv.customerOnline = false;
      for (const s of org.sessions.values())
        if (s.conversationId === conv.id && (s.state === 'offered' || s.state === 'active')) {
          setSessionState(s, 'ended');
          s.endedBy = 'conversation';
        }
      org.conversationChanged(conv);
      break;
    }
  }
  return {
    conversationId: conv.id,
    customerOnline: conv.customerOnline,
    conversationState: conv.state,
    ...(session ? { session } : {}),
  };
}
