// The panel page's port (PORT_PANEL): the background sends the view the tab's panel shows; the
// panel sends its one-time key, then what the agent clicked. The panel renders these views
// with the popup's components (src/ui/session/).
import * as v from 'valibot';
import type { SessionError, SessionSnapshot } from '../session';
import { built, OfflineChoiceSchema, UUID } from './atoms';
import { ConversationSummarySchema } from './requests';

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

export const StartOptionsSchema = v.object({
  /** The agent confirmed an id that is not one of their active conversations. */
  confirmed: v.optional(v.boolean()),
  /** The agent's answer to the customer-offline prompt. */
  whenCustomerOffline: v.optional(OfflineChoiceSchema),
});
export type StartOptions = v.InferOutput<typeof StartOptionsSchema>;

// What the agent did in the panel, without ids: the tab's own view says which session.
const START = { action: v.literal('start'), conversationId: UUID, options: StartOptionsSchema };
const ANSWER_OFFLINE = { action: v.literal('answerOffline'), choice: OfflineChoiceSchema };
const PLAIN = { action: v.picklist(['end', 'offerAgain', 'openViewer', 'retry', 'close']) };

export const OverlayActionSchema = v.variant('action', [
  v.object(START),
  v.object(ANSWER_OFFLINE),
  v.object(PLAIN),
]);
export type OverlayAction = v.InferOutput<typeof OverlayActionSchema>;

/** Background → panel. */
export const PanelPushSchema = v.object({ type: v.literal('view'), view: OverlayViewSchema });
export type PanelPush = v.InferOutput<typeof PanelPushSchema>;

const ACTION = { type: v.literal('action') };

/** Panel → background: everything a panel frame may send; anything else is dropped. */
export const PanelMessageSchema = v.variant('type', [
  v.object({ type: v.literal('hello'), key: v.pipe(v.string(), v.minLength(16), v.maxLength(64)) }),
  v.variant('action', [
    v.object({ ...ACTION, ...START }),
    v.object({ ...ACTION, ...ANSWER_OFFLINE }),
    v.object({ ...ACTION, ...PLAIN }),
  ]),
]);
export type PanelMessage = v.InferOutput<typeof PanelMessageSchema>;
