import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  explain,
  formatDetails,
  KNOWN_CODES,
  mayHaveReachedGenesys,
  ReadFailure,
} from '../../../src/shared/errors';
import { isLocalCode, LOCAL_CODES, needsAdmin } from '../../../src/ui/error-kinds';

const messages: Record<string, { message: string }> = JSON.parse(
  readFileSync(new URL('../../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
);

// The codes the Platform API's swagger lists for the create call, by status.
const GENESYS_CODES: [number, string][] = [
  [400, 'bad.request'],
  [400, 'invalid.value'],
  [400, 'invalid.property'],
  [400, 'constraint.validation'],
  [401, 'authentication.required'],
  [401, 'bad.credentials'],
  [403, 'missing.any.permissions'],
  [403, 'missing.permissions'],
  [403, 'app.not.authorized.for.scope'],
  [403, 'missing.division.permission'],
  [404, 'not.found'],
  [408, 'client.timeout'],
  [409, 'request.conflict'],
  [429, 'too.many.requests'],
  [429, 'too.many.requests.retry.after'],
];

/** A text that came from the catalogue, not a missing key echoed back. */
function expectLocalised(text: string) {
  expect(text).not.toMatch(/^err_/);
  expect(text.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/\$[A-Z_]+\$|\$\d/);
}

describe('explain: Genesys codes', () => {
  it.each(GENESYS_CODES)('%i %s has its own title, explanation and fix', (status, code) => {
    const e = explain({ status, code, message: 'server says', contextId: 'ctx-1' });
    expect(e).toMatchObject({ status, code, message: 'server says', contextId: 'ctx-1' });
    expectLocalised(e.title);
    expectLocalised(e.explanation);
    expectLocalised(e.fix);
    expect(e.title).not.toContain(code);
  });

  it('names the web messaging permission and the licence for missing.any.permissions, for the admin', () => {
    const e = explain({ status: 403, code: 'missing.any.permissions', media: 'message' });
    // The agent reads what to do; the admin's path, permission string and licence are apart.
    expect(e.fix).not.toMatch(/conversation:cobrowse|CX 2|Admin >/);
    expect(needsAdmin(e)).toBe(true);
    expect(e.admin).toContain('Conversation > Cobrowse > Add');
    expect(e.admin).toContain('conversation:cobrowse:add');
    expect(e.admin).not.toContain('cobrowseVoice');
    expect(e.admin).toMatch(/CX 2 or CX 3/);
    expect(e.admin).toMatch(/Digital add-on/);
  });

  it('names the voice permission for a call', () => {
    const e = explain({ status: 403, code: 'missing.permissions', media: 'call' });
    expect(e.admin).toContain('Conversation > CobrowseVoice > Add');
    expect(e.admin).toContain('conversation:cobrowseVoice:add');
    expect(e.admin).not.toContain('conversation:cobrowse:add');
  });

  it('names both permissions when the media is unknown', () => {
    const e = explain({ status: 403, code: 'missing.any.permissions' });
    expect(e.admin).toContain('conversation:cobrowse:add');
    expect(e.admin).toContain('conversation:cobrowseVoice:add');
  });

  it('names the scope, and that readonly is not enough', () => {
    const e = explain({
      status: 403,
      code: 'app.not.authorized.for.scope',
      message: 'App not authorized to use scope conversations',
    });
    expect(`${e.explanation} ${e.admin}`).toContain('“conversations”');
    expect(e.explanation).toContain('conversations:readonly');
    expect(e.admin).toContain('Admin > Integrations > OAuth');
  });

  it('points the division gap at the conversation division', () => {
    const e = explain({ status: 403, code: 'missing.division.permission', media: 'message' });
    expect(e.admin).toContain('division');
    expect(e.admin).toContain('conversation:cobrowse:add');
  });

  it('tells the agent’s own actions from the admin’s, and the extension’s codes from Genesys’s', () => {
    for (const code of [
      'preflight.missing.permission',
      'preflight.missing.scope',
      'missing.division.permission',
    ]) {
      const e = explain({ code, media: 'call' });
      expect(needsAdmin(e)).toBe(true);
      expectLocalised(e.admin as string);
    }
    for (const code of ['needs.signin', 'network', 'bad.request']) {
      expect(needsAdmin(explain({ code }))).toBe(false);
      expect(explain({ code }).admin).toBeUndefined();
    }
    expect(isLocalCode('preflight.missing.permission')).toBe(true);
    expect(isLocalCode('needs.signin')).toBe(true);
    expect(isLocalCode('missing.any.permissions')).toBe(false);
    expect(isLocalCode('bad.credentials')).toBe(false);
  });

  it('words an ended sign-in for the agent, without pointing at a button elsewhere', () => {
    const e = explain({
      code: 'needs.signin',
      message: 'Try setting abortOnLoadForNonInteractive',
    });
    expect(`${e.title} ${e.explanation} ${e.fix}`).not.toMatch(/popup|abortOnLoad/i);
    expect(e.message).toContain('abortOnLoadForNonInteractive'); // kept for Copy details only
  });

  it('turns Retry-After into a concrete wait', () => {
    const e = explain({ status: 429, code: 'too.many.requests', retryAfterSeconds: 12.2 });
    expect(e.retryAfterSeconds).toBe(12.2);
    expect(e.fix).toContain('13 seconds');
    expect(explain({ status: 429, code: 'too.many.requests' }).fix).not.toMatch(/\d+ seconds/);
  });

  it.each([500, 502, 503, 504])('explains a bare %i as a server-side failure', (status) => {
    const e = explain({ status, message: 'Internal' });
    expectLocalised(e.title);
    expect(e.code).toBe(`http.${status}`);
    expect(e.explanation).toMatch(/may or may not/);
  });

  it('uses the status when the body has no code', () => {
    const e = explain({ status: 404 });
    expect(e.code).toBe('not.found');
    expect(e.title).toBe(explain({ status: 404, code: 'not.found' }).title);
  });
});

describe('explain: unknown codes keep the server words', () => {
  it('falls back to the server message and code', () => {
    const e = explain({
      status: 400,
      code: 'some.new.code',
      message: 'Invalid request body',
      contextId: 'abc',
    });
    expect(e.code).toBe('some.new.code');
    expect(e.title).toContain('some.new.code');
    expect(e.explanation).toBe('Invalid request body');
    expectLocalised(e.fix);
  });

  it('never leaves a bare status: a codeless, messageless 418 still says something', () => {
    const e = explain({ status: 418 });
    expect(e.code).toBe('http.418');
    expect(e.title).toContain('HTTP 418');
    expect(e.explanation).toContain('HTTP 418');
    expectLocalised(e.fix);
  });

  it('treats an unknown 5xx code as server side', () => {
    const e = explain({ status: 500, code: 'weird.thing', message: 'boom' });
    expect(e.code).toBe('weird.thing');
    expect(e.explanation).toMatch(/may or may not/);
  });

  it('handles nothing at all', () => {
    const e = explain({});
    expect(e.code).toBe('unknown');
    expectLocalised(e.title);
  });
});

describe('explain: local codes', () => {
  it.each(LOCAL_CODES)('%s is in the catalogue with full texts', (code) => {
    const e = explain({ code, media: 'message' });
    expect(e.status).toBeUndefined();
    expect(e.code).toBe(code);
    expectLocalised(e.title);
    expectLocalised(e.explanation);
    expectLocalised(e.fix);
    expect(e.title).not.toContain(code);
  });

  it.each([
    'access_denied',
    'invalid_client',
    'unauthorized_client',
    'invalid_request',
    'unsupported_response_type',
    'invalid_scope',
    'invalid_grant',
    'server_error',
    'temporarily_unavailable',
  ])('OAuth error %s is explained', (code) => {
    const e = explain({ code, message: 'from the redirect' });
    expectLocalised(e.title);
    expect(e.title).not.toContain(code);
  });

  it('tells the admin where the redirect URI goes', () => {
    expect(explain({ code: 'invalid.redirect' }).fix).toMatch(/redirect URI shown in Options/);
    const mismatch = explain({ code: 'invalid_request', message: 'redirect_uri mismatch' });
    expect(mismatch.title).toBe('OAuth client ID or redirect URI is invalid');
    expect(explain({ code: 'invalid_request', message: 'bad' }).title).not.toBe(mismatch.title);
  });

  it('says legacy web chat is not supported, and differs for email and SMS', () => {
    const chat = explain({ code: 'media.not.supported', media: 'chat' });
    const email = explain({ code: 'media.not.supported', media: 'email' });
    const other = explain({ code: 'media.not.supported', media: 'other' });
    expect(chat.explanation).toMatch(/legacy web chat/);
    expect(new Set([chat.title, email.title, other.title]).size).toBe(3);
  });

  it('puts the malformed detail into the explanation', () => {
    const e = explain({ code: 'malformed.response', message: 'joinCode missing' });
    expect(e.explanation).toContain('joinCode missing');
  });
});

describe('catalogue completeness', () => {
  it('every key the catalogue can produce exists in messages.json', () => {
    for (const code of KNOWN_CODES) {
      for (const media of ['message', 'call', 'chat', 'email', 'other', undefined] as const) {
        const e = explain({ code, media, retryAfterSeconds: 3 });
        for (const text of [e.title, e.explanation, e.fix]) expect(text).not.toMatch(/^err_/);
      }
    }
  });

  it('every err_ key has a message and a description', () => {
    const keys = Object.keys(messages).filter((k) => k.startsWith('err_'));
    expect(keys.length).toBeGreaterThan(50);
    for (const k of keys) {
      const entry = messages[k] as { message: string; description?: string };
      expect(entry.message, k).toBeTruthy();
      expect(entry.description, k).toBeTruthy();
    }
  });
});

describe('mayHaveReachedGenesys', () => {
  it.each([
    [{ code: 'network' }, true],
    [{ code: 'timeout' }, true],
    [{ code: 'client.timeout', status: 408 }, true],
    [{ code: 'http.503', status: 503 }, true],
    [{ code: 'malformed.response', status: 200 }, true],
    [{ code: 'missing.any.permissions', status: 403 }, false],
    [{ code: 'request.conflict', status: 409 }, false],
    [{ code: 'too.many.requests', status: 429 }, false],
    [{ code: 'needs.signin' }, false],
  ])('%o → %s', (error, expected) => {
    expect(mayHaveReachedGenesys(error)).toBe(expected);
  });
});

describe('formatDetails', () => {
  it('lists status, code, message, contextId and time', () => {
    const e = explain({
      status: 403,
      code: 'missing.any.permissions',
      message: 'You must have at least one of the following permissions assigned',
      contextId: '5f1c-ctx',
    });
    const text = formatDetails(e, Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(text).toContain('HTTP status: 403');
    expect(text).toContain('Code: missing.any.permissions');
    expect(text).toContain('Message: You must have at least one of the following permissions');
    expect(text).toContain('Context ID (ININ-Correlation-Id): 5f1c-ctx');
    expect(text).toContain('Time: 2026-01-02T03:04:05.000Z');
    expect(text).toContain(e.title);
  });

  it('marks missing fields and includes Retry-After', () => {
    const text = formatDetails(explain({ code: 'network' }), 0);
    expect(text).toContain('HTTP status: -');
    expect(text).toContain('Context ID (ININ-Correlation-Id): -');
    expect(formatDetails(explain({ status: 429, retryAfterSeconds: 7 }), 0)).toContain(
      'Retry after (seconds): 7',
    );
  });
});

describe('ReadFailure: a failed list read', () => {
  const explainable = (input: Parameters<typeof explain>[0]) => ({
    toSessionError: () => explain(input),
  });

  it('says nothing was sent where the failure’s own words say an offer may have gone out', () => {
    for (const input of [{ status: 503 }, { status: 500 }, { code: 'network', message: 'x' }]) {
      const plain = explain(input);
      expect(`${plain.explanation} ${plain.fix}`).toMatch(/offer/);
      const read = new ReadFailure(explainable(input)).toSessionError();
      expect(read.title).toBe(plain.title);
      expect(read.code).toBe(plain.code);
      expect(read.explanation).toBe(messages.err_read_explanation?.message);
      expect(read.fix).toBe(messages.err_read_fix?.message);
    }
  });

  it('keeps every other failure as it is (a refusal, a sign-in)', () => {
    for (const input of [{ status: 403, code: 'missing.permissions' }, { status: 401 }]) {
      expect(new ReadFailure(explainable(input)).toSessionError()).toEqual(explain(input));
    }
  });

  it('logs as the failure it wraps', () => {
    expect(String(new ReadFailure(new Error('HTTP 503')))).toBe('Error: HTTP 503');
  });
});
