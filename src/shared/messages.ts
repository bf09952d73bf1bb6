// The message protocol: one typed map from request name to [request, response].
// Views and the content script send intents; the background answers and pushes snapshots.
// Every handler in the background checks the sender (see isTrustedSender) and the shape.
import type { Origin, SessionError, SessionSnapshot } from './session';
import type { LockedKeys, Settings, SettingsProblem } from './settings';

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
  /** The OAuth client the token was issued to (tokens/me OAuthClient). */
  client?: { id: string; name: string };
  /** users/me could not be read (no user-basic-info scope): user and cobrowse are unknown. */
  permissionsUnknown?: boolean;
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

/** What the options page shows: the merged settings, which keys a policy locks, and why any
 * stored value was not applied; plus the redirect URI the admin registers (identity.getRedirectURL()). */
export interface SettingsView {
  settings: Settings;
  locked: LockedKeys;
  problems: SettingsProblem[];
  redirectUri: string;
}

export interface Requests {
  'auth.status': [Record<string, never>, AuthStatus];
  'auth.signIn': [Record<string, never>, AuthStatus];
  'auth.signOut': [Record<string, never>, AuthStatus];
  'connection.test': [Record<string, never>, ConnectionReport];
  'settings.get': [Record<string, never>, SettingsView];
  /** Saves only the given keys; refused (nothing written) when one is locked or invalid. */
  'settings.save': [Partial<Settings>, SettingsView];
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
