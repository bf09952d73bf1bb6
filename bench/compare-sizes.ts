// `npm run bench:compare -- REV [REV ...]`: the release build's gzip per context for each git
// revision, side by side, each against the first. Every revision is built in a temporary
// worktree with this checkout's node_modules (same toolchain; a revision whose lockfile names
// other versions is measured with these) and measured by this checkout's bench/sizes.ts, so
// only the sources differ. For "did this change make any bundle bigger"; the judged figures
// are `npm run bench`'s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sizeTable } from './compare-table';
import { analyzeBundle, type BundleSizes, readDist } from './sizes';
import { viteBuild } from './vite-build';

const revs = process.argv.slice(2);
if (revs.length === 0) {
  console.error(
    'usage: npm run bench:compare -- REV [REV ...]   (git revisions, e.g. HEAD~3 HEAD)',
  );
  process.exit(2);
}

const git = (...args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

function measure(rev: string): BundleSizes {
  const dir = mkdtempSync(join(tmpdir(), 'cobrowse-sizes-'));
  const tree = join(dir, 'tree');
  git('worktree', 'add', '--quiet', '--detach', tree, rev);
  try {
    symlinkSync(resolve('node_modules'), join(tree, 'node_modules'), 'dir');
    viteBuild({
      mode: 'production',
      outDir: join(dir, 'out'),
      cwd: tree,
      logLevel: 'error',
      stdout: 'ignore',
      timeoutMs: 300_000,
    });
    return analyzeBundle(readDist(join(dir, 'out')));
  } finally {
    git('worktree', 'remove', '--force', tree);
    rmSync(dir, { recursive: true, force: true });
  }
}

const measured = revs.map((rev) => {
  const commit = git('rev-parse', '--short', `${rev}^{commit}`);
  console.error(`building ${rev} (${commit})…`);
  return { rev: rev === commit ? rev : `${rev} (${commit})`, sizes: measure(rev) };
});
console.log(sizeTable(measured));
