// webextension-polyfill as the bundles take it: once, and with the API table cut to what the
// extension calls.
// - It is CommonJS. Imported as is, every chunk that imports it (the worker's, each page's)
//   calls Rolldown's interop helper on it, and that helper ships as a chunk of its own that the
//   worker and every page load. Routed through one ES module, which the shared chunk holds, the
//   interop happens there once: other chunks import a plain binding, and the helper lands in the
//   shared chunk (~0.4 KB gzip less in all, 0.25 KB of it in the worker).
// - Its table of every API it wraps is cut to the namespaces src/ uses (polyfill-metadata.ts).
import type { Plugin } from 'vite';
import { slimPolyfill } from './polyfill-metadata.ts';

const POLYFILL = 'webextension-polyfill';
/** Matched by the shared chunk group in vite.config.ts. */
export const POLYFILL_ONCE = '\0polyfill-once';
const POLYFILL_FILE = /\/node_modules\/webextension-polyfill\/dist\/browser-polyfill\.js$/;

export function polyfillOnce(): Plugin {
  return {
    name: 'polyfill-once',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === POLYFILL && importer !== POLYFILL_ONCE) return POLYFILL_ONCE;
      return null;
    },
    load(id) {
      if (id !== POLYFILL_ONCE) return null;
      return `import browser from '${POLYFILL}';\nexport default browser;\n`;
    },
    transform(code, id) {
      return POLYFILL_FILE.test(id) ? { code: slimPolyfill(code), map: null } : null;
    },
  };
}
