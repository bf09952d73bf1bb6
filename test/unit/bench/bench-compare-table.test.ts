// The table `npm run bench:compare` prints: each context's gzip per revision, the difference
// from the first revision, contexts no revision has left out.
import { describe, expect, it } from 'vitest';
import { sizeTable } from '../../../bench/compare-table';
import type { BundleSizes, EntryName, EntrySize } from '../../../bench/sizes';

const entry = (gzip: number, present = true): EntrySize => ({
  roots: present ? ['x.js'] : [],
  files: [],
  bytes: 0,
  gzip,
  ownGzip: 0,
});

function sizes(gzip: Partial<Record<EntryName, number>>, total: number): BundleSizes {
  const names: EntryName[] = [
    'serviceWorker',
    'popup',
    'options',
    'panel',
    'workerPages',
    'contentDeclared',
    'content',
    'unreferenced',
  ];
  return {
    entries: Object.fromEntries(
      names.map((n) => [n, entry(gzip[n] ?? 0, gzip[n] !== undefined)]),
    ) as Record<EntryName, EntrySize>,
    files: [],
    totalJs: { files: 0, bytes: 0, gzip: total },
    otherGzip: {},
  };
}

describe('bench:compare table', () => {
  it('gives each revision its size and its difference from the first', () => {
    const table = sizeTable([
      { rev: 'old', sizes: sizes({ serviceWorker: 38_657, content: 6_176 }, 67_141) },
      { rev: 'new (abc1234)', sizes: sizes({ serviceWorker: 38_502, content: 6_200 }, 68_797) },
    ]);
    expect(table.split('\n')).toEqual([
      '| gzip (B) | old | new (abc1234) |',
      '| --- | ---: | ---: |',
      '| service worker | 38,657 | 38,502 (-155) |',
      '| content script | 6,176 | 6,200 (+24) |',
      '| all shipped JS | 67,141 | 68,797 (+1,656) |',
    ]);
  });

  it('keeps a context one revision has and another lacks, and an equal size as 0', () => {
    const table = sizeTable([
      { rev: 'a', sizes: sizes({ popup: 10 }, 10) },
      { rev: 'b', sizes: sizes({ popup: 10, workerPages: 5 }, 15) },
    ]);
    expect(table).toContain('| popup | 10 | 10 (0) |');
    expect(table).toContain('| pages the worker opens | 0 | 5 (+5) |');
  });
});
