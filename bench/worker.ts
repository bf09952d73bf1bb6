// The service worker as Playwright sees it now. After a DevTools stop the worker Playwright first
// attached to is gone; a new instance is a new Worker object. This wakes the worker with a
// runtime message (an extension page's ordinary request) and returns the live one.
import type { Worker } from 'playwright-core';
import type { ExtensionSession } from '../tools/browser/browser';
import { waitFor } from '../tools/browser/wait';

export async function liveWorker(session: ExtensionSession): Promise<Worker> {
  await session.request('auth.status', {});
  return waitFor(
    () => session.context.serviceWorkers().find((w) => w.url().startsWith(session.origin)),
    { timeout: 10_000, message: 'the running service worker' },
  );
}
