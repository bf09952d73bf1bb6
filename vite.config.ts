import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { contentScript } from './scripts/content-script-plugin.ts';
import { polyfillOnce } from './scripts/polyfill-once-plugin.ts';
import { regionsDefine } from './scripts/regions.ts';
import { testTimingsDefine } from './scripts/test-timings.ts';

// `vite build` is the release build (dist/). `vite build --mode test` (dist-test/) adds what the
// e2e tests and the demo need to reach the local sandbox: loopback host permissions and a
// fixed public key, so the extension id and its OAuth redirect URI stay stable; and shorter
// clocks (scripts/test-timings.ts), so the suite proves timeout paths in seconds.
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

export default defineConfig(({ mode, command }) => ({
  plugins: [preact(), crx({ manifest: manifestFor(mode) }), contentScript(), polyfillOnce()],
  define: { ...regionsDefine(), ...testTimingsDefine(mode) },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
    rolldownOptions: {
      // The panel page is web-accessible, not named by the manifest as a page: crxjs only
      // builds the pages the manifest names, so it is an entry of its own.
      input: { panel: 'src/panel/index.html' },
      // Rolldown's chunk groups; the dev server's Rollup-based file writer does not know them.
      output:
        command !== 'build'
          ? {}
          : {
              // Code the worker shares with the pages (shared modules, the session status words
              // the badge and the views both pick, valibot, the polyfill) goes in ONE chunk
              // instead of seven small ones: each file restarts gzip and adds import/export glue
              // (~1 KB gzip in all). Only DOM-free modules match, so the worker may load it;
              // Preact and the views keep their own chunks.
              codeSplitting: {
                groups: [
                  {
                    name: 'shared',
                    test: /\/src\/shared\/|\/src\/ui\/session\/status\.ts$|\/node_modules\/(valibot|webextension-polyfill)\/|^\0polyfill-once$/,
                    minShareCount: 2,
                  },
                ],
              },
            },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
}));
