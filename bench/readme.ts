// `npm run bench:readme`: rewrites the README's figures block from bench/results.json (run by
// `npm run bench` after each run; by hand after editing nothing but the renderer).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FIREFOX_RESULTS } from './args';
import { readmeBlock, replaceReadmeBlock } from './report';

/** Chromium's results, and Firefox's beside them when a Firefox run wrote its file. */
export function writeReadme(
  resultsPath: string,
  readmePath: string,
  firefoxPath = FIREFOX_RESULTS,
): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const firefox = existsSync(firefoxPath)
    ? JSON.parse(readFileSync(firefoxPath, 'utf8'))
    : undefined;
  const readme = readFileSync(readmePath, 'utf8');
  writeFileSync(readmePath, replaceReadmeBlock(readme, readmeBlock(results, firefox)));
}

if (process.argv[1]?.endsWith('bench/readme.ts'))
  writeReadme(process.argv[2] ?? 'bench/results.json', 'README.md');
