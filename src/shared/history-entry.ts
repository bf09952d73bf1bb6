// A session history entry: one per cobrowse attempt started in this browser, kept newest first
// in storage.local by the background (src/background/history.ts). Pure: the entry, its identity
// and the bounded upsert. The popup's text forms of it are in history.ts.
import {
  isFinal,
  type Media,
  type Origin,
  type Profile,
  type SessionSnapshot,
  type SessionState,
} from './session';

export const HISTORY_MAX = 50;

export interface HistoryEntry {
  /** epoch ms of the attempt's `requested` step; with conversationId, the attempt's identity. */
  startedAt: number;
  conversationId: string;
  customerName?: string;
  media: Media;
  profile: Profile;
  origin: Origin;
  /** The attempt's latest state: its outcome once final, else how far it got. */
  outcome: SessionState;
  /** The final step's detail: end reason ("agent", "conversation-ended"), "customer-offline". */
  reason?: string;
  sessionId?: string;
  /** On failure: Genesys ErrorBody.code (or a local code) and the HTTP status. */
  errorCode?: string;
  status?: number;
  /** Every contextId (ININ-Correlation-Id) seen during the attempt, oldest first. */
  contextIds: string[];
  /** epoch ms of the snapshot this entry was last built from. */
  updatedAt: number;
}

/**
 * When the snapshot's current attempt began. Offer-again and retry append a new `requested`
 * step to the same snapshot, so the LAST one starts the attempt (each creates a new Genesys
 * session). A timeline trimmed past it falls back to its oldest step.
 */
export function attemptStart(snapshot: SessionSnapshot): number {
  const requested = snapshot.timeline.findLast((s) => s.step === 'requested');
  return requested?.at ?? snapshot.timeline[0]?.at ?? snapshot.updatedAt;
}

export function toEntry(snapshot: SessionSnapshot): HistoryEntry {
  const startedAt = attemptStart(snapshot);
  const entry: HistoryEntry = {
    startedAt,
    conversationId: snapshot.conversationId,
    media: snapshot.media,
    profile: snapshot.profile,
    origin: snapshot.origin,
    outcome: snapshot.state,
    contextIds: snapshot.error?.contextId ? [snapshot.error.contextId] : [],
    updatedAt: snapshot.updatedAt,
  };
  if (snapshot.customerName) entry.customerName = snapshot.customerName;
  if (snapshot.sessionId) entry.sessionId = snapshot.sessionId;
  if (snapshot.error) {
    entry.errorCode = snapshot.error.code;
    if (snapshot.error.status !== undefined) entry.status = snapshot.error.status;
  }
  // The final step of this attempt (after its `requested`) carries the reason; a failure's
  // detail is its error code, already kept.
  if (isFinal(snapshot.state) && snapshot.state !== 'failed') {
    const final = snapshot.timeline.findLast((s) => s.step === snapshot.state && s.at >= startedAt);
    if (final?.detail) entry.reason = final.detail;
  }
  return entry;
}

const sameAttempt = (a: HistoryEntry, b: HistoryEntry) =>
  a.conversationId === b.conversationId && a.startedAt === b.startedAt;

/**
 * The list with `entry` in place of its attempt's older entry (or added), newest attempt
 * first, at most `max` long. An older update than the one held is ignored (a replay after a
 * restart); contextIds accumulate, since a revived attempt drops the error that carried one.
 */
export function upsert(
  list: readonly HistoryEntry[],
  entry: HistoryEntry,
  max = HISTORY_MAX,
): HistoryEntry[] {
  const held = list.find((e) => sameAttempt(e, entry));
  let next = entry;
  if (held) {
    if (held.updatedAt > entry.updatedAt) return [...list];
    const contextIds = [...new Set([...held.contextIds, ...entry.contextIds])];
    next = { ...entry, contextIds };
  }
  const rest = list.filter((e) => !sameAttempt(e, entry));
  return [next, ...rest].sort((a, b) => b.startedAt - a.startedAt).slice(0, Math.max(0, max));
}

/** Storage holds whatever was written, by any version: keep only well-formed entries. */
export function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Record<keyof HistoryEntry, unknown>>;
  return (
    typeof e.startedAt === 'number' &&
    typeof e.updatedAt === 'number' &&
    typeof e.conversationId === 'string' &&
    typeof e.outcome === 'string' &&
    typeof e.media === 'string' &&
    Array.isArray(e.contextIds) &&
    e.contextIds.every((c) => typeof c === 'string') &&
    (e.customerName === undefined || typeof e.customerName === 'string')
  );
}
