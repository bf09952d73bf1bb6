// One browser per test file: launched before the file's tests, closed after them (also when a
// test fails), with a screenshot of every open extension page for each failed test.
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type ExtensionSession,
  type LaunchOptions,
  launchExtension,
} from '../../../tools/browser/browser';

export function useExtension(options: LaunchOptions = {}): { readonly current: ExtensionSession } {
  let session: ExtensionSession | undefined;
  beforeAll(async () => {
    session = await launchExtension(options);
  });
  afterEach(async (context) => {
    if (!session || context.task.result?.state !== 'fail') return;
    const name = context.task.name;
    for (const [index, page] of session.context.pages().entries()) {
      const path = await session.screenshot(page, `${name}-${index}`).catch(() => undefined);
      if (path) console.error(`screenshot of ${page.url()}: ${path}`);
    }
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get current() {
      if (!session) throw new Error('the browser did not start (see beforeAll)');
      return session;
    },
  };
}
