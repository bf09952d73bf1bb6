// One `vite build` of the extension for the bench's tools (sizes, timings, comparisons): the
// project's own vite from node_modules, into a directory of the caller's, output passed through.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface ViteBuild {
  /** vite's --mode: 'production' (release), 'test', 'firefox', 'firefox-test' */
  mode: string;
  outDir: string;
  /** the checkout to build (a worktree of another revision); default the current directory */
  cwd?: string;
  sourcemap?: boolean;
  /** 'error' hides an older revision's warnings where only its sizes are wanted */
  logLevel?: 'warn' | 'error';
  /** vite's progress lines on stdout; its warnings and errors always reach stderr */
  stdout?: 'inherit' | 'ignore';
  timeoutMs?: number;
}

export function viteBuild(b: ViteBuild): void {
  execFileSync(
    resolve('node_modules/.bin/vite'),
    [
      'build',
      ...['--mode', b.mode, '--outDir', b.outDir, '--emptyOutDir'],
      ...(b.sourcemap ? ['--sourcemap'] : []),
      ...['--logLevel', b.logLevel ?? 'warn'],
    ],
    {
      ...(b.cwd ? { cwd: b.cwd } : {}),
      stdio: ['ignore', b.stdout ?? 'inherit', 'inherit'],
      timeout: b.timeoutMs ?? 180_000,
    },
  );
}
