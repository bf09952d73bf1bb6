// Request and response plumbing: URL and query, bearer token, timeout and cancellation, no
// redirects, a bounded body, one retry after a 401, and a non-2xx answer turned into a
// GenesysError.
import {
  AnswerTooLarge,
  isRedirected,
  isRedirectRefusal,
  MAX_ANSWER_BYTES,
  NO_REDIRECT,
  readBounded,
} from '../http';
import { errorFromResponse, GenesysError, redirectError } from './errors';

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Use exactly this token: no renewal and no 401 retry (sign-out, the sign-in profile read). */
  token?: string;
  /** This request's own timeout (default: the client's timeoutMs). */
  timeoutMs?: number;
  /** Sees the final answer's status and headers (the org check reads the server's Date). */
  onResponse?: (answer: { status: number; headers: Headers }) => void;
}

export interface GenesysClientDeps {
  getToken: () => Promise<string>;
  /** Called once after a 401 with the refused token; returns a new one (or throws needs-sign-in). */
  renewToken?: (staleToken: string) => Promise<string>;
  /** The api base, e.g. https://api.mypurecloud.com or a custom base URL (read per request). */
  baseUrl: () => string | Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

export type Request = <T = unknown>(
  method: string,
  path: string,
  options?: RequestOptions,
) => Promise<T>;

/** The client's `request`: every endpoint method goes through it. */
export function createRequest(deps: GenesysClientDeps): Request {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const now = deps.now ?? Date.now;

  const contextOf = (response: Response) => {
    const id = response.headers.get('ININ-Correlation-Id');
    return id ? { contextId: id } : {};
  };

  async function once(
    method: string,
    url: string,
    token: string,
    options: RequestOptions,
  ): Promise<{ response: Response; text: string }> {
    const limit = options.timeoutMs ?? timeoutMs;
    const timeout = AbortSignal.timeout(limit);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
    };
    const init: RequestInit = { method, headers, signal, ...NO_REDIRECT };
    // No body at all unless the call has one: the cobrowse POST must go out empty.
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    try {
      if (options.signal?.aborted) throw options.signal.reason;
      const response = await doFetch(url, init);
      if (isRedirected(response)) throw redirectError(method, url, response.status);
      const text = method === 'HEAD' ? '' : await readBounded(response, MAX_ANSWER_BYTES);
      return { response, text };
    } catch (err) {
      if (err instanceof GenesysError) throw err;
      if (err instanceof AnswerTooLarge) {
        throw new GenesysError({
          code: 'answer.too.large',
          message: `${method} ${url}: ${err.message}`,
        });
      }
      if (timeout.aborted) {
        throw new GenesysError({
          code: 'timeout',
          message: `${method} ${url}: no answer in ${limit} ms`,
        });
      }
      if (options.signal?.aborted) {
        throw new GenesysError({ code: 'aborted', message: `${method} ${url}: cancelled` });
      }
      if (isRedirectRefusal(err)) throw redirectError(method, url);
      throw new GenesysError({ code: 'network', message: `${method} ${url}: ${String(err)}` });
    }
  }

  async function request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const url = new URL(`${(await deps.baseUrl()).replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, String(item));
      }
    }
    let token = options.token ?? (await deps.getToken());
    let { response, text } = await once(method, url.toString(), token, options);
    // A 401 means Genesys refused the token before doing anything (no offer was created, even
    // for the cobrowse POST), so one retry with a renewed token is safe. Only one: a second
    // 401 is reported.
    if (response.status === 401 && !options.token && deps.renewToken) {
      token = await deps.renewToken(token);
      ({ response, text } = await once(method, url.toString(), token, options));
    }
    options.onResponse?.({ status: response.status, headers: response.headers });
    if (!response.ok) {
      throw errorFromResponse(response.status, response.statusText, response.headers, text, now());
    }
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new GenesysError({
        status: response.status,
        code: 'malformed.response',
        message: `${method} ${path}: the answer is not JSON`,
        ...contextOf(response),
      });
    }
  }

  return request;
}
