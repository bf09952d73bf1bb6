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
