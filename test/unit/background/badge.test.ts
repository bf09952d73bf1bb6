// The toolbar badge: what it says for each state, and that it ticks only while counting down.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BADGE_FINAL_MS,
  badgeFor,
  badgeSession,
  countdownText,
  createBadge,
} from '../../../src/background/badge';
import type { SessionSnapshot, SessionState } from '../../../src/shared/session';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function snap(state: SessionState, extra: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    conversationId: '6f9619ff-8b86-4d01-b42d-00cf4fc964ff',
    media: 'message',
    profile: 'genesys',
    origin: 'popup',
    state,
    timeline: [],
    updatedAt: T0,
    customerName: 'Maria López',
    ...extra,
  };
}

describe('badge texts', () => {
  it('counts down in minutes, then seconds', () => {
    expect(countdownText(105_000)).toBe('1:45');
    expect(countdownText(120_000)).toBe('2:00');
    expect(countdownText(45_000)).toBe('45s');
    expect(countdownText(44_001)).toBe('45s');
    expect(countdownText(-3_000)).toBe('0s');
  });

  it('shows the countdown while offered, a mark otherwise', () => {
    expect(badgeFor(snap('offered', { offerEndsAt: T0 + 105_000 }), T0)?.text).toBe('1:45');
    expect(badgeFor(snap('active'), T0)?.text).toBe('on');
    expect(badgeFor(snap('waiting'), T0)?.text).toBe('wait');
    expect(badgeFor(snap('ended'), T0)?.text).toBe('end');
    expect(badgeFor(snap('declined'), T0)?.text).toBe('no');
    expect(badgeFor(snap('expired'), T0)?.text).toBe('exp');
    expect(badgeFor(snap('failed'), T0)?.text).toBe('!');
  });

  it('gives Offered, Active, Waiting and each ended state a colour of its own', () => {
    const states: SessionState[] = [
      'offered',
      'active',
      'waiting',
      'ended',
      'declined',
      'expired',
      'failed',
    ];
    const colors = states.map((s) => badgeFor(snap(s, { offerEndsAt: T0 + 60_000 }), T0)?.color);
    expect(colors.every((c) => /^#[0-9a-f]{6}$/.test(c ?? ''))).toBe(true);
    expect(new Set(colors).size).toBe(states.length);
  });

  it('voice past its offer time with the outcome unknown: no "0s", a title that says it is unknown', () => {
    const unknown = snap('offered', {
      media: 'call',
      offerEndsAt: T0 - 5_000,
      outcomeUnknown: true,
    });
    const look = badgeFor(unknown, T0);
    expect(look?.text).toBe('…');
    expect(look?.title).toContain('we cannot tell whether the caller joined');
  });

  it('titles the button with the status line and the customer', () => {
    const look = badgeFor(snap('active'), T0);
    expect(look?.title).toMatch(/^Cobrowse: .+ · Maria López$/);
    expect(look?.title).not.toContain('ov_status');
  });

  it('clears a closed session’s mark after a while; a live session wins over a closed one', () => {
    expect(badgeFor(snap('ended'), T0 + BADGE_FINAL_MS)).toBeUndefined();
    const closed = snap('declined', { updatedAt: T0 + 5 });
    const live = snap('active', { conversationId: 'b', updatedAt: T0 });
    expect(badgeSession([closed, live], T0 + 10)).toBe(live);
    expect(badgeSession([closed], T0 + 10 + BADGE_FINAL_MS)).toBeUndefined();
  });
});

describe('createBadge', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeAction() {
    const texts: string[] = [];
    const titles: string[] = [];
    return {
      texts,
      titles,
      setBadgeText: vi.fn(({ text }: { text: string }) => {
        texts.push(text);
      }),
      setBadgeBackgroundColor: vi.fn(),
      setTitle: vi.fn(({ title }: { title: string }) => {
        titles.push(title);
      }),
    };
  }

  it('ticks each second while counting, and stops when the offer is accepted', async () => {
    const action = fakeAction();
    const badge = createBadge({ action, now: () => Date.now(), defaultTitle: () => 'Default' });
    badge.update([snap('offered', { offerEndsAt: T0 + 62_000 })]);
    expect(action.texts).toEqual(['1:02']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(action.texts).toEqual(['1:02', '1:01', '1:00', '59s']);
    badge.update([snap('active')]);
    expect(action.texts.at(-1)).toBe('on');
    const count = action.texts.length;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(action.texts.length).toBe(count);
  });

  it('clears the mark of a closed session and restores the default title', async () => {
    const action = fakeAction();
    const badge = createBadge({ action, now: () => Date.now(), defaultTitle: () => 'Default' });
    badge.update([snap('ended')]);
    expect(action.texts).toEqual(['end']);
    await vi.advanceTimersByTimeAsync(BADGE_FINAL_MS);
    expect(action.texts).toEqual(['end', '']);
    expect(action.titles.at(-1)).toBe('Default');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('off (the badge setting): the plain button whatever the sessions; on again: the state', async () => {
    const action = fakeAction();
    const badge = createBadge({ action, now: () => Date.now(), defaultTitle: () => 'Default' });
    badge.update([snap('offered', { offerEndsAt: T0 + 62_000 })]);
    badge.setEnabled(false);
    expect(action.texts).toEqual(['1:02', '']);
    expect(action.titles.at(-1)).toBe('Default');
    expect(vi.getTimerCount()).toBe(0);
    badge.update([snap('active')]);
    expect(action.texts.at(-1)).toBe('');
    badge.setEnabled(true);
    expect(action.texts.at(-1)).toBe('on');
  });
});
