// The content script's port (PORT_OVERLAY), its side: the page's hints and where the agent put
// the panel, each checked by the background before it is used (what the background sends it is
// in pushes.ts). The content script imports only the types from here (and the port names from
// ports.ts): the schema library stays out of it.
import * as v from 'valibot';
import { PanelPlaceSchema } from './atoms';

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
