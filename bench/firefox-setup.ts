// Builds what the Firefox bench measures (the same sources, `--mode firefox` and
// `--mode firefox-test`, into bench-private directories) and brings up Firefox + the sandbox.
// As in Chromium: sizes from the release build, timings on the test build (loopback host
// permissions, so the add-on may reach the sandbox on 127.0.0.1).
import { type FirefoxSession, launchFirefox } from '../tools/browser/firefox';
import { SEED } from '../tools/sandbox/index';
import { type RemoteSandbox, startSandboxProcess } from './sandbox-process';
import { viteBuild } from './vite-build';

export const FIREFOX_RELEASE_DIR = 'dist-bench-firefox-release';
export const FIREFOX_TEST_DIR = 'dist-bench-firefox-test';

export function buildFirefoxExtensions(log: (line: string) => void): void {
  for (const [dir, mode] of [
    [FIREFOX_RELEASE_DIR, 'firefox'],
    [FIREFOX_TEST_DIR, 'firefox-test'],
  ] as const) {
    log(`building Firefox ${mode === 'firefox-test' ? 'test' : 'release'} add-on → ${dir}/`);
    viteBuild({ mode, outDir: dir });
  }
}

/** Firefox with the test build under a private Xvfb (real keys), signed in against the sandbox. */
export async function launchFirefoxSignedIn(sandboxUrl: string): Promise<FirefoxSession> {
  const session = await launchFirefox({ dist: FIREFOX_TEST_DIR, headful: true });
  try {
    const view = await session.request('settings.save', {
      environment: { kind: 'custom', baseUrl: sandboxUrl },
      clientId: SEED.clients.pkce,
    });
    if (view.settings.environment.kind !== 'custom')
      throw new Error(`settings.save did not apply: ${JSON.stringify(view.settings)}`);
    const status = await session.request('auth.signIn', {});
    if (!status.signedIn) throw new Error(`sign-in failed: ${JSON.stringify(status)}`);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

export interface FirefoxBench {
  session: FirefoxSession;
  sandbox: RemoteSandbox;
  close(): Promise<void>;
}

export async function startFirefoxBench(latencyMs: number): Promise<FirefoxBench> {
  const sandbox = await startSandboxProcess(latencyMs);
  let session: FirefoxSession;
  try {
    await sandbox.settings({ autoApprove: true });
    session = await launchFirefoxSignedIn(sandbox.url);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    session,
    sandbox,
    async close() {
      await session.close();
      await sandbox.close();
    },
  };
}
