// Builds what the bench measures, and brings up the browser + sandbox pair.
//
// Two builds of the same sources: the RELEASE build (what ships; its sizes are reported) and the
// TEST build (the release manifest plus loopback host permissions and the fixed key, so the
// extension may talk to the sandbox on 127.0.0.1 and its OAuth redirect URI is registered).
// Timings run on the test build: the release manifest cannot reach an http://127.0.0.1 sandbox.
// Both go to bench-private directories so a bench run never rewrites dist/ or dist-test/ under
// an e2e run (dist-*/ is git-ignored).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { type ExtensionSession, launchExtension } from '../tools/browser/browser';
import { type Sandbox, SEED, startSandbox } from '../tools/sandbox/index';

export const RELEASE_DIR = 'dist-bench-release';
export const TEST_DIR = 'dist-bench-test';

export function buildExtensions(log: (line: string) => void): void {
  const vite = resolve('node_modules/.bin/vite');
  for (const [dir, mode] of [
    [RELEASE_DIR, 'production'],
    [TEST_DIR, 'test'],
  ] as const) {
    log(`building ${mode === 'test' ? 'test' : 'release'} extension → ${dir}/`);
    execFileSync(
      vite,
      ['build', '--mode', mode, '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: 180_000,
      },
    );
  }
}

export interface Bench {
  session: ExtensionSession;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Chromium with the test build, a sandbox with the given latency, the extension signed in. */
export async function startBench(latencyMs: number): Promise<Bench> {
  const sandbox = await startSandbox({ port: 0, settings: { latencyMs, autoApprove: true } });
  let session: ExtensionSession | undefined;
  try {
    // Headful under a private Xvfb: the shortcut is pressed for real (xdotool).
    session = await launchExtension({ dist: TEST_DIR, headful: true });
    const view = await session.request('settings.save', {
      environment: { kind: 'custom', baseUrl: sandbox.url },
      clientId: SEED.clients.pkce,
    });
    if (view.settings.environment.kind !== 'custom')
      throw new Error(`settings.save did not apply: ${JSON.stringify(view.settings)}`);
    // autoApprove: the sandbox's authorize answers with a code at once (no login window).
    const status = await session.request('auth.signIn', {});
    if (!status.signedIn) throw new Error(`sign-in failed: ${JSON.stringify(status)}`);
  } catch (error) {
    await session?.close();
    await sandbox.close();
    throw error;
  }
  const opened = session;
  return {
    session: opened,
    sandbox,
    async close() {
      await opened.close();
      await sandbox.close();
    },
  };
}
