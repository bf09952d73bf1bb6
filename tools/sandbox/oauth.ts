// The login host: Authorization Code with PKCE (S256 only), exact redirect URI match, a login
// page a person or Playwright can use, and the login cookie that lets a later authorize
// answer without a page — what identity.launchWebAuthFlow({interactive:false}) relies on.
import { createHash } from 'node:crypto';
import { OAuthError } from './errors';
import { type Ctx, isRecord, type Reply, type Route } from './http';
import { opaqueToken, type SandboxOrg } from './org';
import { invalidClientPage, loginPage } from './pages';
import type { SeedClient } from './seed';

export const LOGIN_COOKIE = 'genesys_sandbox_login';
const CHROMIUMAPP = /^https:\/\/[a-p]{32}\.chromiumapp\.org\/[^\s?#]*$/;
// Firefox's identity.getRedirectURL(): the SHA-1 of the add-on id, in hex.
const ALLIZOM = /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/[^\s?#]*$/;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  responseType: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  state?: string;
  prompt?: string;
}

function readParams(source: Record<string, unknown>): AuthorizeParams {
  const s = (k: string) => (typeof source[k] === 'string' ? (source[k] as string) : '');
  return {
    clientId: s('client_id'),
    redirectUri: s('redirect_uri'),
    responseType: s('response_type'),
    codeChallenge: s('code_challenge'),
    codeChallengeMethod: s('code_challenge_method'),
    state: source.state === undefined ? undefined : s('state'),
    prompt: s('prompt') || undefined,
  };
}

export function redirectAllowed(org: SandboxOrg, client: SeedClient, uri: string): boolean {
  if (client.redirectUris.includes(uri)) return true;
  return org.settings.allowAnyChromiumAppRedirect && (CHROMIUMAPP.test(uri) || ALLIZOM.test(uri));
}

function redirectWith(
  params: AuthorizeParams,
  values: Record<string, string>,
  status = 302,
): Reply {
  const target = new URL(params.redirectUri);
  for (const [k, v] of Object.entries(values)) target.searchParams.set(k, v);
  if (params.state !== undefined) target.searchParams.set('state', params.state);
  return { status, redirect: target.toString() };
}

/** Validates client + redirect (page on failure) then PKCE (redirect with error on failure). */
function validate(org: SandboxOrg, params: AuthorizeParams): Reply | SeedClient {
  const client = org.clients.get(params.clientId);
  if (!client || !params.redirectUri || !redirectAllowed(org, client, params.redirectUri))
    return { status: 400, html: invalidClientPage() };
  if (params.responseType !== 'code')
    return redirectWith(params, {
      error: 'unsupported_response_type',
      error_description: 'Only response_type=code is supported for this client',
    });
  if (params.codeChallengeMethod !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.codeChallenge))
    return redirectWith(params, {
      error: 'invalid_request',
      error_description: 'PKCE is required: code_challenge with code_challenge_method=S256',
    });
  return client;
}

