// Shared by the overlay tests: a fake clock driven by hand, snapshots, and recorded actions.
import { vi } from 'vitest';
import type { SessionSnapshot } from '../../../src/shared/session';
import type { Clock } from '../../../src/ui/session/clock';
import type { OverlayActions } from '../../../src/ui/session/model';

export interface FakeClock extends Clock {
  /** Moves time forward, firing due ticks in order. Wrap in act() when components listen. */
  advance(ms: number): void;
  readonly subscribers: number;
}

export function fakeClock(start: number): FakeClock {
  let now = start;
  const subs = new Set<{ ms: number; next: number; tick: () => void }>();
  return {
    now: () => now,
    every(ms, tick) {
      const sub = { ms, next: now + ms, tick };
      subs.add(sub);
      return () => {
        subs.delete(sub);
      };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...subs].filter((s) => s.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.tick();
      }
      now = end;
    },
    get subscribers() {
      return subs.size;
    },
  };
}

/** 2024-03-05 14:00:00 local time, so "valid until" reads the same in any time zone. */
export const T0 = new Date(2024, 2, 5, 14, 0, 0).getTime();

export const CID = '3f2c9d1e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';

export function snapshot(over: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    conversationId: CID,
    media: 'message',
    profile: 'genesys',
    origin: 'popup',
    customerName: 'Ada Lovelace',
    state: 'offered',
    joinCode: '482913',
    sessionId: 'b7e1c2d3-0000-4000-8000-00000000abcd',
    offerEndsAt: T0 + 5 * 60_000,
    timeline: [
      { at: T0 - 3000, step: 'requested' },
      { at: T0 - 2000, step: 'created' },
      { at: T0 - 1000, step: 'offered' },
    ],
    updatedAt: T0 - 1000,
    ...over,
  };
}

export function recordingActions() {
  return {
    start: vi.fn(),
    end: vi.fn(),
    answerOffline: vi.fn(),
    offerAgain: vi.fn(),
    openViewer: vi.fn(),
    retry: vi.fn(),
    close: vi.fn(),
  } satisfies OverlayActions;
}

/**
 * A click as the agent's own input makes it: isTrusted true. (happy-dom has no isTrusted, and
 * fireEvent's events count as a page script's: the overlay drops those.)
 */
export function agentClick(target: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}
