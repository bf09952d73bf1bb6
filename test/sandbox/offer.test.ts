// The offer lifecycle as the agent sees it: REST and notification frames for accept, decline,
// expiry and the offline→online race; voice without events.
import { describe, expect, it } from 'vitest';
import { type Sandbox, SEED } from '../../tools/sandbox/index';
import { call, frameEvents, isTopic, subscribe, useSandbox } from './testkit';

const agent = SEED.users.agent;
const conv = SEED.conversations.agent;
const topic = `v2.users.${agent}.conversations.messages`;
const isCoBrowse = (subType: string) => (f: Parameters<typeof frameEvents>[0]) =>
  f.topicName === topic &&
  frameEvents(f).some((e) => e.eventType === 'CoBrowse' && e.subType === subType);
const isPresence = (subType: string) => (f: Parameters<typeof frameEvents>[0]) =>
  f.topicName === topic &&
  frameEvents(f).some((e) => e.eventType === 'Presence' && e.subType === subType);

/** The agent's token and a socket subscribed to the agent's messaging topic. */
async function watchAsAgent(s: Sandbox) {
  const token = s.issueToken();
  return { token, socket: await subscribe(s, token, agent) };
}

/** The agent's cobrowse POST for one conversation. */
const offer = <T = unknown>(s: Sandbox, token: string, conversationId: string) =>
  call<T>(s, 'POST', `/api/v2/conversations/${conversationId}/cobrowse`, { token });

describe('web messaging offer lifecycle', () => {
  const sandbox = useSandbox({ offerTtlSeconds: 120 });

  it('online customer: Offering is delivered, accept → OfferingAccepted, the session is active', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    const created = await offer<{ id: string }>(s, token, conv.messagingOnline);
    const offering = await socket.next(isCoBrowse('Offering'));
    expect(offering).toMatchObject({
      topicName: topic,
      version: '2',
      eventBody: { id: conv.messagingOnline },
    });
    expect(offering.metadata?.CorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(frameEvents(offering)).toEqual([
      { eventType: 'CoBrowse', subType: 'Offering', participant: 'agent' },
    ]);

    s.customer(conv.messagingOnline, 'accept');
    const accepted = await socket.next(isCoBrowse('OfferingAccepted'));
    expect(frameEvents(accepted)).toEqual([
      { eventType: 'CoBrowse', subType: 'OfferingAccepted', participant: 'customer' },
    ]);
    expect(s.sessions().find((x) => x.id === created.body.id)?.state).toBe('active');

    // REST shows the same events under participants[].messages[].messageMetadata, and the full
    // event (sessionId + sessionJoinToken) on the message itself.
    const rest = await call<{
      participants: {
        messages: { messageId: string; messageMetadata?: { events: { subType: string }[] } }[];
      }[];
    }>(s, 'GET', `/api/v2/conversations/messages/${conv.messagingOnline}`, { token });
    const all = rest.body.participants.flatMap((p) => p.messages);
    const subTypes = all.flatMap((m) => m.messageMetadata?.events.map((e) => e.subType) ?? []);
    expect(subTypes).toEqual(expect.arrayContaining(['Offering', 'OfferingAccepted']));
    const offerMessage = all.find((m) =>
      m.messageMetadata?.events.some((e) => e.subType === 'Offering'),
    );
    const full = await call(
      s,
      'GET',
      `/api/v2/conversations/messages/${conv.messagingOnline}/messages/${offerMessage?.messageId}`,
      {
        token,
      },
    );
    expect(full.body.normalizedMessage).toMatchObject({
      events: [
        { eventType: 'CoBrowse', coBrowse: { type: 'Offering', sessionId: created.body.id } },
      ],
    });
    socket.close();
  });

  it('decline → OfferingRejected; accepting afterwards is refused', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    await offer(s, token, conv.messagingOnline);
    await socket.next(isCoBrowse('Offering'));
    s.customer(conv.messagingOnline, 'decline');
    const rejected = await socket.next(isCoBrowse('OfferingRejected'));
    expect(frameEvents(rejected)[0]?.participant).toBe('customer');
    expect(s.sessions()[0]?.state).toBe('declined');
    expect(() => s.customer(conv.messagingOnline, 'accept')).toThrow(/declined, not offered/);
    socket.close();
  });

  it('the customer going offline and online shows as Presence Disconnect / Join frames', async () => {
    const s = sandbox.current;
    const { socket } = await watchAsAgent(s);
    s.customer(conv.messagingOnline, 'go-offline');
    const gone = await socket.next(isTopic(topic));
    expect(frameEvents(gone)).toEqual([
      { eventType: 'Presence', subType: 'Disconnect', participant: 'customer' },
    ]);
    s.customer(conv.messagingOnline, 'go-online');
    const back = await socket.next(isTopic(topic));
    expect(frameEvents(back)).toEqual([
      { eventType: 'Presence', subType: 'Join', participant: 'customer' },
    ]);
    socket.close();
  });

  it('offline customer: the offer is not delivered, not redelivered on Join, and cannot be accepted', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    const created = await offer(s, token, conv.messagingOffline);
    expect(created.status).toBe(200);
    s.customer(conv.messagingOffline, 'go-online');
    // Frames arrive in order: the first after the POST is the Join, so no Offering went out.
    const first = await socket.next(isTopic(topic));
    expect(frameEvents(first)).toEqual([
      { eventType: 'Presence', subType: 'Join', participant: 'customer' },
    ]);
    expect(s.sessions()[0]).toMatchObject({ state: 'offered', delivered: false });
    expect(() => s.customer(conv.messagingOffline, 'accept')).toThrow(/never reached/);
    socket.close();
  });

  it('with redeliverOfferOnJoin, the pending offer is delivered when the customer comes back', async () => {
    const s = sandbox.current;
    s.settings({ redeliverOfferOnJoin: true });
    const { token, socket } = await watchAsAgent(s);
    await offer(s, token, conv.messagingOffline);
    s.customer(conv.messagingOffline, 'go-online');
    await socket.next(isPresence('Join'));
    await socket.next(isCoBrowse('Offering'));
    s.customer(conv.messagingOffline, 'accept');
    await socket.next(isCoBrowse('OfferingAccepted'));
    socket.close();
  });

  it('coBrowseEventParticipant moves CoBrowse events to one participant', async () => {
    const s = sandbox.current;
    s.settings({ coBrowseEventParticipant: 'customer' });
    const { token, socket } = await watchAsAgent(s);
    await offer(s, token, conv.messagingOnline);
    const offering = await socket.next(isCoBrowse('Offering'));
    expect(frameEvents(offering)[0]?.participant).toBe('customer');
    socket.close();
  });

  it('the customer ending the conversation sends a frame with everyone disconnected and ends the session', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    await offer(s, token, conv.messagingOnline);
    await socket.next(isCoBrowse('Offering'));
    s.customer(conv.messagingOnline, 'end');
    const ended = await socket.next(isTopic(topic));
    const states = (ended.eventBody.participants as { purpose: string; state: string }[]).map(
      (p) => p.state,
    );
    expect(states).toEqual(['disconnected', 'disconnected', 'disconnected']);
    expect(s.sessions()[0]).toMatchObject({ state: 'ended', endedBy: 'conversation' });
    expect(() => s.customer(conv.messagingOnline, 'accept')).toThrow(/ended/);
    socket.close();
  });
});

