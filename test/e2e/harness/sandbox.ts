// The Genesys Cloud sandbox for one test file, and the extension pointed at it: custom base URL
// = the sandbox's origin (it serves login and api paths), client id = the seeded PKCE client.
import { afterAll, beforeAll } from 'vitest';
import { pointExtensionAt } from '../../../tools/browser/agent';
import type { ExtensionSession } from '../../../tools/browser/browser';
import { type Sandbox, SEED, startSandbox } from '../../../tools/sandbox/index';
import { profileFromEnv } from '../../../tools/sandbox/profiles';

export { type Sandbox, SEED };

/**
 * Starts a sandbox on a free port before the file's tests (after the browser) and closes it
 * after them, under the profile `SANDBOX_PROFILE` names (the default one when unset; `reset()`
 * returns to it). `configure: false` leaves the extension unconfigured (a test does it via the UI).
 */
export function useSandbox(
  extension: { readonly current: ExtensionSession },
  { configure = true }: { configure?: boolean } = {},
): { readonly current: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settings: profileFromEnv() });
    if (configure) await pointExtensionAt(extension.current, sandbox.url);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get current() {
      if (!sandbox) throw new Error('the sandbox did not start (see beforeAll)');
      return sandbox;
    },
  };
}
