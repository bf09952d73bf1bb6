import { describe, expect, it } from 'vitest';
import { readFrame } from '../../../../src/background/org-check/frames';
import { announce, planSteps } from '../../../../src/background/org-check/plan';
import {
  finished,
  prompted,
  started,
  stepChanged,
} from '../../../../src/background/org-check/progress';

const user = 'u-1';
const conv = 'c-1';

describe('org check frames', () => {
  it('reads CoBrowse and Presence events with the carrying participant and message id', () => {
    const frame = {
      topicName: `v2.users.${user}.conversations.messages`,
      eventBody: {
        id: conv,
        participants: [
          {
            purpose: 'agent',
            messages: [
              {
                message: { id: 'm-1' },
                messageMetadata: { events: [{ eventType: 'CoBrowse', subType: 'Offering' }] },
              },
            ],
          },
          {
            purpose: 'customer',
            messages: [
              {
                messageMetadata: {
                  events: [{ eventType: 'Presence', subType: 'Join' }, { nope: 1 }],
                },
              },
            ],
          },
        ],
      },
    };
    expect(readFrame(JSON.stringify(frame), user, conv)).toEqual([
      {
        kind: 'event',
        eventType: 'CoBrowse',
        subType: 'Offering',
        purpose: 'agent',
        messageId: 'm-1',
      },
      { kind: 'event', eventType: 'Presence', subType: 'Join', purpose: 'customer' },
    ]);
    // Another conversation, another user's topic, or not JSON: nothing.
    expect(
      readFrame(
        JSON.stringify({ ...frame, eventBody: { ...frame.eventBody, id: 'other' } }),
        user,
        conv,
      ),
    ).toEqual([]);
    expect(
      readFrame(
        JSON.stringify({ ...frame, topicName: 'v2.users.x.conversations.messages' }),
        user,
        conv,
      ),
    ).toEqual([]);
    expect(readFrame('{"topicName":', user, conv)).toEqual([]);
  });

  it('reads the legacy topic as the session id and state', () => {
    const frame = {
      topicName: `v2.users.${user}.conversations.cobrowseSessions`,
      eventBody: { cobrowseSessionId: 's-1', state: 'alerting', viewerUrl: 'x' },
    };
    expect(readFrame(JSON.stringify(frame), user, conv)).toEqual([
      { kind: 'legacy', cobrowseSessionId: 's-1', state: 'alerting' },
    ]);
  });
});

describe('org check plan and progress', () => {
  const input = { conversationId: conv, customerWaitSeconds: 120, observeSeconds: 15 };

  it('plans the voice step only with a voice conversation, and says what each step does', () => {
    expect(planSteps({})).not.toContain('voice');
    expect(planSteps({ voiceConversationId: 'v-1' }).at(-1)).toBe('voice');
    expect(announce('create', input)).toContain(conv);
    expect(announce('answer', input)).toContain('120');
  });

  it('keeps what it said in order, and a finished check drops the live parts', () => {
    let s = started(['token', 'create']);
    s = stepChanged(s, 'token', 'running', 'first');
    s = stepChanged(s, 'token', 'done');
    s = prompted(s, { id: 'answer_offer', text: 'act', until: 1 });
    expect(s.said).toEqual(['first', 'act']);
    expect(s.now).toBeUndefined();
    expect(s.steps).toEqual([
      { id: 'token', state: 'done' },
      { id: 'create', state: 'pending' },
    ]);
    const done = finished(s, { error: 'stopped' });
    expect(done).toMatchObject({ state: 'failed', error: 'stopped' });
    expect(done.prompt).toBeUndefined();
  });
});
