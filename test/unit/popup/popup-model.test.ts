// The popup's pure parts: its copy of the background's sessions (stale pushes dropped, removal,
// which one is shown) and the words describing a conversation.
import { describe, expect, it } from 'vitest';
import {
  applyPush,
  applySnapshot,
  latestSession,
  sessionForTab,
} from '../../../src/popup/sessions';
import type { ConversationSummary } from '../../../src/shared/protocol';
import {
  conversationFacts,
  formatDuration,
  messengerPresence,
} from '../../../src/ui/conversation-text';
import { formatTime } from '../../../src/ui/session/format';
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

  it('follows the tab: its own session, a live one of the page, else the page’s list', () => {
    const THIRD = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    const declinedElsewhere = snapshot({
      conversationId: OTHER,
      state: 'declined',
      updatedAt: T0 + 60,
    });
    const offeredHere = snapshot({ state: 'offered', updatedAt: T0 + 10 });
    const page = { onPage: [CID] };
    // The reported case: a declined session of another tab never takes over the page's list.
    expect(sessionForTab({ [OTHER]: declinedElsewhere }, page)).toBeUndefined();
    expect(sessionForTab({ [OTHER]: declinedElsewhere }, { onPage: [] })).toBeUndefined();
    // A live session of the page's conversation shows (ids compared without case).
    const both = { [OTHER]: declinedElsewhere, [CID]: offeredHere };
    expect(sessionForTab(both, { onPage: [CID.toUpperCase()] })?.conversationId).toBe(CID);
    // The session the tab's panel shows is the tab's, finished or not.
    const endedHere = snapshot({ state: 'ended', updatedAt: T0 + 5 });
    expect(
      sessionForTab(
        { [OTHER]: declinedElsewhere, [CID]: endedHere },
        {
          onPage: [THIRD],
          tabSession: CID,
        },
      )?.conversationId,
    ).toBe(CID);
    // A live session elsewhere: shown on a page without conversations, not over another one.
    const liveElsewhere = { [OTHER]: snapshot({ conversationId: OTHER, state: 'active' }) };
    expect(sessionForTab(liveElsewhere, { onPage: [] })?.conversationId).toBe(OTHER);
    expect(sessionForTab(liveElsewhere, { onPage: [THIRD] })).toBeUndefined();
    // The session the popup already shows stays when it ends.
    expect(sessionForTab({ [OTHER]: declinedElsewhere }, page, OTHER)?.conversationId).toBe(OTHER);
    expect(sessionForTab({}, page, OTHER)).toBeUndefined();
  });

  it('reaches the latest session of any state', () => {
    const ended = snapshot({ state: 'ended', updatedAt: T0 + 50 });
    const offered = snapshot({ conversationId: OTHER, state: 'offered', updatedAt: T0 + 10 });
    expect(latestSession({ [CID]: ended, [OTHER]: offered })?.conversationId).toBe(CID);
    expect(latestSession({})).toBeUndefined();
  });
});

describe('popup conversation words', () => {
  it('says how long in minutes, then hours', () => {
    expect(formatDuration(30_000)).toBe('under 1 min');
    expect(formatDuration(-5_000)).toBe('under 1 min');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
  });

  it('lists media, queue, start time, duration and the id’s end; presence only for web messaging', () => {
    const c: ConversationSummary = {
      id: CID,
      customerName: 'Ada',
      media: 'message',
      queueName: 'Support',
      startedAt: T0 - 12 * 60_000,
      canCobrowse: true,
      customerOnline: false,
    };
    const started = `started ${formatTime(T0 - 12 * 60_000)}`;
    expect(conversationFacts(c, T0)).toEqual([
      'Web messaging',
      'Support',
      started,
      '12 min',
      'ID …5e6f',
    ]);
    // The panel's picker has no running clock: no duration there.
    expect(conversationFacts(c)).toEqual(['Web messaging', 'Support', started, 'ID …5e6f']);
    expect(messengerPresence(c)).toBe('offline');
    expect(messengerPresence({ ...c, customerOnline: undefined })).toBeUndefined();
    const call = { ...c, media: 'call' as const, queueName: undefined, startedAt: undefined };
    expect(conversationFacts(call, T0)).toEqual(['Voice', 'ID …5e6f']);
    expect(messengerPresence({ ...call, customerOnline: true })).toBeUndefined();
  });
});
