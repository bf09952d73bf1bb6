// The Genesys Cloud sandbox for one test file, and the extension pointed at it: custom base URL
// = the sandbox's origin (it serves login and api paths), client id = the seeded PKCE client.
import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, SEED, startSandbox } from '../../sandbox/index';
import type { ExtensionSession } from './browser';

export { type Sandbox, SEED };

/** Saves the environment through the extension's own settings.save message (what the options page sends). */
export async function pointExtensionAt(
  session: ExtensionSession,
  baseUrl: string,
  clientId: string = SEED.clients.pkce,
): Promise<void> {
  const view = await session.request('settings.save', {
    environment: { kind: 'custom', baseUrl },
    clientId,
  });
  if (view.settings.environment.kind !== 'custom' || view.settings.clientId !== clientId) {
    throw new Error(`settings.save did not apply: ${JSON.stringify(view.settings)}`);
  }
}

/**
 * Starts a sandbox on a free port before the file's tests (after the browser) and closes it
 * after them. `configure: false` leaves the extension unconfigured (a test does it via the UI).
 */
export function useSandbox(
  extension: { readonly current: ExtensionSession },
  { configure = true }: { configure?: boolean } = {},
): { readonly current: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
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
