// PKCE (RFC 7636) and the authorize/redirect URLs of the Authorization Code grant. Pure apart
// from the injected randomness and WebCrypto, so the RFC test vector pins it.

export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

const defaultRandom: RandomFill = (bytes) => crypto.getRandomValues(bytes);

/** base64url without padding: only [A-Za-z0-9-_], all in the RFC 3986 unreserved set. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random octets → a 43-character verifier (the RFC's recommendation). */
export function createVerifier(random: RandomFill = defaultRandom): string {
  return base64url(random(new Uint8Array(32)));
}

/** S256: BASE64URL(SHA256(ASCII(verifier))). */
export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** An unguessable value that ties the redirect to the request this worker made. */
export function createState(random: RandomFill = defaultRandom): string {
  return base64url(random(new Uint8Array(16)));
}

export interface AuthorizeParams {
  loginBase: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
}

export function authorizeUrl(p: AuthorizeParams): string {
  const url = new URL(`${p.loginBase}/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    response_type: 'code',
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state: p.state,
  }).toString();
  return url.toString();
}

export type RedirectOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; description: string }
  | { kind: 'state-mismatch' }
  | { kind: 'no-code' };

/**
 * Reads the URL the auth flow ended on. An error report is believed without a matching state
 * (it grants nothing); a code is accepted only with the state this flow sent.
 */
export function parseRedirect(redirected: string, expectedState: string): RedirectOutcome {
  const url = new URL(redirected);
  // Parameters arrive in the query for the code grant; read the fragment too, in case a server
  // answers in it, so such a reply is explained rather than reported as "no code".
  const params = new URLSearchParams(url.search);
  for (const [k, val] of new URLSearchParams(url.hash.replace(/^#/, ''))) {
    if (!params.has(k)) params.set(k, val);
  }
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description') ?? '' };
  if (params.get('state') !== expectedState) return { kind: 'state-mismatch' };
  const code = params.get('code');
  return code ? { kind: 'code', code } : { kind: 'no-code' };
}
