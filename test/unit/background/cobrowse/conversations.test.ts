import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import {
  agentParticipant,
  classifyConversation,
  rankConversations,
} from '../../../../src/background/cobrowse/conversations';
import type { ConversationSummary } from '../../../../src/shared/protocol';

const ME = 'a0000000-0000-4000-8000-000000000001';
const C1 = 'c0000000-0000-4000-8000-000000000001';
const C2 = 'c0000000-0000-4000-8000-000000000002';
const C3 = 'c0000000-0000-4000-8000-000000000003';
const ALL = { message: true, call: true };

const presence = (id: string, time: string, subType: string): Models.MessageDetails => ({
  messageId: id,
  messageTime: time,
  messageMetadata: { type: 'Event', events: [{ eventType: 'Presence', subType }] },
});

function webMessaging(
  over: { agentState?: string; customerEvents?: Models.MessageDetails[]; name?: string } = {},
): Models.Conversation {
  return {
    id: C1,
    startTime: '2026-01-01T10:00:00.000Z',
    participants: [
      {
        id: 'p1',
        purpose: 'customer',
        name: over.name ?? 'Ada Lovelace',
        messages: [
          {
            type: 'webmessaging',
            state: 'connected',
            messages: over.customerEvents ?? [],
          },
        ],
      },
      {
        id: 'p2',
        purpose: 'acd',
        queueName: 'Support',
        messages: [{ type: 'webmessaging', state: 'disconnected' }],
      },
      {
        id: 'p3',
        purpose: 'agent',
        userId: ME,
        messages: [{ type: 'webmessaging', state: over.agentState ?? 'connected' }],
      },
    ],
  };
}

function voice(agentCalls: Models.Call[] = [{ state: 'connected' }]): Models.Conversation {
  return {
    id: C2,
    startTime: '2026-01-01T11:00:00.000Z',
    participants: [
      { purpose: 'customer', address: 'tel:+15551234567', calls: [{ state: 'connected' }] },
      { purpose: 'agent', userId: ME, queueName: 'Sales', calls: agentCalls },
    ],
  };
}

