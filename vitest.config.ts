import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { regionsDefine } from './scripts/regions.ts';
import { testTimingsDefine } from './scripts/test-timings.ts';

// Four projects: pure/unit code (happy-dom where a test asks for it), the sandbox over real
// HTTP and websockets, and end to end in real Chromium and in real Firefox (serial: one browser
// at a time on 2 cores).
export default defineConfig({
  plugins: [preact()],
  // vitest runs in mode 'test', so product code sees the test build's clocks, as in dist-test/.
  // Unit tests run the code every browser build keeps.
  define: {
    ...regionsDefine(),
    ...testTimingsDefine('test'),
    __BUILD_BROWSER__: JSON.stringify('firefox'),
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          // The overlay's stylesheet is real in tests (vitest empties CSS imports by default),
          // so they can check what the shadow root adopts.
          css: { include: [/src\/content\/overlay\/.*\.css/] },
        },
      },
      {
        extends: true,
        test: {
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts'],
          environment: 'node',
          // Product code under test there explains errors through chrome.i18n.
          setupFiles: ['test/support/i18n.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/firefox/**'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The Firefox build (dist-firefox-test/) in Debian's firefox-esr.
          name: 'e2e-firefox',
          include: ['test/e2e/firefox/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
