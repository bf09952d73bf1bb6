// The requests views send to the background (runtime.sendMessage) and what each is answered
// with. The background's router (src/background/router.ts) checks every request's sender and
// payload against REQUEST_PAYLOADS before its handler runs; the answers are built by the
// background and never parsed, so ANSWERS exists for the types (and is dropped from bundles).
import * as v from 'valibot';
import type { HistoryEntry } from '../history';
import type { SessionError, SessionSnapshot } from '../session';
import type { LockedKeys, Settings, SettingsProblem } from '../settings';
import {
  built,
  ConversationMediaSchema,
  EMPTY_PAYLOAD,
  OfflineChoiceSchema,
  OriginSchema,
  TAB_ID,
  UUID,
} from './atoms';

const IdName = v.object({ id: v.string(), name: v.string() });

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
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const ConversationListSchema = v.object({
  conversations: v.array(ConversationSummarySchema),
  /** The page's conversation, or the only one. */
  preselectedId: v.optional(v.string()),
  /** Valid ids the page showed that are not among the agent's active conversations. */
  unknownHints: v.array(v.string()),
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

/** The one start path's entry for views: popup, overlay picker/confirm/offline prompts. */
export const StartRequestSchema = v.object({
  conversationId: UUID,
  origin: OriginSchema,
  /** The tab whose page shows the overlay (popup starts pass the active tab). */
  tabId: v.optional(TAB_ID),
  /** The agent confirmed an id that is not one of their active conversations. */
  confirmed: v.optional(v.boolean()),
  /** The agent's answer to the customer-offline question, asked before the start. */
  whenCustomerOffline: v.optional(OfflineChoiceSchema),
});
export type StartRequest = v.InferOutput<typeof StartRequestSchema>;

const ById = v.object({ conversationId: UUID });

/**
 * An edit from the options page: any keys. The settings module checks every key and value
 * (known, not locked, valid) in save(), and refuses the whole edit with its reasons.
 */
const SettingsPatchSchema = v.record(v.string(), v.unknown());
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/** Every request's payload. A payload that does not match is refused before any handler runs. */
export const REQUEST_PAYLOADS = {
  'auth.status': EMPTY_PAYLOAD,
  'auth.signIn': EMPTY_PAYLOAD,
  'auth.signOut': EMPTY_PAYLOAD,
  'connection.test': EMPTY_PAYLOAD,
  'settings.get': EMPTY_PAYLOAD,
  /** Saves only the given keys; refused (nothing written) when one is locked or invalid. */
  'settings.save': SettingsPatchSchema,
  /** The agent's active conversations, classified and ranked against the tab's page hints
   *  (the background injects the collector under activeTab). From extension pages only. */
  'conversations.list': v.object({ tabId: v.optional(TAB_ID) }),
  'cobrowse.start': StartRequestSchema,
  'cobrowse.end': ById,
  'cobrowse.answerOffline': v.object({ conversationId: UUID, choice: OfflineChoiceSchema }),
  'cobrowse.offerAgain': ById,
  /** Opens the Genesys agent viewer in a tab; refused unless the customer accepted. */
  'cobrowse.openViewer': ById,
  /** The session history, newest first (storage.local). From extension pages only. */
  'history.list': EMPTY_PAYLOAD,
  /** Empties the history; answers with the (empty) list. From extension pages only. */
  'history.clear': EMPTY_PAYLOAD,
} as const;

const Snapshot = built<SessionSnapshot>();
const History = v.array(built<HistoryEntry>());

/** What each request is answered with (for the types: the background builds these). */
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
  'history.list': History,
  'history.clear': History,
} as const;

export type RequestName = keyof typeof REQUEST_PAYLOADS;
export type RequestSchema<N extends RequestName> = (typeof REQUEST_PAYLOADS)[N];
export type RequestOf<N extends RequestName> = v.InferOutput<RequestSchema<N>>;
export type ResponseOf<N extends RequestName> = v.InferOutput<(typeof ANSWERS)[N]>;
/** Request name → [payload, answer]. */
export type Requests = { [N in RequestName]: [RequestOf<N>, ResponseOf<N>] };

/** Every answer crosses as a Result: nothing thrown ever crosses the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SessionError };
