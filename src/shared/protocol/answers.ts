// What each request is answered with. The background builds these and never parses them: the
// schemas are here for the types (inferred from them), and no bundle imports this file's values.
import * as v from 'valibot';
import type { HistoryEntry } from '../history-entry';
import type { Learned } from '../learned';
import type { OrgCheckSnapshot } from '../org-check';
import type { SessionError, SessionSnapshot } from '../session';
import type { LockedKeys, Settings, SettingsProblem } from '../settings';
import { built } from './atoms';
import type { RequestName, RequestOf } from './requests';

const IdName = v.object({ id: v.string(), name: v.string() });

/** A conversation's media (errors are worded for it too). */
export const ConversationMediaSchema = v.picklist(['message', 'call', 'chat', 'email', 'other']);
export type ConversationMedia = v.InferOutput<typeof ConversationMediaSchema>;

export const AuthStatusSchema = v.object({
  signedIn: v.boolean(),
  user: v.optional(IdName),
  org: v.optional(IdName),
  /** epoch ms */
  expiresAt: v.optional(v.number()),
  /** "mypurecloud.com" or a custom base URL */
  environment: v.string(),
});
export type AuthStatus = v.InferOutput<typeof AuthStatusSchema>;

/** One thing the agent's setup lacks, with what to ask the admin for. */
export const SetupGapSchema = v.object({
  kind: v.picklist(['scope', 'permission', 'licence']),
  /** the exact scope or permission string */
  name: v.string(),
  explanation: v.string(),
  fix: v.string(),
});
export type SetupGap = v.InferOutput<typeof SetupGapSchema>;

export const ConnectionReportSchema = v.object({
  org: IdName,
  user: IdName,
  scopes: v.array(v.string()),
  cobrowse: v.object({ message: v.boolean(), call: v.boolean() }),
  gaps: v.array(SetupGapSchema),
  /** The OAuth client the token was issued to (tokens/me OAuthClient). */
  client: v.optional(IdName),
  /** users/me could not be read (no user-basic-info scope): user and cobrowse are unknown. */
  permissionsUnknown: v.optional(v.boolean()),
  /** What the extension learned at run time about how this org behaves (shared/learned.ts). */
  learned: v.optional(v.custom<Omit<Learned, 'boundTo'>>(() => true)),
});
export type ConnectionReport = v.InferOutput<typeof ConnectionReportSchema>;

export const ConversationSummarySchema = v.object({
  id: v.string(),
  customerName: v.string(),
  media: ConversationMediaSchema,
  queueName: v.optional(v.string()),
  /** epoch ms */
  startedAt: v.optional(v.number()),
  canCobrowse: v.boolean(),
  /** why not, already localised */
  reason: v.optional(v.string()),
  customerOnline: v.optional(v.boolean()),
  /** The page the list was read for shows this conversation. */
  onPage: v.optional(v.boolean()),
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const ConversationListSchema = v.object({
  conversations: v.array(ConversationSummarySchema),
  /** The page's conversation, or the only one. */
  preselectedId: v.optional(v.string()),
  /** Valid ids the page showed that are not among the agent's active conversations. */
  unknownHints: v.array(v.string()),
  /** The conversation whose session the tab's panel shows (for the popup to follow the tab). */
  tabSession: v.optional(v.string()),
});
export type ConversationList = v.InferOutput<typeof ConversationListSchema>;

/**
 * What the options page shows: the merged settings, which keys a policy locks, and why any
 * stored value was not applied; plus the redirect URI the admin registers
 * (identity.getRedirectURL()).
 */
export const SettingsViewSchema = v.object({
  settings: built<Settings>(),
  locked: built<LockedKeys>(),
  problems: v.array(built<SettingsProblem>()),
  redirectUri: v.string(),
});
export type SettingsView = v.InferOutput<typeof SettingsViewSchema>;

const Snapshot = built<SessionSnapshot>();
const History = v.array(built<HistoryEntry>());

/** What each request is answered with. */
export const ANSWERS = {
  'auth.status': AuthStatusSchema,
  'auth.signIn': AuthStatusSchema,
  'auth.signOut': AuthStatusSchema,
  'connection.test': ConnectionReportSchema,
  'settings.get': SettingsViewSchema,
  'settings.save': SettingsViewSchema,
  'conversations.list': ConversationListSchema,
  'cobrowse.start': Snapshot,
  'cobrowse.end': Snapshot,
  'cobrowse.answerOffline': Snapshot,
  'cobrowse.offerAgain': Snapshot,
  'cobrowse.openViewer': v.object({ url: v.string() }),
  'orgcheck.start': built<OrgCheckSnapshot>(),
  'orgcheck.status': built<OrgCheckSnapshot>(),
  'orgcheck.cancel': built<OrgCheckSnapshot>(),
  'orgcheck.viewer': v.object({ accepted: v.boolean() }),
  'history.list': History,
  'history.clear': History,
} as const satisfies Record<RequestName, unknown>;

export type ResponseOf<N extends RequestName> = v.InferOutput<(typeof ANSWERS)[N]>;
/** Request name → [payload, answer]. */
export type Requests = { [N in RequestName]: [RequestOf<N>, ResponseOf<N>] };

/** Every answer crosses as a Result: nothing thrown ever crosses the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SessionError };
