// Vitest glue for the Firefox suite: one Firefox with the add-on per file, and the sandbox it
// points at (custom base URL = the sandbox, the seeded PKCE client), as the Chromium harness.
import { afterAll, beforeAll } from 'vitest';
import {
  type FirefoxLaunchOptions,
  type FirefoxSession,
  launchFirefox,
} from '../../../tools/browser/firefox';
import { xdotoolChord } from '../../../tools/browser/realinput';
import { type Sandbox, SEED, startSandbox } from '../../../tools/sandbox/index';

export { SEED };

import { profileFromEnv } from '../../../tools/sandbox/profiles';

export function useFirefox(options: FirefoxLaunchOptions = {}): {
  readonly current: FirefoxSession;
} {
  let session: FirefoxSession | undefined;
  beforeAll(async () => {
    session = await launchFirefox(options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get current() {
      if (!session) throw new Error('Firefox did not start (see beforeAll)');
      return session;
    },
  };
}

export function useFirefoxSandbox(ff: { readonly current: FirefoxSession }): {
  readonly current: Sandbox;
} {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settings: profileFromEnv() });
    const view = await ff.current.request('settings.save', {
      environment: { kind: 'custom', baseUrl: sandbox.url },
      clientId: SEED.clients.pkce,
    });
    if (view.settings.clientId !== SEED.clients.pkce)
      throw new Error('settings.save did not apply');
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

/** A new tab at the agent tool's page of a conversation, and the start-cobrowse shortcut pressed
 * there for real (headful). */
export async function pressStartOn(
  session: FirefoxSession,
  sandbox: Sandbox,
  conversationId: string,
) {
  const page = await session.openWebPage(`${sandbox.url}/sandbox/agent-tool/${conversationId}`);
  const key = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default;
  if (!key) throw new Error('no start-cobrowse shortcut');
  await session.pressKeys(page, xdotoolChord(key));
  return page;
}
