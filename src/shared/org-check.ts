// The org check's model, shared by the background (which runs it and builds the report) and the
// options page (which renders its snapshot and offers the report for download and copy).

/**
 * The behaviours the check observes, in report order. Each id is the name the sandbox gives the
 * same behaviour, and each value one the sandbox can take, so a report reads as a profile.
 */
export const BEHAVIOURS = [
  'conflictOnPendingSession',
  'coBrowseEventParticipant',
  'redeliverOfferOnJoin',
  'issueRefreshTokens',
  'deploymentIdPlace',
  'voiceSignal',
  'legacyCobrowseTopic',
  'offerTtlSeconds',
  'viewerWithSession',
] as const;
export type BehaviourId = (typeof BEHAVIOURS)[number];

/** Why a behaviour was not observed (each a localised sentence `orgcheck_reason_<id>`). */
export const NOT_OBSERVED_REASONS = [
  'no_voice_conversation',
  'customer_did_not_act',
  'customer_did_not_leave',
  'customer_did_not_return',
  'no_offering_event',
  'no_deployment_id',
  'viewer_no_answer',
  'request_failed',
  'cancelled',
] as const;
export type NotObservedReason = (typeof NOT_OBSERVED_REASONS)[number];

export type FindingValue = string | number | boolean;

export interface Finding {
  id: BehaviourId;
  /** The observed value; absent when not observed (then `reason` says why). */
  value?: FindingValue;
  /** Status codes, header and field names, topic states: never a token, body or customer data. */
  evidence: string[];
  reason?: NotObservedReason;
}

export interface OrgCheckReport {
  format: 'cobrowse-launcher-org-check/1';
  /** ISO time the check finished. */
  generatedAt: string;
  extensionVersion: string;
  /** The region domain, or the custom base URL's origin. */
  environment: string;
  org: { id: string; name: string };
  conversationId: string;
  voiceConversationId?: string;
  /** One per BEHAVIOURS entry, in that order. */
  findings: Finding[];
  /** What the check created and ended at Genesys, as evidence lines. */
  touched: string[];
  /** Steps that failed, with the HTTP status and error code when Genesys answered. */
  failedSteps: { step: CheckStep; status?: number; code: string }[];
}

export const CHECK_STEPS = [
  'token',
  'topics',
  'create',
  'deployment',
  'second',
  'viewer',
  'answer',
  'end',
  'redelivery',
  'voice',
] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

/** What the check asks the admin to do in the test Messenger. */
export type CheckPrompt = 'answer_offer' | 'close_messenger' | 'open_messenger';

export interface OrgCheckSnapshot {
  state: 'idle' | 'running' | 'done' | 'failed';
  steps: { id: CheckStep; state: 'pending' | 'running' | 'done' | 'skipped' }[];
  /** What the check does now, said before it does it (localised). */
  now?: string;
  /** Everything it said so far, in order (each step's announcement, each request to act). */
  said: string[];
  /** An action asked of the admin in the test Messenger, and until when it waits (epoch ms). */
  prompt?: { id: CheckPrompt; text: string; until: number };
  /** The agent viewer to open in the options page (it reports its session to its parent). */
  viewer?: { url: string; until: number };
  report?: OrgCheckReport;
  markdown?: string;
  /** Why the check stopped early (a localised sentence; never a response body). */
  error?: string;
}
