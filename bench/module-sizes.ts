// `npm run bench:modules [-- TOP]`: what each context's JS is made of. Builds the release with
// source maps into a private directory, then prints each context's gzip (the bench's own
// figures, bench/sizes.ts) and, per file it loads, its largest source modules with their bytes
// and estimated gzip shares (bench/module-attribution.ts). For finding what to cut; the judged
// size figures are the bench's (no source maps there).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesBySource, moduleShares } from './module-attribution';
import { analyzeBundle, type BundleSizes, readDist } from './sizes';
import { viteBuild } from './vite-build';

const DIR = 'dist-bench-modules';
const top = Number(process.argv[2] ?? 15);

viteBuild({ mode: 'production', outDir: DIR, sourcemap: true });
const files = readDist(DIR);
// The maps' comment is not shipped: sizes are of the code without it.
const strip = (code: string) => code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
for (const [path, content] of files)
  if (path.endsWith('.js'))
    files.set(path, Buffer.from(strip(Buffer.from(content).toString('utf8'))));
const sizes: BundleSizes = analyzeBundle(files);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

console.log(`all shipped JS: ${sizes.totalJs.gzip} B gzip (${kb(sizes.totalJs.gzip)})`);
for (const [name, entry] of Object.entries(sizes.entries)) {
  if (entry.roots.length === 0) continue;
  console.log(`\n${name}: ${entry.gzip} B gzip (own files ${entry.ownGzip} B)`);
  for (const file of entry.files) {
    const size = sizes.files.find((f) => f.path === file);
    console.log(
      `  ${file}: ${size?.gzip} B gzip, ${size?.bytes} B, loaded by ${size?.entries.join(', ')}`,
    );
  }
}
for (const file of sizes.files) {
  let map: { sources: string[]; mappings: string };
  try {
    map = JSON.parse(readFileSync(join(DIR, `${file.path}.map`), 'utf8'));
  } catch {
    continue; // the content script is built without a map (scripts/content-script-plugin.ts)
  }
  const code = Buffer.from(files.get(file.path) as Uint8Array).toString('utf8');
  console.log(`\n${file.path} (${file.gzip} B gzip): est. gzip, bytes, module`);
  for (const m of moduleShares(bytesBySource(code, map), file.gzip).slice(0, top)) {
    const source = m.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
    console.log(`  ${String(m.gzip).padStart(6)} ${String(m.bytes).padStart(7)}  ${source}`);
  }
}
console.log(
  "\ngzip level 9 per file; a module's gzip is an estimate: its file's gzip × its share of the bytes.",
);
