import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import {
  lastPresence,
  parseConversation,
  parseFrame,
} from '../../../../src/background/cobrowse/events';

const ME = 'a0000000-0000-4000-8000-000000000001';
const CID = 'c0000000-0000-4000-8000-0000000000aa';

// Shaped by the SDK's notification model for v2.users.{id}.conversations.messages.
function notificationBody(
  customerMessages: Models.ConversationMessageEventTopicMessageDetails[],
  agentState = 'connected',
): Models.ConversationMessageEventTopicMessageConversation {
  return {
    id: CID,
    participants: [
      { id: 'p-cust', purpose: 'customer', state: 'connected', messages: customerMessages },
      {
        id: 'p-agent',
        purpose: 'agent',
        state: agentState,
        user: { id: ME },
        messages: [
          {
            message: { id: 'm-agent-1' },
            messageTime: '2026-01-01T10:00:05.000Z',
            messageMetadata: { events: [{ eventType: 'CoBrowse', subType: 'Offering' }] },
          },
        ],
      },
    ],
  };
}

const detail = (
  id: string,
  time: string,
  events: Models.ConversationMessageEventTopicMessageMetadataEvent[],
): Models.ConversationMessageEventTopicMessageDetails => ({
  message: { id },
  messageTime: time,
  messageMetadata: { type: 'Event', events },
});

const frame = (body: unknown, topic = `v2.users.${ME}.conversations.messages`) =>
  JSON.stringify({
    topicName: topic,
    version: '2',
    eventBody: body,
    metadata: { CorrelationId: 'x' },
  });

