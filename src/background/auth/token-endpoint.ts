// The OAuth token endpoint: POST {login}/oauth/token, form-encoded, for the code exchange and
// for a refresh token when the server issued one.
import * as v from 'valibot';
import { safeText } from '../../shared/redact';
import { describeIssue } from '../genesys/responses';
import {
  AnswerTooLarge,
  isRedirected,
  isRedirectRefusal,
  MAX_ANSWER_BYTES,
  NO_REDIRECT,
  readBounded,
} from '../http';
import { AuthError } from './errors';

export interface TokenSet {
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
}

export interface TokenEndpointDeps {
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

/** Seconds; a proxy that writes the number as a string ("86400") is read too. */
const Seconds = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number))]),
  v.number(),
  v.integer(),
  v.minValue(1),
);

const TokenResponse = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: Seconds,
  refresh_token: v.optional(v.string()),
});

const OAuthErrorBody = v.object({
  error: v.optional(v.string()),
  error_description: v.optional(v.string()),
  description: v.optional(v.string()),
});

/** A refused grant: the OAuth `error` (invalid_grant, invalid_client, ...) is the catalogue's code. */
function refusal(status: number, json: unknown): AuthError {
  const body = v.safeParse(OAuthErrorBody, json);
  const error = body.success ? body.output.error : undefined;
  const description = body.success
    ? (body.output.error_description ?? body.output.description ?? '')
    : '';
  const detail = [error, description].filter(Boolean).join(': ') || `HTTP ${status}`;
  return new AuthError(safeText(error ?? `http.${status}`, 100), safeText(detail), status);
}

async function post(
  deps: TokenEndpointDeps,
  loginBase: string,
  form: Record<string, string>,
): Promise<TokenSet> {
  const url = `${loginBase}/oauth/token`;
  let text: string;
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
      ...NO_REDIRECT,
    });
    if (isRedirected(response))
      throw new AuthError('redirect.refused', `${url}: HTTP ${response.status}`);
    text = await readBounded(response, MAX_ANSWER_BYTES);
  } catch (err) {
    if (err instanceof AuthError) throw err;
    if (err instanceof AnswerTooLarge)
      throw new AuthError('answer.too.large', `${url}: ${err.message}`);
    if (isRedirectRefusal(err)) throw new AuthError('redirect.refused', url);
    throw new AuthError('network', `${url}: ${String(err)}`);
  }
  // The body is never quoted in an error: a token answer carries the live access token.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) throw refusal(response.status, json);
  const parsed = v.safeParse(TokenResponse, json);
  if (!parsed.success) {
    const why = json === undefined ? 'not JSON' : describeIssue(parsed.issues[0]);
    throw new AuthError('malformed.response', `token response: ${why}`);
  }
  return {
    accessToken: parsed.output.access_token,
    expiresAt: deps.now() + parsed.output.expires_in * 1000,
    ...(parsed.output.refresh_token ? { refreshToken: parsed.output.refresh_token } : {}),
  };
}

export function exchangeCode(
  deps: TokenEndpointDeps,
  p: { loginBase: string; clientId: string; redirectUri: string; code: string; verifier: string },
): Promise<TokenSet> {
  return post(deps, p.loginBase, {
    grant_type: 'authorization_code',
    code: p.code,
    code_verifier: p.verifier,
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
  });
}

export function refreshTokens(
  deps: TokenEndpointDeps,
  p: { loginBase: string; clientId: string; refreshToken: string },
): Promise<TokenSet> {
  return post(deps, p.loginBase, {
    grant_type: 'refresh_token',
    refresh_token: p.refreshToken,
    client_id: p.clientId,
  });
}
