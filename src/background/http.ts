// What every request to Genesys, the login host and a company gateway shares: redirects are
// refused (an answer from another origin is never followed, nor its body accepted), and an
// answer is read only up to a size cap, counted while it streams (Content-Length may lie or be
// absent).

/**
 * Mixed into every fetch init: a 3xx is never followed. 'manual' rather than 'error': Chromium
 * rejects a refused redirect as a bare "Failed to fetch" (indistinguishable from a lost
 * connection), while 'manual' hands back an opaque redirect that isRedirected() names, so the
 * agent is told "the server answered with a redirect", not "no connection".
 */
export const NO_REDIRECT = { redirect: 'manual' } as const satisfies RequestInit;

/** 1 MB: no Genesys answer the extension reads comes near it. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The answer was bigger than the cap; nothing of it was used. */
export class AnswerTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`);
    this.name = 'AnswerTooLarge';
  }
}

/** A fetch that rejected on a redirect (an engine that refuses them outright names it so). */
export function isRedirectRefusal(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | null)?.cause;
  const text = `${(err as Error | null)?.message ?? ''} ${(cause as Error | undefined)?.message ?? ''}`;
  return /redirect/i.test(text);
}

/**
 * A response that is a redirect all the same: a fetch that does not honour `redirect: 'error'`
 * (an injected one, an older engine) must not hand over another origin's answer.
 */
export const isRedirected = (response: Response): boolean =>
  response.redirected ||
  response.type === 'opaqueredirect' ||
  (response.status >= 300 && response.status < 400);

/** The body as text, refusing (and cancelling) it beyond `max` bytes. */
export async function readBounded(response: Response, max: number = MAX_ANSWER_BYTES) {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLarge(max);
  }
  const body = response.body;
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(max);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
