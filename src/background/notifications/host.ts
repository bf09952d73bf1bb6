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
export function configOf(deps: EventStreamDeps): StreamConfig {
  const cfg: StreamConfig = { ...STREAM_DEFAULTS };
  for (const key of Object.keys(cfg) as (keyof StreamConfig)[]) cfg[key] = deps[key] ?? cfg[key];
  return cfg;
}
