// Secrets never reach error text, "Copy details" or logs; server strings are bounded.
import { describe, expect, it } from 'vitest';
import { explain, formatDetails } from '../../../src/shared/errors';
import { clip, MASK, maskSecrets, safeText } from '../../../src/shared/redact';
import { errorDetailsText } from '../../../src/ui/error-details';

// Shaped like a Genesys access token (base64url, ~80 characters).
const TOKEN = 'x7Jq2N0bVq9-LrT8sYc3Wm_KdPz1Ae6HgUoFi4XnRl5tMvBjQw0yZk2CsDhEaGfIuOpS9rT';
const UUID = '5b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('maskSecrets', () => {
  it.each([
    ['JSON', `{"access_token":"${TOKEN}","expires_in":"86400"}`],
    ['JSON with spaces, refresh token', `{ "refresh_token" : "short-rt", "x": 1 }`],
    ['form / query', `grant_type=refresh_token&refresh_token=rt-123&client_id=c`],
    ['a redirect URL with a code', 'https://id.chromiumapp.org/?code=abc123&state=s'],
    ['a fragment with a token', 'https://x/#access_token=abc.def&expires_in=5'],
    ['a bearer header', 'Authorization: Bearer abc.def'],
    ['another scheme', 'authorization: abc.def'],
    ['an opaque token alone', `token was ${TOKEN} then`],
  ])('masks %s', (_what, text) => {
    const masked = maskSecrets(text);
    expect(masked).toContain(MASK);
    for (const secret of [TOKEN, 'short-rt', 'rt-123', 'abc123', 'abc.def']) {
      expect(masked).not.toContain(secret);
    }
  });

  it('keeps what support needs: ids, codes, paths, hosts, numbers (positive control)', () => {
    const text = `POST https://api.mypurecloud.ie/api/v2/conversations/${UUID}/cobrowse: HTTP 409 request.conflict contextId ${UUID}; topic v2.users.${UUID}.conversations.messages; https://mhkcpiimjjiknhfnleoiaemkalacaobo.chromiumapp.org/`;
    expect(maskSecrets(text)).toBe(text);
    expect(maskSecrets('{"code":"bad.request","message":"Invalid value"}')).toBe(
      '{"code":"bad.request","message":"Invalid value"}',
    );
  });

  it('is linear on a long hostile input', () => {
    const hostile = `${'a1'.repeat(200_000)}${'"access_token":"'.repeat(10_000)}`;
    expect(maskSecrets(hostile)).toContain(MASK);
  });
});

describe('clip / safeText', () => {
  it('bounds a long server string with an ellipsis, and leaves a short one alone', () => {
    expect(clip('x'.repeat(12_000_000))).toHaveLength(500);
    expect(clip('x'.repeat(600)).endsWith('…')).toBe(true);
    expect(clip('short')).toBe('short');
    expect(safeText(`see ${TOKEN}`)).toBe(`see ${MASK}`);
  });
});

describe('the catalogue and Copy details', () => {
  it('explain() masks and bounds the message whatever built the error', () => {
    const e = explain({ code: 'malformed.response', message: `token response: ${TOKEN}` });
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    const long = explain({ status: 400, code: 'bad.request', message: 'm'.repeat(12_000_000) });
    expect(long.message.length).toBeLessThanOrEqual(500);
  });

  it('Copy details (popup and catalogue) never carry a token, even from a hand-built error', () => {
    const error = {
      ...explain({ code: 'network' }),
      message: `{"access_token":"${TOKEN}"}`,
    };
    const popup = errorDetailsText(error);
    const catalogue = formatDetails(error, 0);
    for (const text of [popup, catalogue]) {
      expect(text).not.toContain(TOKEN);
      expect(text).toContain(MASK);
      expect(text).toContain(error.title); // positive control: the details are there
    }
  });
});
