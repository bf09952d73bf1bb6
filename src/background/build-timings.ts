// Clocks the test build shortens so the e2e suite proves its timeout paths in seconds. The build
// injects them (scripts/test-timings.ts defines __TEST_TIMINGS__, undefined but in `--mode
// test`), so product code reads one constant and keeps the release values where each clock lives.
import type { EventStreamDeps } from './notifications/types';

export type StreamTimings = Pick<EventStreamDeps, 'heartbeatTimeoutMs' | 'pingAfterMs'>;

export interface TestTimings {
  /** The create POST's timeout. */
  postTimeoutMs: number;
  /** How often a voice session is checked. */
  voiceCheckMs: number;
  /** The socket's watchdog and ping. */
  stream: StreamTimings;
}

declare const __TEST_TIMINGS__: TestTimings | undefined;

/** The test build's clocks; undefined in the release build. */
export const TEST_TIMINGS: TestTimings | undefined = __TEST_TIMINGS__;
