// The stream's public surface: what createEventStream takes and returns, and the socket shape
// it drives. Kept apart so the machine, the glue and the callers share one definition.
import type { SessionError } from '../../shared/session';
import type { Timers } from '../../shared/timers';
import type { ConversationUpdate } from '../cobrowse/events';
import type { GenesysClient } from '../genesys';

/** A notifications channel as the stream keeps it (and stores it across worker restarts). */
export interface ChannelInfo {
  id: string;
  connectUri: string;
  userId: string;
  /** epoch ms (our clock), when `expires` was given */
  renewAt?: number;
}

/** The part of the Genesys client the stream uses. */
export type EventStreamApi = Pick<
  GenesysClient,
  'createChannel' | 'subscribe' | 'channelExists' | 'getMessageConversation' | 'getConversation'
>;

// Method-style (bivariant) handler types, so the DOM's WebSocket (handlers taking its own
// MessageEvent/CloseEvent) and `ws`'s both type-check as a SocketConstructor without casts.
type Handler<E> = { bivariant(event: E): void }['bivariant'] | null;

/** The WebSocket surface the stream uses: the browser's, and `ws`'s in Node, both fit. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown>;
  onmessage: Handler<{ data: unknown }>;
  onclose: Handler<{ code?: number; reason?: string }>;
  onerror: Handler<unknown>;
}
export type SocketConstructor = new (url: string) => SocketLike;

export type StreamStatus = 'connecting' | 'up' | 'down';
export type UpdateSource = 'push' | 'rest';

/** A live conversation: its id, or its id and media (voice is read from /conversations/{id}). */
export type LiveConversation = string | { id: string; media: Media };

export interface EventStreamDeps {
  api: EventStreamApi;
  /** The signed-in agent's user id (the topic is v2.users.{id}.conversations.messages). */
  userId: () => Promise<string>;
  /** globalThis.WebSocket in the extension; `ws`'s WebSocket in Node tests. */
  WebSocket: SocketConstructor;
  /**
   * Why a channel's connectUri must not be opened (not the environment's streaming host;
   * socket-address.ts), or undefined. A refusal is a channel failure: REST polling carries on.
   */
  socketAddressProblem: (connectUri: string) => string | undefined | Promise<string | undefined>;
  /** A conversation's events, from a push frame or a REST read. Only live conversations. */
  onUpdate: (update: ConversationUpdate, source: UpdateSource) => void;
  /**
   * One of the user's conversations as v2.users.{id}.conversations pushed it (untrusted shape:
   * a ConversationEventTopicConversation with an id and a participants array).
   */
  onConversation?: (body: Record<string, unknown> & { id: string }) => void;
  /** Where the channel outlives the worker: read at each connect, written when one is made. */
  channels?: {
    load(): Promise<ChannelInfo | undefined>;
    save(channel: ChannelInfo): void;
  };
  /** Status changes; `error` (explained) when the channel itself was refused or failed. */
  onStatus?: (status: StreamStatus, error?: SessionError) => void;
  /** Every failure, explained: the channel (where 'channel') or a REST read ('reconcile'). */
  onError?: (error: SessionError, where: 'channel' | 'reconcile', conversationId?: string) => void;
  /** Diagnostics (malformed frames, parse problems, reconnect reasons); never user-visible. */
  log?: (message: string) => void;
  now?: () => number;
  timers?: Timers;
  /** [0, 1) for backoff jitter. */
  random?: () => number;
  /** No frame for this long → the socket is dead. Heartbeats come about every 30 s. */
  heartbeatTimeoutMs?: number;
  /** Quiet this long → send {"message":"ping"} (Chrome keeps a worker with socket traffic alive). */
  pingAfterMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A socket up this long resets the backoff. */
  stableAfterMs?: number;
  /** REST polling interval while no socket is up. */
  pollIntervalMs?: number;
  /** Switch to a new channel this long before the old one expires (at most 10% of its life). */
  renewBeforeExpiryMs?: number;
}

export interface EventStreamDiagnostics {
  status: StreamStatus;
  channelId?: string;
  /** Frames received on the current and earlier sockets. */
  frames: number;
  malformedFrames: number;
  /** Sockets opened so far. */
  connects: number;
  /** Failed attempts since the last stable connection. */
  attempt: number;
  live: string[];
}

export interface EventStream {
  /**
   * Keep the socket up for exactly these live conversations (replaces the previous set;
   * idempotent). An empty list is stop(). New conversations are reconciled over REST at once
   * when the socket is already up (otherwise on open).
   */
  ensure(conversations: readonly LiveConversation[]): void;
  /** No live session and not watching: close the socket, stop polling and retries. */
  stop(): void;
  /** Hold the channel while signed in (the user's conversation topic), live sessions or not. */
  watch(on: boolean): void;
  /** Read one conversation over REST, report it through onUpdate('rest') and return it. */
  reconcile(conversationId: string): Promise<ConversationUpdate>;
  status(): StreamStatus;
  diagnostics(): EventStreamDiagnostics;
}

export const STREAM_DEFAULTS = {
  heartbeatTimeoutMs: 75_000,
  pingAfterMs: 20_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  stableAfterMs: 60_000,
  pollIntervalMs: 5_000,
  renewBeforeExpiryMs: 10 * 60_000,
} as const;

/** A live conversation's media: voice is read from /conversations/{id}, messaging from …/messages. */
export type Media = 'message' | 'call';
