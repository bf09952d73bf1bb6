// The notification stream machine's vocabulary: its state (a union on `kind`), the events it
// is fed and the effects it asks the glue to run. machine.ts reduces them.
import type { SessionError } from '../../shared/session';
import type { ConversationUpdate } from '../cobrowse/events';
import type { ChannelInfo } from './channel';
import type * as FX from './effect-kinds';
import type * as EV from './event-types';
import * as KIND from './state-kinds';
import * as TIMER from './timer-names';
import type { Media, StreamStatus } from './types';

export type TimerName = (typeof TIMER)[keyof typeof TIMER];

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
  /** Held while signed in, without live sessions too (the user's conversation list by push). */
  watch: boolean;
  /** What onStatus last reported ('down' with a switch under way after the old socket died). */
  status: StreamStatus;
  /** The last channel made: reused after a drop when HEAD finds it. */
  channel?: ChannelInfo;
  /** The next connect must create a new channel (socket_closing, expiry). */
  fresh: boolean;
  /** Failed attempts since the last stable connection (the backoff exponent). */
  attempt: number;
  /** The generation: bumped by stop() and by each connect; an older async step gives up. */
  gen: number;
  /** The id the next socket gets. */
  nextId: number;
  armed: Readonly<Record<TimerName, boolean>>;
  stats: Readonly<{ frames: number; malformedFrames: number; connects: number }>;
}

export type StreamState = Shared &
  (
    | { kind: typeof KIND.idle }
    | { kind: typeof KIND.connecting; setup: Setup }
    | { kind: typeof KIND.down }
    | { kind: typeof KIND.up; socket: Socket }
    | { kind: typeof KIND.switching; socket: Socket; setup: Setup }
  );

export type StreamEvent =
  | { type: typeof EV.ensure; live: ReadonlyMap<string, Media> }
  | { type: typeof EV.stop }
  | { type: typeof EV.watch; on: boolean }
  | {
      type: typeof EV.user;
      gen: number;
      userId: string;
      now: number;
      /** The channel an earlier worker made (reused, like after a drop, when HEAD finds it). */
      stored?: ChannelInfo | undefined;
    }
  | { type: typeof EV.head; gen: number; exists: boolean }
  | { type: typeof EV.created; gen: number; channel: ChannelInfo }
  | { type: typeof EV.addressOk; gen: number }
  | { type: typeof EV.setupFailed; gen: number; error: SessionError }
  | { type: typeof EV.socketOpen; socket: number; now: number }
  | { type: typeof EV.frame; socket: number; data: unknown }
  | {
      type: typeof EV.socketClosed;
      socket: number;
      code?: number | undefined;
      reason?: string | undefined;
    }
  | { type: typeof EV.socketDead; socket: number }
  | { type: typeof EV.timer; name: TimerName };

export type StreamEffect =
  | { kind: typeof FX.status; status: StreamStatus; error?: SessionError | undefined }
  | { kind: typeof FX.log; message: string }
  | { kind: typeof FX.error; error: SessionError }
  | { kind: typeof FX.deliver; update: ConversationUpdate }
  | { kind: typeof FX.listed; body: Record<string, unknown> & { id: string } }
  | { kind: typeof FX.readUser; gen: number }
  | { kind: typeof FX.head; gen: number; channel: ChannelInfo }
  | { kind: typeof FX.createChannel; gen: number; userId: string }
  | { kind: typeof FX.checkAddress; gen: number; channel: ChannelInfo }
  | { kind: typeof FX.openSocket; gen: number; socket: Socket }
  | { kind: typeof FX.kick; socket: number }
  | {
      kind: typeof FX.detach;
      socket: number;
      code?: number | undefined;
      reason?: string | undefined;
    }
  | { kind: typeof FX.setTimer; name: Exclude<TimerName, typeof TIMER.retry>; ms: number }
  | { kind: typeof FX.scheduleRetry; attempt: number; minMs: number }
  | { kind: typeof FX.clearTimer; name: TimerName }
  | { kind: typeof FX.reconcile; ids?: readonly string[]; why: string };

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
  kind: KIND.idle,
  live: new Map(),
  watch: false,
  status: 'down',
  fresh: false,
  attempt: 0,
  gen: 0,
  nextId: 1,
  armed: { [TIMER.retry]: false, [TIMER.poll]: false, [TIMER.stable]: false, [TIMER.renew]: false },
  stats: { frames: 0, malformedFrames: 0, connects: 0 },
});
