// One cobrowse per agent, told from the background's own sessions: which other session holds an
// offer at Genesys, and the refusal the agent reads (Genesys's 409 wording, our own code).
import { describe, expect, it } from 'vitest';
import {
  alreadyRunning,
  otherSessionAtGenesys,
} from '../../../../src/background/cobrowse/refusals';
import { explain } from '../../../../src/shared/errors';
import type { SessionSnapshot, SessionState } from '../../../../src/shared/session';
import { isLocalCode } from '../../../../src/ui/error-kinds';
import { requestedSnapshot } from '../../support/snapshot-fixtures';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const HERE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const other = (state: SessionState, patch: Partial<SessionSnapshot> = {}) =>
  requestedSnapshot(OTHER, T0, { state, ...patch });

describe('otherSessionAtGenesys', () => {
  it.each(['offered', 'active', 'creating'] as const)('another session %s holds an offer', (s) => {
    const mine = requestedSnapshot(HERE, T0);
    expect(otherSessionAtGenesys([mine, other(s)], HERE)?.conversationId).toBe(OTHER);
  });

  it.each([
    ['waiting for its customer (no offer made yet)', other('waiting')],
    ['waiting out a 429 (Genesys took nothing)', other('creating', { retryAt: T0 + 5000 })],
    ['ended', other('ended')],
    ['declined', other('declined')],
    ['expired', other('expired')],
    ['failed', other('failed')],
  ])('another session %s does not', (_, session) => {
    expect(otherSessionAtGenesys([requestedSnapshot(HERE, T0), session], HERE)).toBeUndefined();
  });

  it("the conversation's own session never counts", () => {
    const mine = requestedSnapshot(HERE, T0, { state: 'offered' });
    expect(otherSessionAtGenesys([mine], HERE)).toBeUndefined();
  });
});

describe('alreadyRunning', () => {
  it("reads as Genesys's 409 and names the other session by customer, code and state", () => {
    const running = other('offered', { customerName: 'Amira Haddad', joinCode: '482913' });
    const error = alreadyRunning(running, 'message');
    const conflict = explain({ status: 409, code: 'request.conflict' });
    expect(error.title).toBe(conflict.title);
    expect(error.fix).toBe(conflict.fix);
    expect(error.explanation).toContain('Amira Haddad');
    expect(error.explanation).toContain('482913');
    expect(error.explanation).not.toBe(conflict.explanation);
    // Ours, not Genesys's: no HTTP status, labelled an extension check in the details.
    expect(error.status).toBeUndefined();
    expect(isLocalCode(error.code)).toBe(true);
  });
});
