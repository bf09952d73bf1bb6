// 300 requests per token per minute (configurable): fixed one-minute windows per token, the
// inin-ratelimit-* headers on every authenticated answer, 429 with Retry-After beyond it.
export interface RateVerdict {
  headers: Record<string, string>;
  /** Seconds to wait when over the limit; undefined when allowed. */
  retryAfter?: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  check(token: string, allowed: number, now = Date.now()): RateVerdict {
    let w = this.windows.get(token);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(token, w);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    const headers = {
      'inin-ratelimit-allowed': String(allowed),
      'inin-ratelimit-count': String(w.count),
      'inin-ratelimit-reset': String(reset),
    };
    return w.count > allowed ? { headers, retryAfter: reset } : { headers };
  }

  clear(): void {
    this.windows.clear();
  }
}
