// The message protocol: one typed map from request name to [request, response].
// Views and the content script send intents; the background answers and pushes snapshots.
// Every handler in the background checks the sender (see isTrustedSender) and the shape.
import type { Origin, SessionError, SessionSnapshot } from './session';

export interface AuthStatus {
  signedIn: boolean;
  user?: { id: string; name: string };
  org?: { id: string; name: string };
  /** epoch ms */
  expiresAt?: number;
  /** "mypurecloud.com" or a custom base URL */
  environment: string;
}

/** One thing the agent's setup lacks, with what to ask the admin for. */
export interface SetupGap {
  kind: 'scope' | 'permission' | 'licence';
  /** the exact scope or permission string */
  name: string;
  explanation: string;
  fix: string;
}

export interface ConnectionReport {
  org: { id: string; name: string };
  user: { id: string; name: string };
  scopes: string[];
  cobrowse: { message: boolean; call: boolean };
  gaps: SetupGap[];
}

export type ConversationMedia = 'message' | 'call' | 'chat' | 'email' | 'other';

export interface ConversationSummary {
  id: string;
  customerName: string;
  media: ConversationMedia;
  queueName?: string;
  /** epoch ms */
  startedAt?: number;
  canCobrowse: boolean;
  /** why not, already localised */
  reason?: string;
  customerOnline?: boolean;
}

export interface Requests {
  'auth.status': [Record<string, never>, AuthStatus];
  'auth.signIn': [Record<string, never>, AuthStatus];
  'auth.signOut': [Record<string, never>, AuthStatus];
  'connection.test': [Record<string, never>, ConnectionReport];
}

export type RequestName = keyof Requests;
export type RequestOf<N extends RequestName> = Requests[N][0];
export type ResponseOf<N extends RequestName> = Requests[N][1];

export interface Envelope<N extends RequestName = RequestName> {
  type: N;
  payload: RequestOf<N>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SessionError };

/** Pushed from the background over a runtime Port named PORT_VIEWS. */
export type Push =
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  | { type: 'auth'; status: AuthStatus };

export const PORT_VIEWS = 'views';

export type { Origin };
