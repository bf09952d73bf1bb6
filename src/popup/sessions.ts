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

/** What the background told about the tab the popup opened over. */
export interface TabView {
  /** Conversation ids the page shows (the agent's and others). */
  onPage: readonly string[];
  /** The conversation whose session the tab's panel shows. */
  tabSession?: string | undefined;
}

const latest = (list: SessionSnapshot[]): SessionSnapshot | undefined =>
  list.reduce<SessionSnapshot | undefined>(
    (a, s) => (a && a.updatedAt >= s.updatedAt ? a : s),
    undefined,
  );

/**
 * The session the popup shows over a tab, or none (then the list, the page's conversation
 * preselected): the one it already shows (`pinned`, kept when it ends), the tab's own, a live
 * one of the page's conversations; a live one elsewhere only when the page shows no
 * conversation (the agent runs one at a time). A finished session of another tab never takes
 * over.
 */
export function sessionForTab(
  sessions: Sessions,
  tab: TabView,
  pinned?: string,
): SessionSnapshot | undefined {
  const all = Object.values(sessions);
  const same = (a: string, b: string | undefined) => a.toLowerCase() === b?.toLowerCase();
  const kept = all.find((s) => same(s.conversationId, pinned));
  if (kept) return kept;
  const own = all.find((s) => same(s.conversationId, tab.tabSession));
  if (own) return own;
  const live = all.filter((s) => !isFinal(s.state));
  const onPage = (s: SessionSnapshot) => tab.onPage.some((id) => same(s.conversationId, id));
  const here = latest(live.filter(onPage));
  if (here || tab.onPage.length > 0) return here;
  return latest(live);
}

/** The most recent session of any kind (reachable from the list with "Show the session"). */
export function latestSession(sessions: Sessions): SessionSnapshot | undefined {
  return latest(Object.values(sessions));
}
