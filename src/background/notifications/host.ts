// What the effect runners share with createEventStream: the injected world, the settled
// configuration, and the machine's current state and dispatch.

import type { Timers } from '../../shared/timers';
import type { ConversationUpdate } from '../cobrowse/events';
import type { StreamEvent, StreamState } from './machine';
import { type EventStreamDeps, STREAM_DEFAULTS } from './types';

export type StreamConfig = { -readonly [K in keyof typeof STREAM_DEFAULTS]: number };

export interface Host {
  deps: EventStreamDeps;
  cfg: StreamConfig;
  timers: Timers;
  now: () => number;
  random: () => number;
  log: (message: string) => void;
  state: () => StreamState;
  dispatch: (event: StreamEvent) => void;
  reconcile: (conversationId: string) => Promise<ConversationUpdate>;
}

/** The deps' clocks, each falling back to its default. */
export const configOf = (deps: EventStreamDeps): StreamConfig => ({
  heartbeatTimeoutMs: deps.heartbeatTimeoutMs ?? STREAM_DEFAULTS.heartbeatTimeoutMs,
  pingAfterMs: deps.pingAfterMs ?? STREAM_DEFAULTS.pingAfterMs,
  baseBackoffMs: deps.baseBackoffMs ?? STREAM_DEFAULTS.baseBackoffMs,
  maxBackoffMs: deps.maxBackoffMs ?? STREAM_DEFAULTS.maxBackoffMs,
  stableAfterMs: deps.stableAfterMs ?? STREAM_DEFAULTS.stableAfterMs,
  pollIntervalMs: deps.pollIntervalMs ?? STREAM_DEFAULTS.pollIntervalMs,
  renewBeforeExpiryMs: deps.renewBeforeExpiryMs ?? STREAM_DEFAULTS.renewBeforeExpiryMs,
});
