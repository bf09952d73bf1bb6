import { describe, expect, it } from 'vitest';
import {
  doubled,
  heapBound,
  judge,
  type Observations,
  type StartRecord,
  settledAlike,
} from '../../../scripts/soak/checks';

const start = (over: Partial<StartRecord> = {}): StartRecord => ({
  n: 1,
  trigger: 'shortcut',
  outcome: 'decline',
  conversationId: 'c',
  at: 0,
  workerStopped: false,
  extensionState: 'declined',
  sandboxState: 'declined',
  sameSession: true,
  createPosts: 1,
  createPostsRefused: 0,
  sessionsCreated: 1,
  agentRetries: 0,
  repeats: 0,
  ...over,
});

const healthy = (over: Partial<Observations> = {}): Observations => ({
  minutes: 1,
  seconds: 60,
  starts: Array.from({ length: 30 }, (_, i) => start({ n: i + 1 })),
  maxChannelsPerAgent: 1,
  channelsCreated: 2,
  orphanSocketMs: 0,
  staleMs: { panel: 600, badge: 500, popup: 0 },
  apiRequests: 140,
  chaosFailures: 3,
  ownThrottles: 0,
  heap: { worker: { start: 1e6, end: 1.2e6 }, panel: { start: 3e6, end: 3e6 } },
  consoleErrors: [],
  uncaught: [],
  ...over,
});

const verdict = (o: Observations) => Object.fromEntries(judge(o).map((f) => [f.id, f.pass]));

describe('soak checks', () => {
  it('a healthy run passes every figure', () => {
    const figures = judge(healthy());
    expect(figures.filter((f) => !f.pass)).toEqual([]);
    expect(figures.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'starts',
        'startsLost',
        'maxChannelsPerAgent',
        'apiRequestsPerStart',
      ]),
    );
  });

  it('a start is alike only when both sides hold the same final state and session', () => {
    expect(settledAlike(start())).toBe(true);
    expect(settledAlike(start({ extensionState: 'active', sandboxState: 'ended' }))).toBe(false);
    expect(settledAlike(start({ sameSession: false }))).toBe(false);
    expect(settledAlike(start({ problem: 'unsettled' }))).toBe(false);
    // A failed create that made nothing in the sandbox is the sandbox's state.
    expect(settledAlike(start({ extensionState: 'failed', sandboxState: 'none' }))).toBe(true);
    // A failure shown while the sandbox holds a live offer is a loss.
    expect(settledAlike(start({ extensionState: 'failed', sandboxState: 'offered' }))).toBe(false);
  });

  it('doubles: a second session or POST counts only beyond the retries asked for or 429s', () => {
    expect(doubled(start())).toBe(false);
    expect(doubled(start({ sessionsCreated: 2 }))).toBe(true);
    expect(doubled(start({ sessionsCreated: 2, createPosts: 2, agentRetries: 1 }))).toBe(false);
    expect(doubled(start({ createPosts: 2 }))).toBe(true);
    expect(doubled(start({ createPosts: 2, createPostsRefused: 1 }))).toBe(false);
  });

  it('each bound fails on its own', () => {
    expect(verdict(healthy({ starts: healthy().starts.slice(0, 29) })).starts).toBe(false);
    expect(verdict(healthy({ maxChannelsPerAgent: 3 })).maxChannelsPerAgent).toBe(false);
    expect(verdict(healthy({ channelsCreated: 4 })).channelsPerSimulatedHour).toBe(false);
    expect(verdict(healthy({ orphanSocketMs: 1500 })).orphanSocketMs).toBe(false);
    expect(verdict(healthy({ staleMs: { panel: 5001, badge: 0, popup: 0 } })).stale_panel).toBe(
      false,
    );
    // 30 warm starts: budget 150 + 3 chaos failures.
    expect(verdict(healthy({ apiRequests: 153 })).apiRequestsPerStart).toBe(true);
    expect(verdict(healthy({ apiRequests: 154 })).apiRequestsPerStart).toBe(false);
    expect(verdict(healthy({ ownThrottles: 1 })).ownThrottles).toBe(false);
    expect(
      verdict(
        healthy({ heap: { worker: { start: 1e6, end: 3.6e6 }, panel: healthy().heap.panel } }),
      ).heap_worker,
    ).toBe(false);
    expect(verdict(healthy({ consoleErrors: ['x'] })).consoleErrors).toBe(false);
    expect(verdict(healthy({ uncaught: ['x'] })).uncaught).toBe(false);
  });

  it('a heap never measured fails rather than passes', () => {
    const o = healthy({ heap: { worker: { start: 0, end: 0 }, panel: healthy().heap.panel } });
    expect(verdict(o).heap_worker).toBe(false);
    expect(heapBound(1e6)).toBe(1.5e6 + 2 * 1024 * 1024);
  });

  it('a run with no start fails the per-start figures', () => {
    const v = verdict(healthy({ starts: [], apiRequests: 0 }));
    expect(v.starts).toBe(false);
    expect(v.apiRequestsPerStart).toBe(false);
  });
});
