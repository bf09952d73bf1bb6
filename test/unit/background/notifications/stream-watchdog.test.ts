import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatchdog } from '../../../../src/background/notifications/watchdog';
import { globalTimers } from '../../../../src/shared/timers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function make(pingAfterMs?: number) {
  const calls = { ping: 0, dead: 0 };
  const dog = createWatchdog({
    timers: globalTimers,
    timeoutMs: 1000,
    ...(pingAfterMs === undefined ? {} : { pingAfterMs }),
    onPing: () => calls.ping++,
    onDead: () => calls.dead++,
  });
  return { dog, calls };
}

describe('watchdog', () => {
  it('declares the socket dead once after timeoutMs of quiet; kicks postpone it', () => {
    const { dog, calls } = make();
    dog.kick();
    vi.advanceTimersByTime(900);
    dog.kick();
    vi.advanceTimersByTime(900);
    expect(calls.dead).toBe(0);
    vi.advanceTimersByTime(100);
    expect(calls.dead).toBe(1);
    // Dead is final: later kicks do not revive it or fire again.
    dog.kick();
    vi.advanceTimersByTime(5000);
    expect(calls.dead).toBe(1);
  });

  it('pings after pingAfterMs of quiet, again while still quiet', () => {
    const { dog, calls } = make(300);
    dog.kick();
    vi.advanceTimersByTime(650);
    expect(calls.ping).toBe(2);
    expect(calls.dead).toBe(0);
  });

  it('never pings when pingAfterMs is not below the timeout', () => {
    const { dog, calls } = make(1000);
    dog.kick();
    vi.advanceTimersByTime(999);
    expect(calls.ping).toBe(0);
  });

  it('stop cancels both clocks', () => {
    const { dog, calls } = make(300);
    dog.kick();
    dog.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual({ ping: 0, dead: 0 });
  });
});
