import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { contentScript } from './scripts/content-script-plugin.ts';
import { polyfillOnce } from './scripts/polyfill-once-plugin.ts';
import { regionsDefine } from './scripts/regions.ts';
import { slimLocales } from './scripts/slim-locales-plugin.ts';
import { testTimingsDefine } from './scripts/test-timings.ts';

// `vite build` is the release build (dist/). `vite build --mode test` (dist-test/) adds what the
// e2e tests and the demo need to reach the local sandbox: loopback host permissions and a
// fixed public key, so the extension id and its OAuth redirect URI stay stable; and shorter
// clocks (scripts/test-timings.ts), so the suite proves timeout paths in seconds.
export const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'ws://127.0.0.1/*', 'http://localhost/*'];

function manifestFor(mode: string): ManifestV3Export {
  const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
  manifest.version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  // The org check's build (npm run org-check) has them too, but the release clocks: it talks to
  // a real org, and its redirect URI must be one the admin can register once.
  if (mode === 'test' || mode === 'org-check') {
    manifest.key = JSON.parse(readFileSync('test/e2e/test-key.json', 'utf8')).key;
    manifest.host_permissions = [...manifest.host_permissions, ...LOOPBACK_HOSTS];
  }
  return manifest;
}

// What the offscreen document runs, in chunks of its own, so that document loads neither the
// shared nor the pages' chunk: the alert tone and the message names (which the worker loads
// too), and the clipboard writer (which the pages load too). Apart, so the worker carries no
// clipboard code and the pages no tone.
const OFFSCREEN_KIT = [/\/src\/shared\/(tone|offscreen)\.ts$/];
const CLIPBOARD = [/\/src\/shared\/clipboard\.ts$/];
// The worker's chunk partners: what it shares with the pages (the shared modules, the session
// status line that the badge and the views both show, valibot, the polyfill). DOM-free only,
// so the worker may load it; the pages' message client and media words are the pages' alone.
const SHARED = [
  /\/src\/shared\/(?!client\.ts$|media\.ts$|clipboard\.ts$|tone\.ts$|offscreen\.ts$)/,
  /\/node_modules\/(valibot|webextension-polyfill)\//,
  /^\0polyfill-once$/,
];
// What the pages alone share: Preact, the error and copy views, the message client. The session
// views (popup and panel, not options) keep a chunk of their own.
const UI = [
  /\/node_modules\/preact\//,
  // Scripts only: ui.css is the popup's and options' stylesheet, never the panel's.
  /\/src\/ui\/(?!session\/(SessionView|format)\.tsx?$).*\.tsx?$/,
  /\/src\/shared\/client\.ts$/,
];
const matching = (patterns: RegExp[]) => (id: string) => patterns.some((re) => re.test(id));

export default defineConfig(({ mode, command }) => ({
  plugins: [
    preact(),
    crx({ manifest: manifestFor(mode) }),
    contentScript(),
    polyfillOnce(),
    slimLocales(),
  ],
  define: { ...regionsDefine(), ...testTimingsDefine(mode) },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Chrome supports <link rel=modulepreload> natively (since 66): no polyfill in any page.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      // The panel page is web-accessible, not named by the manifest as a page, and the
      // offscreen page (the clipboard and the alert tone) is opened by the worker: crxjs only
      // builds the pages the manifest names, so each is an entry of its own.
      input: { panel: 'src/panel/index.html', offscreen: 'src/offscreen/index.html' },
      // Rolldown's chunk groups; the dev server's Rollup-based file writer does not know them.
      output:
        command !== 'build'
          ? {}
          : {
              // What two or more contexts load goes in two chunks, not one per set of
              // importers: each file a context loads restarts gzip and adds import/export glue.
              codeSplitting: {
                groups: [
                  { name: 'offscreen-kit', test: matching(OFFSCREEN_KIT), minShareCount: 2 },
                  { name: 'clipboard', test: matching(CLIPBOARD), minShareCount: 2 },
                  { name: 'shared', test: matching(SHARED), minShareCount: 2 },
                  { name: 'ui', test: matching(UI), minShareCount: 2 },
                ],
              },
            },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
}));
