// The socket's clocks per build. The release build keeps STREAM_DEFAULTS (Genesys heartbeats
// about every 30 s, so 75 s of silence means a dead socket). The test build (`vite build --mode
// test`, what the e2e suite loads) notices a silent socket within seconds, so the suite can prove
// the watchdog path without waiting over a minute; its pings keep a healthy socket talking well
// inside that window.
import type { EventStreamDeps } from './types';

export type StreamTimings = Pick<EventStreamDeps, 'heartbeatTimeoutMs' | 'pingAfterMs'>;

export const TEST_BUILD_STREAM_TIMINGS = {
  heartbeatTimeoutMs: 8_000,
  pingAfterMs: 2_000,
} as const satisfies StreamTimings;

/** What createEventStream gets in a build of this vite mode: nothing (the defaults) but in test. */
export function streamTimingsFor(mode: string): StreamTimings {
  return mode === 'test' ? { ...TEST_BUILD_STREAM_TIMINGS } : {};
}
