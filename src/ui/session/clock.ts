// Time as an injectable dependency: components read "now" and subscribe to ticks through a
// context, so tests drive the countdown with a fake clock instead of timers or sleeps.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

export interface Clock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export const ClockContext = createContext<Clock>(systemClock);

export const useClock = (): Clock => useContext(ClockContext);

/** The current time, re-rendering each second only while `running` (no idle timers). */
export function useNow(running: boolean): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    if (!running) return;
    return clock.every(1000, () => setNow(clock.now()));
  }, [clock, running]);
  return running ? now : clock.now();
}
