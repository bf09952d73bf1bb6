// The cobrowse session model: the one shape every view renders. Owned by the background
// (src/background/cobrowse), persisted to storage.session, pushed to views as snapshots.
import type { Origin } from './protocol/atoms';

export type Media = 'message' | 'call';

/** How the start request reaches Genesys: the Platform API, or a company's own gateway. */
export type Profile = 'genesys' | 'gateway';

// Where the agent started from (a protocol atom: start requests carry it).
export type { Origin };

/**
 * creating → offered → active → ended, with exits declined / expired / failed.
 * `waiting` is the race guard: the customer's Messenger is offline, and the agent chose
 * "Send when the customer is back"; the POST goes out on their next Presence Join.
 */
export type SessionState =
  | 'waiting'
  | 'creating'
  | 'offered'
  | 'active'
  | 'ended'
  | 'declined'
  | 'expired'
  | 'failed';

export const FINAL_STATES: readonly SessionState[] = ['ended', 'declined', 'expired', 'failed'];

export type StepKind =
  | 'requested'
  | 'waiting-customer'
  | 'created'
  | 'offered'
  | 'customer-online'
  | 'customer-offline'
  | 'accepted'
  /** Voice: Genesys shows the caller connected to the session. */
  | 'joined'
  /** Voice: dateOfferEnds passed with no sign of whether the caller joined. */
  | 'offer-time-over'
  | 'declined'
  | 'expired'
  | 'ended'
  | 'failed';

export interface TimelineStep {
  /** epoch ms */
  at: number;
  step: StepKind;
  /** e.g. the end reason ("agent", "customer", "conversation-ended") */
  detail?: string;
}

/** A failure, explained (see src/shared/errors.ts for the catalogue). */
export interface SessionError {
  status?: number;
  /** Genesys ErrorBody.code, or a local code such as "network" / "timeout" / "malformed.response". */
  code: string;
  /** The server's own message, verbatim (rendered as text, never HTML). */
  message: string;
  contextId?: string;
  title: string;
  explanation: string;
  fix: string;
  /** 429: seconds until the next attempt is allowed. */
  retryAfterSeconds?: number;
  /** What only an admin can change (roles, the OAuth client), in their words; the agent's view
   *  keeps it collapsed and copyable. */
  admin?: string;
}

export interface SessionSnapshot {
  conversationId: string;
  media: Media;
  profile: Profile;
  origin: Origin;
  customerName?: string;
  state: SessionState;
  joinCode?: string;
  sessionId?: string;
  /** epoch ms, from dateOfferEnds */
  offerEndsAt?: number;
  /** Last known Messenger presence; undefined when unknown (voice, or not yet seen). */
  customerOnline?: boolean;
  timeline: TimelineStep[];
  /**
   * In `waiting`: the agent has not chosen yet (settings say 'ask'); the view asks
   * "Send when the customer is back" / "Send anyway".
   */
  prompt?: 'customer-offline';
  /** Keys of push/REST events already applied, so replays never move the state twice. */
  seenEvents?: string[];
  /** In `creating` after a 429: epoch ms when the POST goes out again (the view counts down). */
  retryAt?: number;
  /** 429 retries used in this attempt (bounded). */
  retries?: number;
  error?: SessionError;
  /**
   * After an ambiguous failure (5xx, timeout, network): the REST reconcile that tells whether
   * an offer went out anyway has not finished yet. Views keep Retry disabled until then.
   */
  reconciling?: boolean;
  /**
   * Voice, still `offered`: the offer time is over and nothing Genesys lets the agent observe
   * says whether the caller joined. Views say so and keep End and Open viewer; a new start
   * replaces the session.
   */
  outcomeUnknown?: boolean;
  /** A 409 request.conflict: the conversation of the agent's other live session, if known. */
  conflictWith?: string;
  /** The auto-copy of this session's join code (the autoCopy setting), once it ran. */
  autoCopy?: AutoCopyOutcome;
  /** epoch ms of the last change; views use it to drop stale pushes. */
  updatedAt: number;
}

/**
 * What the background put on the clipboard when the join code arrived, and whether the
 * clipboard took it: views show a failure on the Copy button, so the agent never pastes
 * whatever the clipboard held before.
 */
export interface AutoCopyOutcome {
  joinCode: string;
  /** The bare code, or the invitation text holding it. */
  what: 'code' | 'invitation';
  ok: boolean;
  /** epoch ms */
  at: number;
}

export const isFinal = (s: SessionState): boolean => FINAL_STATES.includes(s);
