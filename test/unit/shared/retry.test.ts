import { describe, expect, it } from 'vitest';
import { transient, withRetries } from '../../../src/shared/retry';

const failing = (errors: unknown[], answer = 'ok') => {
  let calls = 0;
  const call = async () => {
    const err = errors[calls++];
    if (err !== undefined) throw err;
    return answer;
  };
  return { call, calls: () => calls };
};

describe('withRetries', () => {
  it('tries again after each transient failure, pausing as told, then answers', async () => {
    const pauses: number[] = [];
    const retried: unknown[] = [];
    const f = failing([{ status: 503 }, new TypeError('Failed to fetch')]);
    const answer = await withRetries(f.call, {
      delaysMs: [10, 20, 30],
      onRetry: (err) => retried.push(err),
      pause: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(answer).toBe('ok');
    expect(f.calls()).toBe(3);
    expect(pauses).toEqual([10, 20]);
    expect(retried).toHaveLength(2);
  });

  it('gives the last failure once the pauses are spent', async () => {
    const f = failing([{ status: 500 }, { status: 502 }, { status: 429 }]);
    await expect(
      withRetries(f.call, { delaysMs: [1, 1], pause: async () => undefined }),
    ).rejects.toEqual({ status: 429 });
    expect(f.calls()).toBe(3);
  });

  it('does not try again after a final failure (a 4xx but 429, or what `retryable` refuses)', async () => {
    const f = failing([{ status: 403 }]);
    await expect(
      withRetries(f.call, { delaysMs: [1], pause: async () => undefined }),
    ).rejects.toEqual({ status: 403 });
    expect(f.calls()).toBe(1);
    const g = failing([{ status: 503 }]);
    await expect(
      withRetries(g.call, { delaysMs: [1], retryable: () => false, pause: async () => undefined }),
    ).rejects.toEqual({ status: 503 });
    expect(g.calls()).toBe(1);
  });

  it('calls a failure transient when it has no status, a 5xx or a 429', () => {
    expect(transient(new TypeError('Failed to fetch'))).toBe(true);
    expect(transient({ status: 500 })).toBe(true);
    expect(transient({ status: 429 })).toBe(true);
    expect(transient({ status: 404 })).toBe(false);
    expect(transient({ status: 401 })).toBe(false);
  });
});
