// What the demo needs from the machine (a browser, see find-browser.ts; Xvfb + xdotool for real input), the test
// build, and the sandbox org on a fixed port when it is free.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { type Sandbox, startSandbox } from '../../tools/sandbox/index';

export function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program on PATH (Xvfb, xdotool). */
export function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

export function browserVersion(path: string): string {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return out.stdout?.trim() || path;
}

/**
 * `npm run build:test` (or the build in another vite mode) into `outDir`: the caller's own
 * folder, so it never rebuilds the dist-test/ a running e2e suite has loaded. Its output is
 * shown only when it fails.
 */
export function buildTestExtension(
  outDir: string,
  script: 'build:test' | 'build:test:firefox' | 'build:org-check' = 'build:test',
): Promise<void> {
  const args = ['run', '--silent', script, '--', '--outDir', outDir];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm run ${script} failed (exit ${code}):\n${output}`));
    });
  });
}

export const PREFERRED_PORT = 8787;

/** The sandbox on 127.0.0.1:8787 (or `port`), or on a free port when that one is taken. */
export async function startDemoSandbox(port = PREFERRED_PORT): Promise<Sandbox> {
  try {
    return await startSandbox({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSandbox({ port: 0 });
  }
}
