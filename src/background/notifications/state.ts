// The notification stream machine's vocabulary: its state (a union on `kind`), the events it
// is fed and the effects it asks the glue to run. machine.ts reduces them.
import type { SessionError } from '../../shared/session';
import type { ConversationUpdate } from '../cobrowse/events';
import type { ChannelInfo } from './channel';
import type { Media, StreamStatus } from './types';

export type TimerName = 'retry' | 'poll' | 'stable' | 'renew';

/** A socket the machine knows by the id it gave it. */
export interface Socket {
  id: number;
  channel: ChannelInfo;
}

/** A connect attempt in flight; `gen` tags its async steps so a stale answer is ignored. */
export interface Setup {
  gen: number;
  userId?: string;
  /** The channel it will open: the reused one (HEAD pending) or the new one. */
  channel?: ChannelInfo;
  /** Its socket, opened but not yet open. */
  pending?: Socket;
}

export interface Shared {
  live: ReadonlyMap<string, Media>;
  /** What onStatus last reported ('down' with a switch under way after the old socket died). */
  status: StreamStatus;
  /** The last channel made: reused after a drop when HEAD finds it. */
  channel?: ChannelInfo;
  /** The next connect must create a new channel (socket_closing, expiry). */
  wantFreshChannel: boolean;
  /** Failed attempts since the last stable connection (the backoff exponent). */
  attempt: number;
  /** Bumped by stop() and by each connect: an older async step sees it and gives up. */
  generation: number;
  nextSocketId: number;
  armed: Readonly<Record<TimerName, boolean>>;
  stats: Readonly<{ frames: number; malformedFrames: number; connects: number }>;
}

export type StreamState = Shared &
  (
    | { kind: 'idle' }
    | { kind: 'connecting'; setup: Setup }
    /** No socket and no attempt: REST polling, a backoff timer decides the next attempt. */
    | { kind: 'down' }
    /** A socket is up (a failed switch may still wait for its backoff, `armed.retry`). */
    | { kind: 'up'; socket: Socket }
    /** A socket is up and an attempt for its successor is in flight. */
    | { kind: 'switching'; socket: Socket; setup: Setup }
  );

export type StreamEvent =
  | { type: 'ensure'; live: ReadonlyMap<string, Media> }
  | { type: 'stop' }
  /** Connect step answers, each tagged with its attempt's generation. */
  | { type: 'user'; gen: number; userId: string; now: number }
  | { type: 'head'; gen: number; exists: boolean }
  | { type: 'created'; gen: number; channel: ChannelInfo }
  | { type: 'address-ok'; gen: number }
  /** Any step failed (explained by the glue). */
  | { type: 'setup-failed'; gen: number; error: SessionError }
  | { type: 'socket-open'; socket: number; now: number }
  | { type: 'frame'; socket: number; data: unknown }
  | {
      type: 'socket-closed';
      socket: number;
      code?: number | undefined;
      reason?: string | undefined;
    }
  /** The heartbeat watchdog: no frame for heartbeatTimeoutMs. */
  | { type: 'socket-dead'; socket: number }
  | { type: 'timer'; name: TimerName };

export type StreamEffect =
  | { kind: 'status'; status: StreamStatus; error?: SessionError }
  | { kind: 'log'; message: string }
  | { kind: 'error'; error: SessionError }
  | { kind: 'deliver'; update: ConversationUpdate }
  | { kind: 'read-user'; gen: number }
  | { kind: 'head'; gen: number; channel: ChannelInfo }
  | { kind: 'create-channel'; gen: number; userId: string }
  | { kind: 'check-address'; gen: number; channel: ChannelInfo }
  /** Open a WebSocket on channel.connectUri and start its watchdog. */
  | { kind: 'open-socket'; gen: number; socket: Socket }
  /** Restart the socket's watchdog clocks. */
  | { kind: 'kick'; socket: number }
  /** Forget a socket (no more callbacks, watchdog stopped), closing it when a code is given. */
  | { kind: 'detach'; socket: number; code?: number; reason?: string }
  | { kind: 'set-timer'; name: Exclude<TimerName, 'retry'>; ms: number }
  /** Arm the retry timer: max(minDelayMs, backoff with jitter for `attempt`). */
  | { kind: 'schedule-retry'; attempt: number; minDelayMs: number }
  | { kind: 'clear-timer'; name: TimerName }
  /** Read these live conversations over REST; 'all' reads whatever is live when it runs. */
  | { kind: 'reconcile'; ids: readonly string[] | 'all'; why: string };

export interface MachineConfig {
  heartbeatTimeoutMs: number;
  maxBackoffMs: number;
  stableAfterMs: number;
  pollIntervalMs: number;
}

export interface Step {
  state: StreamState;
  effects: StreamEffect[];
}

export const initialState = (): StreamState => ({
  kind: 'idle',
  live: new Map(),
  status: 'down',
  wantFreshChannel: false,
  attempt: 0,
  generation: 0,
  nextSocketId: 1,
  armed: { retry: false, poll: false, stable: false, renew: false },
  stats: { frames: 0, malformedFrames: 0, connects: 0 },
});
