// The OAuth token endpoint: POST {login}/oauth/token, form-encoded, for the code exchange and
// for a refresh token when the server issued one.
import * as v from 'valibot';
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

const TokenResponse = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.pipe(v.number(), v.minValue(1)),
  refresh_token: v.optional(v.string()),
});

const OAuthErrorBody = v.object({
  error: v.optional(v.string()),
  error_description: v.optional(v.string()),
  description: v.optional(v.string()),
});

async function post(
  deps: TokenEndpointDeps,
  loginBase: string,
  form: Record<string, string>,
): Promise<TokenSet> {
  let response: Response;
  try {
    response = await deps.fetch(`${loginBase}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
  } catch (err) {
    throw new AuthError('network', `${loginBase}/oauth/token: ${String(err)}`);
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const body = v.safeParse(OAuthErrorBody, json);
    const error = body.success ? body.output.error : undefined;
    const description = body.success
      ? (body.output.error_description ?? body.output.description ?? '')
      : text.slice(0, 300);
    const detail = [error, description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
    // The OAuth `error` (invalid_grant, invalid_client, ...) is the catalogue's code.
    throw new AuthError(error ?? `http.${response.status}`, detail, response.status);
  }
  const parsed = v.safeParse(TokenResponse, json);
  if (!parsed.success) {
    throw new AuthError('malformed.response', `token response: ${text.slice(0, 200)}`);
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
