// Builds what the bench measures, and brings up the browser + sandbox pair.
//
// Two builds of the same sources: the RELEASE build (what ships; its sizes are reported) and the
// TEST build (the release manifest plus loopback host permissions and the fixed key, so the
// extension may talk to the sandbox on 127.0.0.1 and its OAuth redirect URI is registered).
// Timings run on the test build: the release manifest cannot reach an http://127.0.0.1 sandbox.
// Both go to bench-private directories so a bench run never rewrites dist/ or dist-test/ under
// an e2e run (dist-*/ is git-ignored).
import { type ExtensionSession, launchExtension } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import { type RemoteSandbox, startSandboxProcess } from './sandbox-process';
import { viteBuild } from './vite-build';

export const RELEASE_DIR = 'dist-bench-release';
export const TEST_DIR = 'dist-bench-test';

export function buildExtensions(log: (line: string) => void): void {
  for (const [dir, mode] of [
    [RELEASE_DIR, 'production'],
    [TEST_DIR, 'test'],
  ] as const) {
    log(`building ${mode === 'test' ? 'test' : 'release'} extension → ${dir}/`);
    viteBuild({ mode, outDir: dir });
  }
}

export interface Bench {
  session: ExtensionSession;
  sandbox: RemoteSandbox;
  close(): Promise<void>;
}

// Playwright attaches to every service worker and, unless told not to, turns on the DevTools
// Network domain in it (to report its requests): every fetch of the worker then also feeds the
// driver. The bench never reads the worker's network, so it switches that off before launching.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

/** Chromium with the test build under a private Xvfb, signed in against the sandbox. */
export async function launchSignedIn(sandboxUrl: string): Promise<ExtensionSession> {
  // Headful under a private Xvfb: the shortcut is pressed for real (xdotool).
  const session = await launchExtension({ dist: TEST_DIR, headful: true });
  try {
    const view = await session.request('settings.save', {
      environment: { kind: 'custom', baseUrl: sandboxUrl },
      clientId: SEED.clients.pkce,
    });
    if (view.settings.environment.kind !== 'custom')
      throw new Error(`settings.save did not apply: ${JSON.stringify(view.settings)}`);
    // autoApprove: the sandbox's authorize answers with a code at once (no login window).
    const status = await session.request('auth.signIn', {});
    if (!status.signedIn) throw new Error(`sign-in failed: ${JSON.stringify(status)}`);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** The sandbox (its own process, with the given latency) and a signed-in Chromium. */
export async function startBench(latencyMs: number): Promise<Bench> {
  const sandbox = await startSandboxProcess(latencyMs);
  let session: ExtensionSession;
  try {
    await sandbox.settings({ autoApprove: true });
    session = await launchSignedIn(sandbox.url);
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
