// Ids in a URL. Genesys Cloud interaction pages carry the conversation id in the hash route
// (`/directory/#/engage/admin/interactions/{id}`, `/directory/#/analytics/interactions/{id}/admin`,
// `#/interaction/{id}`); in-house tools use `/conversations/{id}` paths or `conversationId=`
// parameters. Whether the host is a Genesys region is decided later, in detect(), with the
// service-discovery list, so this file stays small enough for the content script.
import { isIdKey } from './dom';
import type { Hint } from './types';
import { findUuids, normaliseId } from './uuid';

/** A path segment after which a UUID is a conversation id. */
const ID_SEGMENT = /^(?:conversations?|interactions?)$/i;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `/a/b?x=1` → path segments and parameters. Used for the path and for a hash route. */
function splitRoute(route: string): { segments: string[]; params: URLSearchParams } {
  const q = route.indexOf('?');
  const path = q < 0 ? route : route.slice(0, q);
  const query = q < 0 ? '' : route.slice(q + 1);
  return { segments: path.split('/').map(decode), params: new URLSearchParams(query) };
}

function explicitFromRoute(
  route: string,
  host: string | undefined,
  out: Hint[],
  depth: number,
): void {
  const { segments, params } = splitRoute(route);
  for (let i = 1; i < segments.length; i++) {
    const id = normaliseId(segments[i]);
    if (id && ID_SEGMENT.test(segments[i - 1] ?? '')) {
      out.push({ id, source: 'url-path', where: segments[i - 1], host });
    }
  }
  let n = 0;
  for (const [key, value] of params) {
    if (++n > 50) break;
    if (isIdKey(key)) {
      for (const m of findUuids(value, 5))
        out.push({ id: m.id, source: 'url-param', where: key, host });
    } else if (depth === 0 && value.includes('://')) {
      // A URL inside a parameter (a return or deep link) may itself be an interaction URL.
      for (const h of urlHints(value, 1)) if (h.source !== 'url') out.push(h);
    }
  }
}

/**
 * Ids in a URL: explicit ones first (interaction path, id parameter; `host` set when the URL
 * parsed), then any other UUID in it as source `url`. Never throws; reads `maxChars` at most.
 */
export function urlHints(url: string, depth = 0, maxChars = 8_192): Hint[] {
  const s = url.length > maxChars ? url.slice(0, maxChars) : url;
  const out: Hint[] = [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(s.trim());
  } catch {
    // A relative or broken URL: still read it as a route.
  }
  if (parsed) {
    const host = parsed.hostname || undefined;
    explicitFromRoute(parsed.pathname + parsed.search, host, out, depth);
    // Hash routes: "#/engage/…", "#!/…", "#interaction/…"
    const hash = parsed.hash.replace(/^#!?/, '');
    if (hash) explicitFromRoute(hash.startsWith('/') ? hash : `/${hash}`, host, out, depth);
  } else {
    const at = s.indexOf('#');
    explicitFromRoute(at < 0 ? s : s.slice(0, at), undefined, out, depth);
    if (at >= 0)
      explicitFromRoute(`/${s.slice(at + 1).replace(/^!?\/?/, '')}`, undefined, out, depth);
  }
  const seen = new Set(out.map((h) => h.id));
  for (const m of findUuids(s, 20)) {
    if (!seen.has(m.id)) {
      seen.add(m.id);
      out.push({ id: m.id, source: 'url', host: parsed?.hostname || undefined });
    }
  }
  return out;
}
