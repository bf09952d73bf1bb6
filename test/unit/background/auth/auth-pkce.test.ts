import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64url,
  challengeS256,
  createState,
  createVerifier,
  parseRedirect,
} from '../../../../src/background/pkce';

// RFC 7636 Appendix B.
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
  214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('builds the RFC 7636 verifier from its octets and the S256 challenge from it', async () => {
    const verifier = createVerifier((bytes) => {
      bytes.set(RFC_OCTETS);
      return bytes;
    });
    expect(verifier).toBe(RFC_VERIFIER);
    expect(await challengeS256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('makes random verifiers of 43–128 unreserved characters, different each time', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(a).not.toBe(b);
    expect(createState()).not.toBe(createState());
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('puts every code-grant parameter in the authorize URL', () => {
    const url = new URL(
      authorizeUrl({
        loginBase: 'https://login.mypurecloud.ie',
        clientId: 'cid',
        redirectUri: 'https://abc.chromiumapp.org/',
        challenge: RFC_CHALLENGE,
        state: 'st',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.mypurecloud.ie/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      redirect_uri: 'https://abc.chromiumapp.org/',
      response_type: 'code',
      code_challenge: RFC_CHALLENGE,
      code_challenge_method: 'S256',
      state: 'st',
    });
  });
});

describe('parseRedirect', () => {
  const base = 'https://abc.chromiumapp.org/';
  it('accepts a code only with the state that was sent', () => {
    expect(parseRedirect(`${base}?code=c1&state=s1`, 's1')).toEqual({ kind: 'code', code: 'c1' });
    expect(parseRedirect(`${base}?code=c1&state=forged`, 's1')).toEqual({ kind: 'state-mismatch' });
    expect(parseRedirect(`${base}?code=c1`, 's1')).toEqual({ kind: 'state-mismatch' });
    expect(parseRedirect(`${base}?state=s1`, 's1')).toEqual({ kind: 'no-code' });
  });

  it('reports an error redirect with its description', () => {
    expect(
      parseRedirect(`${base}?error=access_denied&error_description=User+said+no&state=s1`, 's1'),
    ).toEqual({ kind: 'error', error: 'access_denied', description: 'User said no' });
    expect(parseRedirect(`${base}#error=invalid_client`, 's1')).toEqual({
      kind: 'error',
      error: 'invalid_client',
      description: '',
    });
  });
});
