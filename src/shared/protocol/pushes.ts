// What the background pushes to its extension pages (popup, options) over the PORT_VIEWS port.
import * as v from 'valibot';
import type { SessionSnapshot } from '../session';
import { built, UUID } from './atoms';
import { AuthStatusSchema } from './requests';

export const PushSchema = v.variant('type', [
  v.object({ type: v.literal('snapshot'), snapshot: built<SessionSnapshot>() }),
  v.object({ type: v.literal('auth'), status: AuthStatusSchema }),
  /** A session ended and was dropped from the live set (views clear it). */
  v.object({ type: v.literal('session-removed'), conversationId: UUID }),
]);
export type Push = v.InferOutput<typeof PushSchema>;
