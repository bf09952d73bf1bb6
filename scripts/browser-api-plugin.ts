// The sources call the WebExtensions API as `browser` (webextension-polyfill's API and types),
// and unit tests give them @webext-core/fake-browser under that name. In the build that import
// is the browser's own object, not the polyfill: Firefox has `browser` natively, and in Chrome
// `chrome` returns a promise from every API this extension calls since Chrome 116 (the
// manifest's minimum; contextMenus.removeAll from 123, and it is only awaited, never read).
// What the polyfill did beyond that (a promise returned by a runtime.onMessage listener becomes
// the answer) the router does itself with sendResponse. Saves the polyfill's ~2.7 KB gzip in the
// worker and in every page, and its wrapping work when each context starts.
import type { Plugin } from 'vite';

const POLYFILL = 'webextension-polyfill';
/** Matched by the shared chunk group in vite.config.ts. */
export const BROWSER_API = '\0browser-api';

export function browserApi(): Plugin {
  return {
    name: 'browser-api',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source === POLYFILL ? BROWSER_API : null;
    },
    load(id) {
      if (id !== BROWSER_API) return null;
      return 'export default globalThis.browser ?? globalThis.chrome;\n';
    },
  };
}
