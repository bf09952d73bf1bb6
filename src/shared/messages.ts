// The message protocol: one typed map from request name to [request, response].
// Views send intents; the content script talks over its 'overlay' port; the background answers
// and pushes snapshots. The background's router (router.ts) checks every request's sender and
// payload shape before its handler runs.
import type { OverlayView, StartOptions } from '../ui/session/model';
import type { PageHints } from './detect/types';
import type { HistoryEntry } from './history';
import type { Origin, SessionError, SessionSnapshot } from './session';
import type { DetectionRule, LockedKeys, Settings, SettingsProblem } from './settings';

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
  /** The agent's active conversations, classified and ranked against the tab's page hints
   *  (the background injects the collector under activeTab). From extension pages only. */
  'conversations.list': [{ tabId?: number }, ConversationList];
  /** The one start path's entry for views: popup, overlay picker/confirm/offline prompts. */
  'cobrowse.start': [StartRequest, SessionSnapshot];
  'cobrowse.end': [{ conversationId: string }, SessionSnapshot];
  'cobrowse.answerOffline': [
    { conversationId: string; choice: 'send-when-back' | 'send-anyway' },
    SessionSnapshot,
  ];
  'cobrowse.offerAgain': [{ conversationId: string }, SessionSnapshot];
  /** Opens the Genesys agent viewer in a tab; refused unless the customer accepted. */
  'cobrowse.openViewer': [{ conversationId: string }, { url: string }];
  /** The session history, newest first (storage.local). From extension pages only. */
  'history.list': [Record<string, never>, HistoryEntry[]];
  /** Empties the history; answers with the (empty) list. From extension pages only. */
  'history.clear': [Record<string, never>, HistoryEntry[]];
}

export interface ConversationList {
  conversations: ConversationSummary[];
  /** The page's conversation, or the only one. */
  preselectedId?: string;
  /** Valid ids the page showed that are not among the agent's active conversations. */
  unknownHints: string[];
}

export interface StartRequest {
  conversationId: string;
  origin: Origin;
  /** The tab whose page shows the overlay (popup starts pass the active tab). */
  tabId?: number;
  /** The agent confirmed an id that is not one of their active conversations. */
  confirmed?: boolean;
  /** The agent's answer to the customer-offline question, asked before the start. */
  whenCustomerOffline?: 'send-when-back' | 'send-anyway';
}

export type RequestName = keyof Requests;
export type RequestOf<N extends RequestName> = Requests[N][0];
export type ResponseOf<N extends RequestName> = Requests[N][1];

export type Result<T> = { ok: true; value: T } | { ok: false; error: SessionError };

/** Pushed from the background over a runtime Port named PORT_VIEWS. */
export type Push =
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  | { type: 'auth'; status: AuthStatus }
  /** A session ended and was dropped from the live set (views clear it). */
  | { type: 'session-removed'; conversationId: string };

export const PORT_VIEWS = 'views';

export type { Origin };

// The on-demand content script's port (src/content/ ↔ src/background/overlay.ts). The content
// script reads the page's conversation hints and hosts the panel frame; it renders nothing of
// its own and holds no session data, so a page script finds nothing to read or press there.
export const PORT_OVERLAY = 'overlay';
// The panel page's port (src/panel/, an extension page in a frame on the agent's page). It
// proves it is the frame the content script made with a one-time key the page never sees.
export const PORT_PANEL = 'panel';

/** Where the agent put the panel, as distances from the viewport's right and bottom edges. */
export interface PanelPlace {
  right: number;
  bottom: number;
}

/** Background → content script. */
export type OverlayPush =
  /** Walk the page for conversation ids with these extra rules (also over the right-clicked
   *  link or selection in `context`); answer with `hints`. */
  | {
      type: 'collect';
      requestId: number;
      rules: DetectionRule[];
      context?: { linkUrl?: string; selectionText?: string };
    }
  /** Show the panel frame (made once per page, keyed with `key`) and move focus into it. */
  | { type: 'show'; key: string; place?: PanelPlace };

/** What the agent did in the panel (OverlayActions, without ids: the tab's own view says which). */
export type OverlayAction =
  | { action: 'start'; conversationId: string; options: StartOptions }
  | { action: 'answerOffline'; choice: 'send-when-back' | 'send-anyway' }
  | { action: 'end' | 'offerAgain' | 'openViewer' | 'retry' | 'close' };

/** Content script → background. */
export type OverlayMessage =
  /** Sent on every (re)connect. */
  | { type: 'hello' }
  | { type: 'hints'; requestId: number; page: PageHints }
  /** The agent moved the panel: remembered for this site. */
  | { type: 'place'; place: PanelPlace };

/** Background → panel. */
export type PanelPush = { type: 'view'; view: OverlayView };

/** Panel → background. */
export type PanelMessage = { type: 'hello'; key: string } | ({ type: 'action' } & OverlayAction);
