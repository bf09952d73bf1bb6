// What diagnostics() reports: a read of the machine's state, never user-visible.
import type { StreamState } from './machine';
import type { EventStreamDiagnostics } from './types';

export const diagnosticsOf = (s: StreamState): EventStreamDiagnostics => ({
  status: s.status,
  ...(s.channel ? { channelId: s.channel.id } : {}),
  ...s.stats,
  attempt: s.attempt,
  live: [...s.live.keys()],
});
