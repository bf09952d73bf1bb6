// The test build's shorter clocks (`vite build --mode test`, what the e2e suite and the demo load):
// the create POST gives up in 4 s, a voice session is checked every 1.5 s, and a silent socket is noticed within seconds, its pings keeping
// a healthy one talking well inside that window. vite.config.ts and vitest.config.ts inject them
// as __TEST_TIMINGS__ (src/background/build-timings.ts); other modes get the release defaults.
import type { StreamTimings, TestTimings } from '../src/background/build-timings';
import { buildMode } from './firefox-manifest.ts';

export const TEST_BUILD_STREAM_TIMINGS = {
  heartbeatTimeoutMs: 8_000,
  pingAfterMs: 2_000,
} as const satisfies StreamTimings;

export const TEST_BUILD_TIMINGS: TestTimings = {
  postTimeoutMs: 4_000,
  voiceCheckMs: 1_500,
  stream: TEST_BUILD_STREAM_TIMINGS,
};

export function testTimingsFor(mode: string): TestTimings | undefined {
  return buildMode(mode).test ? TEST_BUILD_TIMINGS : undefined;
}

/** What createEventStream gets in a build of this vite mode: nothing (the defaults) but in test. */
export function streamTimingsFor(mode: string): StreamTimings {
  return { ...testTimingsFor(mode)?.stream };
}

/** The `define` entry of a build in this mode. */
export const testTimingsDefine = (mode: string) => ({
  __TEST_TIMINGS__: JSON.stringify(testTimingsFor(mode)) ?? 'undefined',
});