function issueCode(org: SandboxOrg, params: AuthorizeParams, userId: string): string {
  const code = opaqueToken(24);
  org.codes.set(code, {
    code,
    clientId: params.clientId,
    userId,
    redirectUri: params.redirectUri,
    codeChallenge: params.codeChallenge,
    expiresAt: Date.now() + org.settings.codeLifetimeSeconds * 1000,
    used: false,
  });
  return code;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function tokenResponse(org: SandboxOrg, userId: string, clientId: string): Reply {
  const record = org.issueToken(userId, clientId);
  const json: Record<string, unknown> = {
    access_token: record.token,
    token_type: 'bearer',
    expires_in: Math.round((record.expiresAt - record.issuedAt) / 1000),
  };
  if (org.settings.issueRefreshTokens) {
    const refresh = opaqueToken();
    org.refreshTokens.set(refresh, { token: refresh, userId, clientId, revoked: false });
    json.refresh_token = refresh;
  }
  return { json, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}

function exchangeCode(org: SandboxOrg, form: Record<string, unknown>): Reply {
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const client = org.clients.get(str('client_id'));
  if (!client) throw new OAuthError(401, 'invalid_client', 'client_id is invalid');
  const code = org.codes.get(str('code'));
  if (!code || code.clientId !== client.id)
    throw new OAuthError(400, 'invalid_grant', 'authorization code is invalid');
  if (code.used)
    throw new OAuthError(400, 'invalid_grant', 'authorization code has already been used');
  if (code.expiresAt <= Date.now())
    throw new OAuthError(400, 'invalid_grant', 'authorization code has expired');
  if (str('redirect_uri') !== code.redirectUri)
    throw new OAuthError(
      400,
      'invalid_grant',
      'redirect_uri does not match the authorization request',
    );
  const verifier = str('code_verifier');
  if (!VERIFIER.test(verifier))
    throw new OAuthError(400, 'invalid_request', 'code_verifier is missing or malformed');
  if (s256(verifier) !== code.codeChallenge)
    throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
  code.used = true;
  return tokenResponse(org, code.userId, client.id);
}

function refresh(org: SandboxOrg, form: Record<string, unknown>): Reply {
  if (!org.settings.issueRefreshTokens)
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      'grant_type refresh_token is not supported',
    );
  const record = org.refreshTokens.get(String(form.refresh_token ?? ''));
  if (!record || record.revoked || record.clientId !== form.client_id)
    throw new OAuthError(400, 'invalid_grant', 'refresh_token is invalid');
  record.revoked = true; // rotated
  return tokenResponse(org, record.userId, record.clientId);
}

export function oauthRoutes(org: SandboxOrg): Route[] {
  const authorizeGet = (ctx: Ctx): Reply => {
    const params = readParams(Object.fromEntries(ctx.url.searchParams));
    const client = validate(org, params);
    if (!('scopes' in client)) return client;
    if (org.settings.autoApprove)
      return redirectWith(params, { code: issueCode(org, params, org.settings.autoApproveUserId) });
    const loggedIn = org.loginSessions.get(ctx.cookies[LOGIN_COOKIE] ?? '');
    if (loggedIn && params.prompt !== 'login' && org.users.has(loggedIn))
      return redirectWith(params, { code: issueCode(org, params, loggedIn) });
    if (params.prompt === 'none')
      return redirectWith(params, {
        error: 'login_required',
        error_description: 'The user is not signed in',
      });
    return { html: loginPage(org, client, params) };
  };

  const authorizePost = async (ctx: Ctx): Promise<Reply> => {
    const form = await ctx.body();
    const source = isRecord(form) ? form : {};
    const params = readParams(source);
    const client = validate(org, params);
    if (!('scopes' in client)) return client;
    if (source.decision !== 'allow')
      return redirectWith(
        params,
        { error: 'access_denied', error_description: 'The user denied the authorization request' },
        303,
      );
    const userId = String(source.userId ?? '');
    if (!org.users.has(userId))
      return { status: 400, html: loginPage(org, client, params, 'Choose who to sign in as.') };
    const session = opaqueToken(16);
    org.loginSessions.set(session, userId);
    org.touch();
    return {
      ...redirectWith(params, { code: issueCode(org, params, userId) }, 303),
      headers: { 'Set-Cookie': `${LOGIN_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax` },
    };
  };

  const token = async (ctx: Ctx): Promise<Reply> => {
    if (!ctx.req.headers['content-type']?.includes('application/x-www-form-urlencoded'))
      throw new OAuthError(
        400,
        'invalid_request',
        'the body must be application/x-www-form-urlencoded',
      );
    const form = await ctx.body();
    const f = isRecord(form) ? form : {};
    switch (f.grant_type) {
      case 'authorization_code':
        return exchangeCode(org, f);
      case 'refresh_token':
        return refresh(org, f);
      default:
        throw new OAuthError(
          400,
          'unsupported_grant_type',
          'grant_type is not supported for this client',
        );
    }
  };

  return [
    { method: 'GET', template: '/oauth/authorize', kind: 'oauth', handler: authorizeGet },
    { method: 'POST', template: '/oauth/authorize', kind: 'oauth', handler: authorizePost },
    { method: 'POST', template: '/oauth/token', kind: 'oauth', handler: token },
  ];
}
