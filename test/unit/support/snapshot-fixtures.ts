// A session snapshot as the service first persists it (state creating, one "requested" step from
// the popup), for the history and service tests to vary from.
import type { SessionSnapshot } from '../../../src/shared/session';

export function requestedSnapshot(
  conversationId: string,
  at: number,
  patch: Partial<SessionSnapshot> = {},
): SessionSnapshot {
  return {
    conversationId,
    media: 'message',
    profile: 'genesys',
    origin: 'popup',
    state: 'creating',
    timeline: [{ at, step: 'requested', detail: 'popup' }],
    updatedAt: at,
    ...patch,
  };
}
