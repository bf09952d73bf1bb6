// `npm run sandbox` = tsx test/sandbox/cli.ts: prints where it listens and the seed, stops on Ctrl-C.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run sandbox', () => {
  it('prints the URL, users and client ids, serves, and exits cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'tools/sandbox/cli.ts', '--port', '0'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += String(chunk);
          const m = /Genesys Cloud sandbox on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Ctrl-C/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
      });
      for (const id of [...Object.values(SEED.users), ...Object.values(SEED.clients)])
        expect(out).toContain(id);
      expect(out).toContain('Ελένη Παπαδοπούλου');
      expect((await fetch(`${url}/api/v2/conversations`)).status).toBe(401);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
