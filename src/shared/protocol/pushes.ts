// What the background pushes: to its extension pages over PORT_VIEWS, to the content script
// over PORT_OVERLAY, and the views the panel renders over PORT_PANEL (with the popup's
// components, src/ui/session/). The background builds these and never parses them: the schemas
// are here for the types (inferred from them), and no bundle imports this file's values.
import * as v from 'valibot';
import type { OrgCheckSnapshot } from '../org-check';
import type { SessionError, SessionSnapshot } from '../session';
import type { DetectionRule } from '../settings';
import { AuthStatusSchema, ConversationSummarySchema } from './answers';
import { built, PanelPlaceSchema, UUID } from './atoms';

/** Background → extension pages (PORT_VIEWS). */
export const PushSchema = v.variant('type', [
  v.object({ type: v.literal('snapshot'), snapshot: built<SessionSnapshot>() }),
  v.object({ type: v.literal('auth'), status: AuthStatusSchema }),
  /** A session ended and was dropped from the live set (views clear it). */
  v.object({ type: v.literal('session-removed'), conversationId: UUID }),
  /** The org check's progress (options page). */
  v.object({ type: v.literal('orgcheck'), check: built<OrgCheckSnapshot>() }),
]);
export type Push = v.InferOutput<typeof PushSchema>;

/** Background → content script (PORT_OVERLAY). */
export const OverlayPushSchema = v.variant('type', [
  /** Walk the page for conversation ids with these extra rules (also over the right-clicked
   *  link or selection in `context`); answer with `hints`. */
  v.object({
    type: v.literal('collect'),
    requestId: v.number(),
    rules: v.array(built<DetectionRule>()),
    context: v.optional(
      v.object({ linkUrl: v.optional(v.string()), selectionText: v.optional(v.string()) }),
    ),
  }),
  /** Show the panel frame (made once per page, keyed with `key`) and move focus into it. */
  v.object({ type: v.literal('show'), key: v.string(), place: v.optional(PanelPlaceSchema) }),
]);
export type OverlayPush = v.InferOutput<typeof OverlayPushSchema>;

/** What the background asks the on-page panel to show. */
export const OverlayViewSchema = v.variant('kind', [
  /** A session in any state; `snapshot.error` is shown when it failed. */
  v.object({ kind: v.literal('session'), snapshot: built<SessionSnapshot>() }),
  /** The page shows no or several conversation ids: the agent picks one of theirs. */
  v.object({ kind: v.literal('picker'), conversations: v.array(ConversationSummarySchema) }),
  /** The id under the cursor is not one of the agent's active conversations. */
  v.object({ kind: v.literal('confirm'), conversationId: v.string() }),
  /**
   * Web messaging, and the customer's Messenger is offline, asked before any session exists.
   * (The state machine asks inside a `waiting` session instead: see `answerOffline`.)
   */
  v.object({
    kind: v.literal('offline'),
    conversationId: v.string(),
    customerName: v.optional(v.string()),
  }),
  /** A failure before any session existed (sign-in, permission, network...). */
  v.object({
    kind: v.literal('error'),
    error: built<SessionError>(),
    conversationId: v.optional(v.string()),
    /** epoch ms when it happened; the retry countdown runs from here (default: first shown). */
    at: v.optional(v.number()),
  }),
]);
export type OverlayView = v.InferOutput<typeof OverlayViewSchema>;

/** Background → panel (PORT_PANEL). */
export const PanelPushSchema = v.object({
  type: v.literal('view'),
  view: OverlayViewSchema,
  /** The session changed: a panel the agent closed comes back, minimised to the pill. */
  reveal: v.optional(v.literal(true)),
});
export type PanelPush = v.InferOutput<typeof PanelPushSchema>;
