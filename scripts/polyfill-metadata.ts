// webextension-polyfill carries a table of every API it wraps (`apiMetadata`: each namespace's
// async methods with their argument counts), ~6.4 KB of the ~9.6 KB it adds to every context
// but the content script. Only the namespaces the extension calls through `browser.*` need it:
// a namespace left out of the table is handed out as Chrome's own object (the polyfill's
// wrapObject), and in MV3 Chrome's methods return promises themselves
// (https://developer.chrome.com/docs/extensions/develop/migrate/api-calls#replace-callbacks).
// Firefox never reads the table: it has `browser` natively and the polyfill returns it.

/**
 * The namespaces src/ calls through `browser.*` that the table lists (test/unit/scripts/
 * polyfill-metadata.test.ts checks this against the sources). `action` and `scripting` are
 * called too but are not in the table.
 */
export const KEPT_NAMESPACES = [
  'commands',
  'contextMenus',
  'i18n',
  'identity',
  'notifications',
  'permissions',
  'runtime',
  'storage',
  'tabs',
  'windows',
] as const;

const START = 'const apiMetadata = ';
const END = ';\n';

/** The table's text in the polyfill's source: its start and end offsets. */
function tableAt(code: string): { from: number; to: number } {
  const start = code.indexOf(START);
  const to = start < 0 ? -1 : code.indexOf(END, start);
  if (start < 0 || to < 0 || code.indexOf(START, start + 1) >= 0)
    throw new Error(
      'webextension-polyfill: no single `const apiMetadata = {…};` in browser-polyfill.js; ' +
        'its layout changed, update scripts/polyfill-metadata.ts',
    );
  return { from: start + START.length, to };
}

/** Every namespace the polyfill's table lists. */
export function metadataNamespaces(code: string): string[] {
  const { from, to } = tableAt(code);
  return Object.keys(JSON.parse(code.slice(from, to)));
}

/**
 * The polyfill's source with its table cut to `keep`. Throws when the table cannot be found or
 * lacks a kept namespace (a new polyfill version), so a build never ships a table it did not check.
 */
export function slimPolyfill(code: string, keep: readonly string[] = KEPT_NAMESPACES): string {
  const { from, to } = tableAt(code);
  const table: Record<string, unknown> = JSON.parse(code.slice(from, to));
  const missing = keep.filter((ns) => !(ns in table));
  if (missing.length > 0)
    throw new Error(`webextension-polyfill: its table has no ${missing.join(', ')}`);
  const slim = Object.fromEntries(keep.map((ns) => [ns, table[ns]]));
  return code.slice(0, from) + JSON.stringify(slim) + code.slice(to);
}
