import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `vite build` is the release build (dist/). `vite build --mode test` (dist-test/) adds what the
// e2e tests and the demo need to reach the local sandbox: loopback host permissions and a
// fixed public key, so the extension id and its OAuth redirect URI stay stable.
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

export default defineConfig(({ mode }) => ({
  plugins: [preact(), crx({ manifest: manifestFor(mode) })],
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  legacy: {},
}));
