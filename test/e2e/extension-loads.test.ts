// The built test extension loads in real Chromium: its worker runs, its pages open, nothing errs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useExtension } from './harness/fixture';

const { id: fixedId } = JSON.parse(readFileSync('test/e2e/test-key.json', 'utf8')) as {
  id: string;
};

describe('dist-test in Chromium', () => {
  const ext = useExtension();

  it('loads with the fixed test id and a running service worker', async () => {
    const session = ext.current;
    expect(session.extensionId).toBe(fixedId);
    expect(session.serviceWorker.url()).toBe(`${session.origin}/service-worker-loader.js`);
    expect(await session.evalInWorker(() => chrome.runtime.id)).toBe(fixedId);
  });

  it('is enabled in chrome://extensions with no manifest errors or warnings', async () => {
    const report = await ext.current.extensionReport();
    expect(report).toEqual({
      state: 'ENABLED',
      manifestErrors: [],
      installWarnings: [],
      runtimeErrors: [],
    });
  });

  it('opens the options page and the popup with their content rendered', async () => {
    const session = ext.current;
    for (const page of [await session.openOptions(), await session.openPopup()]) {
      await page.waitForLoadState('load');
      // Rendered by the page's script, so this fails if the bundle does not run.
      await expect
        .poll(() => page.locator('#app').evaluate((el) => el.childElementCount))
        .toBeGreaterThan(0);
      expect(await page.title()).not.toBe('');
      await page.close();
    }
  });

  it('restarts its service worker when stopped, with fresh state', async () => {
    const session = ext.current;
    await session.evalInWorker(() => {
      (globalThis as { e2eMarker?: number }).e2eMarker = 1;
    });
    await session.restartWorker();
    expect(
      await session.evalInWorker(() => (globalThis as { e2eMarker?: number }).e2eMarker),
    ).toBeUndefined();
  });

  it('logged no console errors in its pages or worker', () => {
    ext.current.expectNoErrors();
  });
});
