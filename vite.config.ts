import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { regionsDefine } from './scripts/regions';

// `vite build` is the release build (dist/). `vite build --mode test` (dist-test/) adds what the
// e2e tests and the demo need to reach the local sandbox: loopback host permissions and a
// fixed public key, so the extension id and its OAuth redirect URI stay stable.
/** The content script, built by crxjs as an IIFE and injected on demand only. */
const INJECTED_SCRIPT = 'src/content/main.js';

export const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'ws://127.0.0.1/*', 'http://localhost/*'];

function manifestFor(mode: string): ManifestV3Export {
  const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
  manifest.version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  if (mode === 'test') {
    manifest.key = JSON.parse(readFileSync('test/e2e/test-key.json', 'utf8')).key;
    manifest.host_permissions = [...manifest.host_permissions, ...LOOPBACK_HOSTS];
  }
  return manifest;
}

// crxjs lists every `?iife` script in web_accessible_resources for all http(s) pages and also
// emits an unused ESM copy of it. Ours is injected only by scripting.executeScript, which needs
// neither: dropping them keeps pages from fingerprinting the extension and the zip smaller.
function injectedOnly(): Plugin {
  return {
    name: 'cobrowse:injected-content-only',
    apply: 'build',
    // crx:manifest-post moves itself last and writes web_accessible_resources in
    // generateBundle, so the written files are patched once they are on disk.
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const file = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      manifest.web_accessible_resources = (manifest.web_accessible_resources ?? [])
        .map((entry: { resources: string[] }) => ({
          ...entry,
          resources: entry.resources.filter((r) => r !== INJECTED_SCRIPT),
        }))
        .filter((entry: { resources: string[] }) => entry.resources.length > 0);
      if (manifest.web_accessible_resources.length === 0) delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/content/main.ts')) {
          rmSync(join(dir, name), { force: true });
        }
      }
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [preact(), crx({ manifest: manifestFor(mode) }), injectedOnly()],
  define: regionsDefine(),
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
    rolldownOptions: {
      // The panel page is web-accessible, not named by the manifest as a page: crxjs only
      // builds the pages the manifest names, so it is an entry of its own.
      input: { panel: 'src/panel/index.html' },
      output: {
        // Code the worker shares with the pages (shared modules, valibot, the polyfill) goes in
        // ONE chunk instead of six small ones: each file restarts gzip and adds import/export
        // glue (~0.8 KB gzip in all). Only DOM-free modules match, so the worker may load it;
        // Preact and the views keep their own chunks.
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /\/src\/shared\/|\/node_modules\/(valibot|webextension-polyfill)\//,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  legacy: {},
}));
