// The content script's port (PORT_OVERLAY): the background asks it for the page's conversation
// hints and tells it to show the panel frame; it answers with hints and where the agent put the
// panel. The content script imports only the types from here (and the port names from
// ports.ts): the schema library stays out of it.
import * as v from 'valibot';
import type { DetectionRule } from '../settings';
import { built, PanelPlaceSchema } from './atoms';

/** Background → content script. */
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

/**
 * The page's hints as they cross the port: only the envelope is checked here; detect()
 * re-validates every hint.
 */
export const PageHintsEnvelopeSchema = v.object({
  hints: v.array(v.unknown()),
  truncated: v.boolean(),
});
export type PageHintsEnvelope = v.InferOutput<typeof PageHintsEnvelopeSchema>;

/** Content script → background: everything it may send; anything else is dropped. */
export const OverlayMessageSchema = v.variant('type', [
  /** Sent on every (re)connect. */
  v.object({ type: v.literal('hello') }),
  v.object({ type: v.literal('hints'), requestId: v.number(), page: PageHintsEnvelopeSchema }),
  /** The agent moved the panel: remembered for this site. */
  v.object({ type: v.literal('place'), place: PanelPlaceSchema }),
]);
export type OverlayMessage = v.InferOutput<typeof OverlayMessageSchema>;
