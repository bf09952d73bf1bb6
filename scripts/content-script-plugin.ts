// Builds the on-demand content script (src/content/main.ts) as one self-contained IIFE at
// src/content/main.js, the file the worker passes to scripting.executeScript. It is never
// declared in the manifest nor web-accessible: a page cannot fetch or fingerprint it. The
// worker imports its path from `virtual:content-script`.
// (crxjs's `?iife` import does the same but lists the file as web-accessible for every page,
// emits an unused ESM copy, and passes Rollup's inlineDynamicImports, which Rolldown warns about
// on every build.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export const CONTENT_ENTRY = 'src/content/main.ts';
export const CONTENT_FILE = 'src/content/main.js';
const VIRTUAL = 'virtual:content-script';

async function bundle(config: ResolvedConfig): Promise<string> {
  const out = await build({
    configFile: false,
    root: config.root,
    mode: config.mode,
    define: config.define,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      emptyOutDir: false,
      minify: config.command === 'build' ? config.build.minify : false,
      sourcemap: false,
      target: config.build.target,
      lib: {
        entry: resolve(config.root, CONTENT_ENTRY),
        formats: ['iife'],
        name: 'cobrowseLauncherContent',
        fileName: () => CONTENT_FILE,
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) =>
    'output' in o ? o.output : [],
  );
  const chunk = outputs.find((o) => o.type === 'chunk' && o.fileName === CONTENT_FILE);
  if (chunk?.type !== 'chunk') throw new Error(`${CONTENT_FILE} was not built`);
  return chunk.code;
}

export function contentScript(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'cobrowse:content-script',
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      return `export default ${JSON.stringify(CONTENT_FILE)};`;
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: CONTENT_FILE, source: await bundle(config) });
    },
    // `npm run dev`: the unpacked extension is the output folder; write the script there.
    async configureServer(server) {
      const write = async () => {
        const file = join(config.root, config.build.outDir, CONTENT_FILE);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, await bundle(config));
      };
      await write();
      server.watcher.on('change', (path) => {
        if (path.includes(`${join('src', 'content')}`) || path.includes(join('src', 'shared'))) {
          write().catch((err: unknown) => config.logger.error(String(err)));
        }
      });
    },
  };
}
