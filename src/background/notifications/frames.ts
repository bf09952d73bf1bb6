// Where a socket frame goes: a conversation update for a live conversation of the channel's own
// user, a socket_closing notice, a malformed frame to count, or nothing (heartbeats and pongs
// only prove the socket alive; other topics are not ours).
import { type ConversationUpdate, parseFrame } from '../cobrowse/events';

export type FrameRoute =
  | { kind: 'deliver'; update: ConversationUpdate }
  /** Another user's topic (a channel left from before an account switch): never applied. */
  | { kind: 'other-user' }
  | { kind: 'socket-closing' }
  | { kind: 'malformed'; problem: string }
  | { kind: 'ignore' };

export function routeFrame(
  data: unknown,
  channelUserId: string,
  live: ReadonlyMap<string, unknown>,
): FrameRoute {
  const result = parseFrame(typeof data === 'string' ? data : String(data));
  switch (result.kind) {
    case 'conversation':
      if (result.userId !== channelUserId) return { kind: 'other-user' };
      if (!live.has(result.update.conversationId)) return { kind: 'ignore' };
      return { kind: 'deliver', update: result.update };
    case 'socket-closing':
      return { kind: 'socket-closing' };
    case 'malformed':
      return { kind: 'malformed', problem: result.problem };
    default:
      return { kind: 'ignore' };
  }
}
