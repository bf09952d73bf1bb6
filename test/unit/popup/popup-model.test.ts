// The popup's pure parts: its copy of the background's sessions (stale pushes dropped, removal,
// which one is shown) and the words describing a conversation.
import { describe, expect, it } from 'vitest';
import {
  conversationFacts,
  formatDuration,
  messengerPresence,
} from '../../../src/popup/conversation-text';
import { applyPush, applySnapshot, currentSession } from '../../../src/popup/sessions';
import type { ConversationSummary } from '../../../src/shared/protocol';
import { CID, snapshot, T0 } from '../support/overlay-fixtures';

const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('popup sessions', () => {
  it('keeps the newest snapshot per conversation and drops an older one', () => {
    const active = snapshot({ state: 'active', updatedAt: T0 + 10 });
    let s = applySnapshot({}, active);
    s = applySnapshot(s, snapshot({ state: 'offered', updatedAt: T0 + 5 }));
    expect(s[CID]?.state).toBe('active');
    s = applySnapshot(s, snapshot({ state: 'ended', updatedAt: T0 + 20 }));
    expect(s[CID]?.state).toBe('ended');
  });

  it('removes a session on session-removed and ignores auth pushes', () => {
    let s = applyPush({}, { type: 'snapshot', snapshot: snapshot() });
    const same = applyPush(s, {
      type: 'auth',
      status: { signedIn: false, environment: 'mypurecloud.com' },
    });
    expect(same).toBe(s);
    s = applyPush(s, { type: 'session-removed', conversationId: OTHER });
    expect(Object.keys(s)).toEqual([CID]);
    s = applyPush(s, { type: 'session-removed', conversationId: CID });
    expect(s).toEqual({});
  });

  it('shows a running session before a finished one, then the latest', () => {
    const ended = snapshot({ state: 'ended', updatedAt: T0 + 50 });
    const offered = snapshot({ conversationId: OTHER, state: 'offered', updatedAt: T0 + 10 });
    expect(currentSession({ [CID]: ended, [OTHER]: offered })?.conversationId).toBe(OTHER);
    const declined = snapshot({ conversationId: OTHER, state: 'declined', updatedAt: T0 + 60 });
    expect(currentSession({ [CID]: ended, [OTHER]: declined })?.conversationId).toBe(OTHER);
    expect(currentSession({})).toBeUndefined();
  });
});

describe('popup conversation words', () => {
  it('says how long in minutes, then hours', () => {
    expect(formatDuration(30_000)).toBe('under 1 min');
    expect(formatDuration(-5_000)).toBe('under 1 min');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
  });

  it('lists media, queue and duration; presence only for web messaging', () => {
    const c: ConversationSummary = {
      id: CID,
      customerName: 'Ada',
      media: 'message',
      queueName: 'Support',
      startedAt: T0 - 12 * 60_000,
      canCobrowse: true,
      customerOnline: false,
    };
    expect(conversationFacts(c, T0)).toEqual(['Web messaging', 'Support', '12 min']);
    expect(messengerPresence(c)).toBe('offline');
    expect(messengerPresence({ ...c, customerOnline: undefined })).toBeUndefined();
    const call = { ...c, media: 'call' as const, queueName: undefined, startedAt: undefined };
    expect(conversationFacts(call, T0)).toEqual(['Voice']);
    expect(messengerPresence({ ...call, customerOnline: true })).toBeUndefined();
  });
});
