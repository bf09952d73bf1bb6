// The popup's copy of the background's live sessions, keyed by conversation. It only stores
// what the background sent (pushes and request answers); it never derives a state itself.
import type { Push } from '../shared/protocol';
import { isFinal, type SessionSnapshot } from '../shared/session';

export type Sessions = Readonly<Record<string, SessionSnapshot>>;

/** A snapshot from a push or from a request's answer; an older one than held is dropped
 *  (a request's answer can arrive after the push that followed it). */
export function applySnapshot(sessions: Sessions, s: SessionSnapshot): Sessions {
  const held = sessions[s.conversationId];
  if (held && held.updatedAt > s.updatedAt) return sessions;
  return { ...sessions, [s.conversationId]: s };
}

/** Applies a push from the 'views' port; auth pushes are not about sessions. */
export function applyPush(sessions: Sessions, push: Push): Sessions {
  if (push.type === 'snapshot') return applySnapshot(sessions, push.snapshot);
  if (push.type === 'session-removed' && push.conversationId in sessions) {
    const { [push.conversationId]: _removed, ...rest } = sessions;
    return rest;
  }
  return sessions;
}

/** The session the popup shows: a running one before a finished one, then the latest. (The
 *  agent runs one session at a time; several appear only while an old one is cleared.) */
export function currentSession(sessions: Sessions): SessionSnapshot | undefined {
  let best: SessionSnapshot | undefined;
  for (const s of Object.values(sessions)) {
    if (!best) {
      best = s;
      continue;
    }
    const live = !isFinal(s.state);
    const bestLive = !isFinal(best.state);
    if (live !== bestLive ? live : s.updatedAt > best.updatedAt) best = s;
  }
  return best;
}
