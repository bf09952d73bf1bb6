// Injected faults: the next matching request(s) fail the way a test asks. Matching is on the
// method and a regular expression over the path (API, OAuth and the notification socket).
import { isRecord } from './http';

export interface FaultSpec {
  /** HTTP method; omitted or "*" matches any. */
  method?: string;
  /** Regular expression tested against the request path (e.g. "/cobrowse$"). */
  path: string;
  /** Answer with this status and an ErrorBody (code defaults from the status). */
  status?: number;
  code?: string;
  message?: string;
  /** Retry-After header, seconds. */
  retryAfter?: number;
  /** Wait this long first; alone, the request then proceeds normally. */
  delayMs?: number;
  /** How many matching requests it affects: default 1; 0 means until cleared. */
  times?: number;
  /** Destroy the TCP connection without an answer (a network error for the client). */
  dropSocket?: boolean;
  /** Answer with a truncated JSON body (status defaults to 200). */
  malformedBody?: boolean;
  /**
   * Answer 307 (or `status`, a 3xx) with `Location` = this URL plus the request's path and
   * query when it ends in "/" (e.g. another sandbox's origin): a redirect to another origin.
   */
  redirectTo?: string;
  /**
   * Answer an ErrorBody (status defaults to 400) whose `message` makes the body this many
   * bytes (e.g. 12 * 1024 * 1024): a huge error message.
   */
  hugeBodyBytes?: number;
  /** With hugeBodyBytes: stream it in chunks without Content-Length (a client must count). */
  chunked?: boolean;
  /**
   * Let the route answer, then rewrite its JSON (OAuth /oauth/token, API routes):
   * `expiresInAsString` turns `expires_in` into a string ("86400", as some proxies write it;
   * the answer still carries the live access_token); `connectUriOrigin` replaces the origin of
   * a channel's `connectUri` (e.g. "ws://127.0.0.1:9" — another port or host).
   */
  expiresInAsString?: boolean;
  connectUriOrigin?: string;
}

export interface Fault extends FaultSpec {
  id: number;
  regex: RegExp;
  remaining: number;
  hits: number;
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: unknown): Fault {
    if (!isRecord(spec) || typeof spec.path !== 'string')
      throw new Error('a fault needs at least "path" (a regular expression)');
    const s = spec as unknown as FaultSpec;
    const times = s.times ?? 1;
    if (!Number.isInteger(times) || times < 0) throw new Error('"times" must be an integer ≥ 0');
    if (s.status !== undefined && (!Number.isInteger(s.status) || s.status < 100 || s.status > 599))
      throw new Error('"status" must be an HTTP status');
    if (s.redirectTo !== undefined) new URL(s.redirectTo); // throws on a bad URL
    if (s.redirectTo !== undefined && s.status !== undefined && (s.status < 300 || s.status > 399))
      throw new Error('"redirectTo" needs a 3xx "status" (default 307)');
    if (
      s.hugeBodyBytes !== undefined &&
      !(Number.isInteger(s.hugeBodyBytes) && s.hugeBodyBytes > 0)
    )
      throw new Error('"hugeBodyBytes" must be a positive integer');
    if (s.connectUriOrigin !== undefined && !/^wss?:\/\/[^/]+$/.test(s.connectUriOrigin))
      throw new Error('"connectUriOrigin" must be a ws: or wss: origin, e.g. ws://127.0.0.1:9');
    const fault: Fault = {
      ...s,
      id: this.nextId++,
      regex: new RegExp(s.path),
      remaining: times === 0 ? Number.POSITIVE_INFINITY : times,
      hits: 0,
    };
    this.list.push(fault);
    return fault;
  }

  /** The first fault matching this request, consumed once. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.list.find(
      (f) =>
        (!f.method || f.method === '*' || f.method.toUpperCase() === method) && f.regex.test(path),
    );
    if (!fault) return undefined;
    fault.hits++;
    fault.remaining--;
    if (fault.remaining <= 0) this.list = this.list.filter((f) => f !== fault);
    return fault;
  }

  clear(): void {
    this.list = [];
  }

  describe() {
    return this.list.map(({ regex: _r, remaining, ...f }) => ({
      ...f,
      remaining: Number.isFinite(remaining) ? remaining : null,
    }));
  }
}

/** Whether the fault rewrites the route's own answer instead of replacing it. */
export const rewritesAnswer = (f: FaultSpec): boolean =>
  f.expiresInAsString === true || f.connectUriOrigin !== undefined;

/** The route's JSON answer as the fault rewrites it (see FaultSpec). */
export function rewriteJson(fault: FaultSpec, json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const out = { ...(json as Record<string, unknown>) };
  if (fault.expiresInAsString && typeof out.expires_in === 'number') {
    out.expires_in = String(out.expires_in);
  }
  if (fault.connectUriOrigin && typeof out.connectUri === 'string') {
    const uri = new URL(out.connectUri);
    out.connectUri = `${fault.connectUriOrigin}${uri.pathname}${uri.search}`;
  }
  return out;
}