describe('classifyConversation', () => {
  it('web messaging with permission can cobrowse', () => {
    expect(classifyConversation(webMessaging(), ME, ALL)).toEqual({
      id: C1,
      customerName: 'Ada Lovelace',
      media: 'message',
      queueName: 'Support',
      startedAt: Date.parse('2026-01-01T10:00:00.000Z'),
      canCobrowse: true,
    });
  });

  it('reads the customer Messenger presence from the last Presence event', () => {
    const online = webMessaging({
      customerEvents: [
        presence('m2', '2026-01-01T10:02:00Z', 'Join'),
        presence('m1', '2026-01-01T10:01:00Z', 'Disconnect'),
      ],
    });
    expect(classifyConversation(online, ME, ALL).customerOnline).toBe(true);
    const offline = webMessaging({
      customerEvents: [
        presence('m1', '2026-01-01T10:01:00Z', 'Join'),
        presence('m2', '2026-01-01T10:02:00Z', 'Disconnect'),
      ],
    });
    expect(classifyConversation(offline, ME, ALL).customerOnline).toBe(false);
  });

  it('voice: the agent participant with calls; name from the address', () => {
    const s = classifyConversation(voice(), ME, ALL);
    expect(s).toMatchObject({
      media: 'call',
      customerName: '+15551234567',
      queueName: 'Sales',
      canCobrowse: true,
    });
    expect(s.customerOnline).toBeUndefined();
  });

  it('names the missing permission for the media', () => {
    const m = classifyConversation(webMessaging(), ME, { message: false, call: true });
    expect(m.canCobrowse).toBe(false);
    expect(m.reason).toContain('conversation:cobrowse:add');
    const c = classifyConversation(voice(), ME, { message: true, call: false });
    expect(c.canCobrowse).toBe(false);
    expect(c.reason).toContain('conversation:cobrowseVoice:add');
  });

  it('does not block when the permissions are unknown', () => {
    expect(classifyConversation(webMessaging(), ME).canCobrowse).toBe(true);
  });

  it.each([
    ['alerting', false],
    ['disconnected', false],
    ['connected', true],
  ])('agent %s → canCobrowse %s', (agentState, can) => {
    const s = classifyConversation(webMessaging({ agentState }), ME, ALL);
    expect(s.canCobrowse).toBe(can);
    if (!can) expect(s.reason).toBe('You are not connected to this conversation');
  });

  it('legacy web chat is not supported, and says so', () => {
    const s = classifyConversation(
      {
        id: C3,
        startTime: '2026-01-01T09:00:00Z',
        participants: [
          { purpose: 'customer', name: 'Bob', chats: [{ state: 'connected' }] },
          { purpose: 'agent', userId: ME, chats: [{ state: 'connected' }] },
        ],
      },
      ME,
      ALL,
    );
    expect(s).toMatchObject({ media: 'chat', canCobrowse: false });
    expect(s.reason).toMatch(/legacy web chat/i);
  });

  it('email, SMS and social cannot cobrowse', () => {
    const email = classifyConversation(
      {
        startTime: '2026-01-01T09:00:00Z',
        id: C3,
        participants: [{ purpose: 'agent', userId: ME, emails: [{ state: 'connected' }] }],
      },
      ME,
      ALL,
    );
    expect(email).toMatchObject({ media: 'email', canCobrowse: false });
    const sms = classifyConversation(
      {
        startTime: '2026-01-01T09:00:00Z',
        id: C3,
        participants: [
          { purpose: 'agent', userId: ME, messages: [{ type: 'sms', state: 'connected' }] },
        ],
      },
      ME,
      ALL,
    );
    expect(sms).toMatchObject({ media: 'other', canCobrowse: false });
    expect(sms.reason).toBeTruthy();
    expect(sms.reason).not.toBe(email.reason);
  });

  it('keeps hostile names as plain, bounded text and falls back when absent', () => {
    const long = `<img src=x onerror=alert(1)>${'x'.repeat(500)}`;
    const s = classifyConversation(webMessaging({ name: long }), ME, ALL);
    expect(s.customerName.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(s.customerName.length).toBeLessThanOrEqual(80);
    expect(classifyConversation(webMessaging({ name: '   ' }), ME, ALL).customerName).toBe(
      'Customer',
    );
  });

  it('survives a conversation with no participants or time', () => {
    const s = classifyConversation({ id: C3, startTime: 'garbage', participants: [] }, ME, ALL);
    expect(s).toMatchObject({ id: C3, media: 'other', canCobrowse: false });
    expect(s.startedAt).toBeUndefined();
  });

  it('prefers the connected agent participant after a transfer back', () => {
    const conv = voice();
    conv.participants.unshift({ purpose: 'agent', userId: ME, calls: [{ state: 'disconnected' }] });
    expect(agentParticipant(conv, ME)?.calls?.[0]?.state).toBe('connected');
    expect(classifyConversation(conv, ME, ALL).canCobrowse).toBe(true);
  });
});

describe('rankConversations', () => {
  const s = (id: string, startedAt: number, canCobrowse = true): ConversationSummary => ({
    id,
    customerName: id,
    media: 'message',
    startedAt,
    canCobrowse,
  });

  it("puts the page's conversation first and preselects it", () => {
    const r = rankConversations([s(C1, 1), s(C2, 2), s(C3, 3)], [C2.toUpperCase()]);
    expect(r.conversations.map((c) => c.id)).toEqual([C2, C3, C1]);
    expect(r.preselectedId).toBe(C2);
    expect(r.unknownHints).toEqual([]);
  });

  it('marks the conversations the page shows, without touching the shared summaries', () => {
    const summaries = [s(C1, 1), s(C2, 2), s(C3, 3)];
    const r = rankConversations(summaries, [C3, C1]);
    expect(r.conversations.map((c) => [c.id, c.onPage === true])).toEqual([
      [C3, true],
      [C1, true],
      [C2, false],
    ]);
    expect(summaries.some((c) => c.onPage)).toBe(false);
    expect(rankConversations(summaries, []).conversations.some((c) => c.onPage)).toBe(false);
  });

  it('preselects the only conversation when the page names none', () => {
    expect(rankConversations([s(C1, 1)], []).preselectedId).toBe(C1);
    expect(rankConversations([s(C1, 1), s(C2, 2, false)], []).preselectedId).toBe(C1);
    expect(rankConversations([s(C1, 1), s(C2, 2)], []).preselectedId).toBeUndefined();
  });

  it("does not swap in another conversation when the page's cannot cobrowse", () => {
    const r = rankConversations([s(C1, 1, false), s(C2, 2)], [C1]);
    expect(r.conversations[0]?.id).toBe(C1);
    expect(r.preselectedId).toBeUndefined();
  });

  it('reports valid ids that are not the agent’s and drops junk hints', () => {
    const stranger = 'd0000000-0000-4000-8000-000000000009';
    const r = rankConversations([s(C1, 1)], ['not-a-uuid', stranger, '<script>', C1]);
    expect(r.unknownHints).toEqual([stranger]);
    expect(r.preselectedId).toBe(C1);
  });
});