describe('offer expiry (real timers)', () => {
  const sandbox = useSandbox({ offerTtlSeconds: 0.2 });

  it('an unanswered offer ends with OfferingExpired; accepting after expiry fails with offer.expired', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    const created = await offer<{ id: string }>(s, token, conv.messagingOnline);
    await socket.next(isCoBrowse('Offering'));
    const expired = await socket.next(isCoBrowse('OfferingExpired'));
    expect(frameEvents(expired)[0]?.participant).toBe('agent');
    expect(s.sessions()[0]?.state).toBe('expired');
    const answer = await call(
      s,
      'POST',
      `/sandbox/conversations/${conv.messagingOnline}/customer`,
      {
        json: { action: 'accept' },
      },
    );
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'offer.expired' });
    const guest = await call(
      s,
      'GET',
      `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${created.body.id}`,
    );
    expect(guest.status).toBe(404);
    // An expired offer no longer blocks a new one.
    expect((await offer(s, token, conv.messagingOnline)).status).toBe(200);
    socket.close();
  });

  it('an offer made while offline expires without ever being offered', async () => {
    const s = sandbox.current;
    const { token, socket } = await watchAsAgent(s);
    await offer(s, token, conv.messagingOffline);
    const first = await socket.next(isTopic(topic));
    expect(frameEvents(first)).toEqual([
      { eventType: 'CoBrowse', subType: 'OfferingExpired', participant: 'agent' },
    ]);
    socket.close();
  });

  it('voice: no events; the code is accepted by the customer typing it, or it expires', async () => {
    const s = sandbox.current;
    s.settings({ offerTtlSeconds: 120 });
    const token = s.issueToken();
    await offer(s, token, conv.voice);
    s.customer(conv.voice, 'accept');
    expect(s.sessions()[0]?.state).toBe('active');
    expect(() => s.customer(conv.voice, 'decline')).toThrow(/web messaging/);
    s.customer(conv.voice, 'end-session');
    s.settings({ offerTtlSeconds: 0.1 });
    await offer(s, token, conv.voice);
    const expired = await s.waitFor(() => s.sessions().find((x) => x.state === 'expired'));
    expect(expired.communicationType).toBe('Call');
    // The agent's conversations never carried a CoBrowse event for the call.
    const messages = s.state().conversations.find((c) => c.id === conv.voice)?.messages;
    expect(messages).toEqual([]);
  });
});