describe('parseFrame', () => {
  it('recognises heartbeats, pong and socket_closing', () => {
    expect(
      parseFrame('{"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}}'),
    ).toEqual({ kind: 'heartbeat' });
    expect(parseFrame({ topicName: 'channel.metadata', eventBody: { message: 'pong' } })).toEqual({
      kind: 'heartbeat',
    });
    expect(parseFrame({ topicName: 'v2.system.socket_closing', eventBody: {} })).toEqual({
      kind: 'socket-closing',
    });
  });

  it('reads CoBrowse and Presence events from every participant, oldest first', () => {
    const body = notificationBody([
      detail('m3', '2026-01-01T10:00:20.000Z', [
        { eventType: 'CoBrowse', subType: 'OfferingAccepted' },
      ]),
      detail('m1', '2026-01-01T10:00:01.000Z', [{ eventType: 'Presence', subType: 'Join' }]),
    ]);
    const r = parseFrame(frame(body));
    expect(r.kind).toBe('conversation');
    if (r.kind !== 'conversation') return;
    expect(r.userId).toBe(ME);
    expect(r.update.conversationId).toBe(CID);
    expect(r.update.events).toEqual([
      {
        type: 'presence',
        subType: 'Join',
        key: 'm1:Presence:Join',
        at: Date.parse('2026-01-01T10:00:01.000Z'),
      },
      {
        type: 'cobrowse',
        subType: 'Offering',
        carrier: 'agent',
        key: 'm-agent-1:CoBrowse:Offering',
        at: Date.parse('2026-01-01T10:00:05.000Z'),
      },
      {
        type: 'cobrowse',
        subType: 'OfferingAccepted',
        carrier: 'customer',
        key: 'm3:CoBrowse:OfferingAccepted',
        at: Date.parse('2026-01-01T10:00:20.000Z'),
      },
    ]);
    expect(r.update.agentLeft).toBe(false);
    expect(r.update.problems).toEqual([]);
  });

  it('also reads the doubly nested shape (messages[].messages[])', () => {
    const body = {
      id: CID,
      participants: [
        {
          purpose: 'customer',
          messages: [
            {
              type: 'webmessaging',
              messages: [
                {
                  messageId: 'n1',
                  messageTime: '2026-01-01T10:00:00Z',
                  messageMetadata: {
                    events: [{ eventType: 'CoBrowse', subType: 'OfferingRejected' }],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const r = parseFrame(frame(body));
    expect(r.kind === 'conversation' && r.update.events.map((e) => e.subType)).toEqual([
      'OfferingRejected',
    ]);
  });

  it('reports the agent leaving', () => {
    const r = parseFrame(frame(notificationBody([], 'disconnected')));
    expect(r.kind === 'conversation' && r.update.agentLeft).toBe(true);
  });

  it('does not take another user leaving for the agent', () => {
    const body = notificationBody([], 'connected');
    body.participants?.push({ purpose: 'agent', state: 'disconnected', user: { id: 'someone' } });
    const r = parseFrame(frame(body));
    expect(r.kind === 'conversation' && r.update.agentLeft).toBe(false);
  });

  it('ignores other topics', () => {
    expect(parseFrame(frame({ id: CID }, `v2.users.${ME}.presence`))).toEqual({
      kind: 'ignored',
      topic: `v2.users.${ME}.presence`,
    });
  });

  it.each([
    ['not json', '{nope'],
    ['not an object', '[1,2]'],
    ['no topic', '{"eventBody":{}}'],
    ['body not object', frame('x')],
    ['body without id', frame({ participants: [] })],
    ['null', null],
  ])('reports a malformed frame (%s) without throwing', (_, raw) => {
    expect(parseFrame(raw).kind).toBe('malformed');
  });

  it('skips broken parts, keeps the good ones and lists the problems', () => {
    const body = {
      id: CID,
      participants: [
        'junk',
        { messages: 'nope' },
        {
          messages: [
            7,
            { messageMetadata: 'bad' },
            { messageMetadata: { events: 'bad' } },
            {
              messageId: 'ok',
              messageMetadata: {
                events: [
                  null,
                  { eventType: 'CoBrowse', subType: 'Exploded' },
                  { eventType: 'Presence', subType: 42 },
                  { eventType: 'Typing', subType: 'On' },
                  { eventType: 'Presence', subType: 'Disconnect' },
                ],
              },
            },
          ],
        },
      ],
    };
    const u = parseConversation(body, ME);
    expect(u?.events).toEqual([
      { type: 'presence', subType: 'Disconnect', key: 'ok:Presence:Disconnect' },
    ]);
    expect(u?.problems).toHaveLength(8);
    expect(u?.problems.join('\n')).toContain('unknown CoBrowse subType "Exploded"');
  });

  it('drops a message listed twice in one body', () => {
    const d = detail('dup', '2026-01-01T10:00:00Z', [{ eventType: 'Presence', subType: 'Join' }]);
    const u = parseConversation(notificationBody([d, d]), ME);
    expect(u?.events.filter((e) => e.type === 'presence')).toHaveLength(1);
  });
});

describe('parseConversation (REST message conversation)', () => {
  it('reads participants[].messages[].messageMetadata and the agent state', () => {
    const body: Models.MessageConversation = {
      id: CID,
      participants: [
        {
          purpose: 'customer',
          state: 'connected',
          messages: [
            {
              messageId: 'r1',
              messageTime: '2026-01-01T10:00:00Z',
              messageMetadata: { events: [{ eventType: 'Presence', subType: 'Join' }] },
            },
            {
              messageId: 'r2',
              messageTime: '2026-01-01T10:05:00Z',
              messageMetadata: { events: [{ eventType: 'Presence', subType: 'SessionExpired' }] },
            },
          ],
        },
        { purpose: 'agent', state: 'terminated', user: { id: ME } },
      ],
    };
    const u = parseConversation(body, ME);
    expect(u?.events.map((e) => e.subType)).toEqual(['Join', 'SessionExpired']);
    expect(u?.agentLeft).toBe(true);
    expect(lastPresence(u?.events ?? [])).toBe(false);
  });

  it('keys an event by its time when the message has no id', () => {
    const u = parseConversation(
      {
        id: CID,
        participants: [
          {
            messages: [
              {
                messageTime: '2026-01-01T10:00:00Z',
                messageMetadata: { events: [{ eventType: 'Presence', subType: 'SignIn' }] },
              },
            ],
          },
        ],
      },
      ME,
    );
    expect(u?.events[0]?.key).toBe('2026-01-01T10:00:00Z:Presence:SignIn');
  });
});

describe('parseConversation (voice: participants[].cobrowsesessions[])', () => {
  it('reads each listed session as a voice event, keyed by session and state; skips the rest', () => {
    const body: Models.Conversation = {
      id: CID,
      startTime: '2026-01-01T09:59:00Z',
      participants: [
        {
          id: 'p-caller',
          purpose: 'customer',
          cobrowsesessions: [
            {
              cobrowseSessionId: 's-1',
              state: 'Connected',
              connectedTime: '2026-01-01T10:00:05Z',
            },
            { cobrowseSessionId: 's-0', state: 'disconnected' },
            { cobrowseSessionId: 's-2', state: 'terminated' },
            { state: 'connected' },
          ],
        },
        { id: 'p-agent', purpose: 'agent', userId: ME, calls: [{ state: 'connected' }] },
      ],
    };
    const update = parseConversation(body, ME);
    expect(update?.events).toEqual([
      {
        type: 'voice',
        subType: 'connected',
        sessionId: 's-1',
        key: 's-1:voice:connected',
        at: Date.parse('2026-01-01T10:00:05Z'),
      },
      { type: 'voice', subType: 'disconnected', sessionId: 's-0', key: 's-0:voice:disconnected' },
    ]);
  });
});

describe('lastPresence', () => {
  it('is undefined without presence events and follows the last one', () => {
    expect(lastPresence([])).toBeUndefined();
    expect(lastPresence([{ type: 'cobrowse', subType: 'Offering' }])).toBeUndefined();
    expect(
      lastPresence([
        { type: 'presence', subType: 'Disconnect' },
        { type: 'presence', subType: 'Join' },
        { type: 'cobrowse', subType: 'Offering' },
      ]),
    ).toBe(true);
    expect(lastPresence([{ type: 'presence', subType: 'Clear' }])).toBe(false);
  });
});
