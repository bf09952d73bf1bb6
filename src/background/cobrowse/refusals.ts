// What the agent reads when a start or an action cannot happen: the refusal error the views
// explain, and the conflict wording that names the session already running.
import { normaliseId } from '../../shared/detect/uuid';
import { explain } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { Media, SessionError, SessionSnapshot } from '../../shared/session';

/** A start or an action that cannot happen, already explained for the agent. */
export class CobrowseRefusal extends Error {
  constructor(readonly error: SessionError) {
    super(`${error.code}: ${error.title}`);
    this.name = 'CobrowseRefusal';
  }
  toSessionError(): SessionError {
    return this.error;
  }
}

export function refusal(code: string, message = ''): CobrowseRefusal {
  return new CobrowseRefusal({
    code,
    message,
    title: t(`cob_${code}_title`),
    explanation: t(`cob_${code}_explanation`),
    fix: t(`cob_${code}_fix`),
  });
}

/** The conversation id in its one stored form; a malformed one is refused, explained. */
export function normaliseConversationId(conversationId: string): string {
  const id = normaliseId(conversationId);
  if (!id) {
    throw new CobrowseRefusal(
      explain({ code: 'invalid.conversation.id', message: String(conversationId).slice(0, 80) }),
    );
  }
  return id;
}

/**
 * The agent's other session that holds (or is being given) an offer at Genesys: one offered or
 * active, or one whose POST is in flight. A session waiting for its customer holds none yet (its
 * own POST is checked when it goes out); a 429 wait has not reached Genesys.
 */
export function otherSessionAtGenesys(
  sessions: readonly SessionSnapshot[],
  conversationId: string,
): SessionSnapshot | undefined {
  return sessions.find(
    (s) =>
      s.conversationId !== conversationId &&
      (s.state === 'offered' ||
        s.state === 'active' ||
        (s.state === 'creating' && s.retryAt === undefined)),
  );
}

/**
 * One cobrowse per agent, checked by the extension itself before the POST: Genesys may answer a
 * second session with a 409 or may not (unverified), and the agent sees the same either way —
 * the other session named, with Keep it / End it and start here.
 */
export function alreadyRunning(other: SessionSnapshot, media: Media): SessionError {
  return {
    ...explain({ code: 'session.already.running', media }),
    explanation: conflictText(other),
  };
}

/** Genesys allows one cobrowse per agent at a time: a conflict names the other session. */
export function conflictText(other: SessionSnapshot): string {
  return t('cob_conflict_explanation', [
    other.customerName || other.conversationId,
    other.joinCode ?? '-',
    t(`ov_state_${other.state}`),
  ]);
}
