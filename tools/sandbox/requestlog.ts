// What the extension asked the sandbox: tests assert on calls made (e.g. "exactly one POST"),
// the benchmark counts them.
export interface LoggedRequest {
  time: string;
  method: string;
  /** The route template, e.g. "/api/v2/conversations/{conversationId}/cobrowse". */
  route: string;
  path: string;
  status: number;
  correlationId: string;
  /** The bearer token presented (full value: it is a sandbox). */
  token?: string;
  userId?: string;
  clientId?: string;
  /** The request body as sent (API requests that carry one), e.g. the gateway route's JSON. */
  body?: string;
  /** Set when an injected fault answered. */
  fault?: number;
  /** Set when a random chaos failure (settings chaos*Percent) answered instead of the route. */
  chaos?: 'throttle' | 'server' | 'drop';
}

export class RequestLog {
  entries: LoggedRequest[] = [];
  private limit = 5000;

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  clear(): void {
    this.entries = [];
  }

  /** Counts per "METHOD template" and per token. */
  counts() {
    const byRoute: Record<string, number> = {};
    const byToken: Record<string, number> = {};
    for (const e of this.entries) {
      const key = `${e.method} ${e.route}`;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
      if (e.token) byToken[e.token] = (byToken[e.token] ?? 0) + 1;
    }
    return { byRoute, byToken };
  }
}
