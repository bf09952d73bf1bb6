// The release zip writer: archives that standard tools read back byte for byte.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseProblems } from '../../../scripts/package';
import { readTree, zip } from '../../../scripts/zip';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'zip-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * The system unzip is the independent reader. Locally the round trip is skipped where it is
 * missing; under CI (`.ci/run` installs it) a missing unzip fails the test instead of hiding it.
 */
const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from(`{"name":"x"}${' '.repeat(500)}`) },
    { name: 'src/popup/index.html', data: Buffer.from('<p>héllo</p>') },
    {
      name: 'icons/random.bin',
      data: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97) % 256)),
    },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it.runIf(hasUnzip || Boolean(process.env.CI))(
    'writes an archive unzip verifies and extracts unchanged',
    () => {
      expect(hasUnzip, 'unzip must be installed in CI (.ci/run installs it)').toBe(true);
      const dir = tempDir();
      const file = join(dir, 'out.zip');
      writeFileSync(file, zip(entries));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors');
      const out = join(dir, 'x');
      execFileSync('unzip', ['-q', file, '-d', out]);
      for (const e of entries) expect(readFileSync(join(out, e.name))).toEqual(e.data);
    },
  );

  it('is deterministic and independent of entry order', () => {
    expect(zip(entries)).toEqual(zip([...entries].reverse()));
  });

  it('compresses text', () => {
    const big = { name: 'a.txt', data: Buffer.from('cobrowse '.repeat(1000)) };
    expect(zip([big]).length).toBeLessThan(big.data.length / 10);
  });

  it('reads a tree with forward-slash names', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'c.txt'), 'c');
    writeFileSync(join(dir, 'top.txt'), 't');
    expect(
      readTree(dir)
        .map((e) => e.name)
        .sort(),
    ).toEqual(['a/b/c.txt', 'top.txt']);
  });
});

describe('releaseProblems', () => {
  it('accepts a clean manifest and names each test-only entry', () => {
    expect(
      releaseProblems({ version: '1.0.0', host_permissions: ['https://api.x/*'] }, '1.0.0'),
    ).toEqual([]);
    const problems = releaseProblems(
      { version: '0.9.0', key: 'k', host_permissions: ['http://127.0.0.1/*', 'https://api.x/*'] },
      '1.0.0',
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/key[\s\S]*127\.0\.0\.1[\s\S]*0\.9\.0/);
  });
});
