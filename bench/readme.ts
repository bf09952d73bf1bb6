// `npm run bench:readme`: rewrites the README's figures block from bench/results.json (run by
// `npm run bench` after each run; by hand after editing nothing but the renderer).
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeBlock, replaceReadmeBlock } from './report';

export function writeReadme(resultsPath: string, readmePath: string): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const readme = readFileSync(readmePath, 'utf8');
  writeFileSync(readmePath, replaceReadmeBlock(readme, readmeBlock(results)));
}

if (process.argv[1]?.endsWith('bench/readme.ts'))
  writeReadme(process.argv[2] ?? 'bench/results.json', 'README.md');
