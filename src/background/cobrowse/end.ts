// End: the machine's `end` step, then, if an offer was out, the guest-side DELETE that ends the
// session at Genesys too; and the guest-side GET that tells whether a voice session still
// exists. The route comes from the create answer's selfUri, else from where deployment.ts finds
// the deployment id; the calls need no token (it is the customer side's API).

import { withRetries } from '../../shared/retry';
import type { SessionSnapshot } from '../../shared/session';
import type { CobrowseSession } from '../genesys';
import { isRedirected, NO_REDIRECT } from '../http';
import type { Runner } from './runner';
import type { StoredSession } from './store';

// Both ids are plain ids: no dots, backslashes or escapes that a URL parser would resolve into
// another path of the API host (selfUri is a server answer).
const GUEST_ROUTE =
  /\/api\/v2\/webdeployments\/deployments\/[A-Za-z0-9-]{1,64}\/cobrowse\/[A-Za-z0-9-]{1,64}(?=$|[?#])/;

/** How long End waits for Genesys before it gives up (End must never hang). */
export const END_TIMEOUT_MS = 15_000;

/** The guest route that ends a session, from the create answer's selfUri (when it has one). */
export function endPathOf(session: Pick<CobrowseSession, 'selfUri'>): string | undefined {
  const uri = typeof session.selfUri === 'string' ? session.selfUri : '';
  return GUEST_ROUTE.exec(uri)?.[0];
}

/**
 * One call on the guest route: no token, no redirect followed, no body read (only the status
 * counts), and never longer than `timeoutMs`.
 */
export async function guestCall(
  doFetch: typeof fetch,
  method: 'GET' | 'DELETE',
  url: string,
  timeoutMs: number,
): Promise<Response> {
  const response = await doFetch(url, {
    method,
    signal: AbortSignal.timeout(timeoutMs),
    ...NO_REDIRECT,
  });
  // A redirect that was followed anyway is not an answer from Genesys.
  if (isRedirected(response)) throw new Error(`${method} ${new URL(url).pathname}: redirected`);
  await response.body?.cancel().catch(() => undefined);
  return response;
}

/**
 * DELETE on the guest route ends the session at Genesys. A 404 means it is already over there;
 * no answer within `timeoutMs` rejects.
 */
export async function endGuestSession(
  doFetch: typeof fetch,
  url: string,
  timeoutMs = END_TIMEOUT_MS,
): Promise<void> {
  const response = await guestCall(doFetch, 'DELETE', url, timeoutMs);
  if (!response.ok && response.status !== 404) {
    throw Object.assign(new Error(`DELETE ${new URL(url).pathname}: HTTP ${response.status}`), {
      status: response.status,
    });
  }
}

/** Pauses before End's second and third DELETE: a 5xx, 429 or lost connection may pass. */
export const END_RETRY_DELAYS_MS = [300, 1_000] as const;

/**
 * GET on the guest route: true when Genesys answers 404 (the session no longer exists), false
 * when it answers (which, with no state in the answer, proves only that it still exists).
 */
export async function guestSessionGone(
  doFetch: typeof fetch,
  url: string,
  timeoutMs = END_TIMEOUT_MS,
): Promise<boolean> {
  const response = await guestCall(doFetch, 'GET', url, timeoutMs);
  if (response.status === 404) return true;
  if (response.ok) return false;
  throw new Error(`GET ${new URL(url).pathname}: HTTP ${response.status}`);
}

/**
 * The guest DELETE when a route is known, tried again after a transient failure (the DELETE is
 * idempotent: a 404 counts as ended); false when Genesys could not be told. One failed DELETE
 * used to leave the session running at Genesys, the customer still sharing their screen.
 */
export async function endAtGenesys(
  end: (path: string) => Promise<void>,
  path: string | undefined,
  log: (message: string) => void,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<boolean> {
  if (path === undefined) return false;
  try {
    await withRetries(() => end(path), {
      delaysMs: END_RETRY_DELAYS_MS,
      onRetry: (err) => log(`remote end failed: ${String(err)}, trying again`),
      pause,
    });
    return true;
  } catch (err) {
    log(`remote end failed: ${String(err)}`);
    return false;
  }
}

/** How End reaches Genesys: the guest DELETE, and the lookup of a route selfUri did not give. */
export interface RemoteEnd {
  end: (path: string) => Promise<void>;
  /** The session's guest route found elsewhere (the message channel), when it can be. */
  find: (conversationId: string) => Promise<string | undefined>;
}

/**
 * Ends a known session. What End ends is known only when its step runs: a POST answer queued
 * ahead of it may turn `creating` into an offer with an end route. When an offer was out and
 * Genesys cannot be told (no route found, or the DELETE failed), the session says it ended here
 * only: at Genesys it runs until its code expires.
 */
export async function endSession(
  runner: Runner,
  id: string,
  existing: (id: string) => SessionSnapshot,
  remote: RemoteEnd | undefined,
  log: (message: string) => void,
): Promise<SessionSnapshot> {
  let prior: StoredSession | undefined;
  const after =
    (await runner.dispatch(id, { type: 'end' }, { seen: (b) => (prior = b) })) ?? existing(id);
  const wasOut = prior?.snapshot.state === 'offered' || prior?.snapshot.state === 'active';
  if (after.state !== 'ended' || !wasOut || !remote) return after;
  const path = prior?.endPath ?? (await remote.find(id));
  const told = await endAtGenesys(remote.end, path, log);
  if (told) return after;
  return (await runner.dispatch(id, { type: 'ended-here-only' })) ?? after;
}
