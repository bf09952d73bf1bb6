// The panel page's port (PORT_PANEL), its side: its one-time key, then what the agent clicked,
// each checked by the background before it acts (the views it is sent are in pushes.ts).
import * as v from 'valibot';
import { OfflineChoiceSchema, UUID } from './atoms';

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
