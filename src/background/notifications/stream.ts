// The push channel for cobrowse state: one Genesys notifications websocket for the signed-in
// agent's conversation message events, kept up only while a session is live, with REST
// reconcile so no transition is missed. Everything that touches the outside world (the API
// client, the WebSocket constructor, timers, the clock, randomness) is injected.
//
//   ensure(live) ─▶ connecting: [HEAD old channel | POST channel + PUT subscription] → open socket
//        ▲                                │ open                          │ fail
//        │ backoff + jitter               ▼                               ▼
//        └──────────── down (REST polling) ◀── close / watchdog ── up (push; reconcile on open)
//
// Decisions (GENESYS.md "Notifications"):
// - v2.system.socket_closing arrives about a minute before Genesys closes the socket for
//   maintenance; Genesys's announcement of it (developer forum, 2020) says it lets clients
//   "proactively open a new WebSocket channel", and a channel serves one connection. So it
//   triggers a make-before-break switch to a NEW channel: the old socket keeps delivering until
//   the new one is open (duplicates are harmless: the machine drops replayed event keys).
// - Channel expiry (`expires`, 24 h) is handled the same way, shortly before it.
// - After a plain drop the old channel is reused when HEAD says it still exists (no new channel
//   per blip: 20 channels per user+app, the 21st evicts the oldest); a 404 re-creates it.
// - After every open (first connect, reconnect, switch) each live conversation is read over
//   REST; while no socket is up they are polled every pollIntervalMs.
// - MV3: nothing is persisted. After a service-worker restart the caller calls ensure() again and
//   everything is derived anew (a new channel, a REST reconcile of each live conversation).
import { type ErrorMedia, explain } from '../../shared/errors';
import type { SessionError } from '../../shared/session';
import { type ConversationUpdate, parseConversation, parseFrame } from '../cobrowse/events';
import { type GenesysClient, GenesysError, type TopicList } from '../genesys';
import { backoff } from './backoff';
import { globalTimers, type Timers } from './timers';
import { createWatchdog, type Watchdog } from './watchdog';

export type { Timers } from './timers';

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
export type LiveConversation = string | { id: string; media: 'message' | 'call' };

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
  /** No live session: close the socket, stop polling and retries. */
  stop(): void;
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

/** Failures only an admin or a sign-in fixes: retried at maxBackoffMs, not hammered. */
const PERMANENT_CODES = new Set([
  'notifications.rejected',
  'needs.signin',
  'client.id.missing',
  'stream.address.refused',
]);

export const messagesTopic = (userId: string) => `v2.users.${userId}.conversations.messages`;

interface ChannelInfo {
  id: string;
  connectUri: string;
  userId: string;
  /** epoch ms (our clock), when `expires` was given */
  renewAt?: number;
}

interface Conn {
  ws: SocketLike;
  channel: ChannelInfo;
  opened: boolean;
  watchdog: Watchdog;
}

export function createEventStream(deps: EventStreamDeps): EventStream {
  const timers = deps.timers ?? globalTimers;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const cfg = {
    heartbeatTimeoutMs: deps.heartbeatTimeoutMs ?? STREAM_DEFAULTS.heartbeatTimeoutMs,
    pingAfterMs: deps.pingAfterMs ?? STREAM_DEFAULTS.pingAfterMs,
    baseBackoffMs: deps.baseBackoffMs ?? STREAM_DEFAULTS.baseBackoffMs,
    maxBackoffMs: deps.maxBackoffMs ?? STREAM_DEFAULTS.maxBackoffMs,
    stableAfterMs: deps.stableAfterMs ?? STREAM_DEFAULTS.stableAfterMs,
    pollIntervalMs: deps.pollIntervalMs ?? STREAM_DEFAULTS.pollIntervalMs,
    renewBeforeExpiryMs: deps.renewBeforeExpiryMs ?? STREAM_DEFAULTS.renewBeforeExpiryMs,
  };
  const log = (message: string) => deps.log?.(`[events] ${message}`);

  const live = new Map<string, 'message' | 'call'>();
  let status: StreamStatus = 'down';
  let channel: ChannelInfo | undefined;
  /** The socket in use (opened). */
  let current: Conn | undefined;
  /** A socket being opened (first connect, reconnect, or a switch while `current` is up). */
  let pending: Conn | undefined;
  /** Bumped by stop() and by each connect: an older async step sees it and gives up. */
  let generation = 0;
  let connecting = false;
  /** The next connect must create a new channel (socket_closing, expiry). */
  let wantFreshChannel = false;
  let attempt = 0;
  let retryTimer: unknown;
  let pollTimer: unknown;
  let stableTimer: unknown;
  let renewTimer: unknown;
  const inflight = new Map<string, Promise<ConversationUpdate>>();
  const stats = { frames: 0, malformedFrames: 0, connects: 0 };

  const clear = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
  };

  function setStatus(next: StreamStatus, error?: SessionError) {
    if (next === status && !error) return;
    status = next;
    deps.onStatus?.(next, error);
  }

  // ── REST ────────────────────────────────────────────────────────────────────────────────

  function reconcile(conversationId: string): Promise<ConversationUpdate> {
    const running = inflight.get(conversationId);
    if (running) return running;
    const media = live.get(conversationId) ?? 'message';
    const read = (async () => {
      const userId = await deps.userId();
      const body =
        media === 'call'
          ? await deps.api.getConversation(conversationId)
          : await deps.api.getMessageConversation(conversationId);
      const update = parseConversation(body, userId);
      if (!update) {
        throw new GenesysError({
          code: 'malformed.response',
          message: `conversation ${conversationId}: the answer has no id`,
        });
      }
      for (const p of update.problems) log(`REST ${conversationId}: ${p}`);
      deps.onUpdate(update, 'rest');
      return update;
    })();
    inflight.set(conversationId, read);
    const done = () => inflight.delete(conversationId);
    read.then(done, done);
    return read;
  }

  /** Reconcile every live conversation; failures are reported, never thrown. */
  function reconcileAll(why: string) {
    for (const id of live.keys()) {
      reconcile(id).catch((err) => reconcileFailed(id, why, err));
    }
  }

  function reconcileFailed(id: string, why: string, err: unknown) {
    if (!live.has(id)) return;
    log(`reconcile ${id} (${why}) failed: ${String(err)}`);
    deps.onError?.(explainError(err, { media: media(id) }), 'reconcile', id);
  }

  const media = (id: string): ErrorMedia => live.get(id) ?? 'message';

  // Polling runs only while no socket is up, and stops the moment one opens.
  function startPolling() {
    if (pollTimer !== undefined || live.size === 0 || current) return;
    pollTimer = timers.setTimeout(() => {
      pollTimer = undefined;
      if (current || live.size === 0) return;
      reconcileAll('poll');
      startPolling();
    }, cfg.pollIntervalMs);
  }

  function stopPolling() {
    clear(pollTimer);
    pollTimer = undefined;
  }

  // ── Channel and socket ──────────────────────────────────────────────────────────────────

  async function connect(): Promise<void> {
    if (connecting || live.size === 0) return;
    connecting = true;
    const gen = ++generation;
    const stale = () => gen !== generation;
    if (!current) setStatus('connecting');
    try {
      const userId = await deps.userId();
      if (stale()) return;
      let ch = channel;
      if (ch && (wantFreshChannel || ch.userId !== userId || expiring(ch))) ch = undefined;
      if (ch && !(await deps.api.channelExists(ch.id))) {
        log(`channel ${ch.id} is gone; creating a new one`);
        ch = undefined;
      }
      if (stale()) return;
      if (!ch) {
        ch = await newChannel(userId, stale);
        if (!ch) return;
        channel = ch;
        wantFreshChannel = false;
      }
      // Kept as the channel even when refused: a retry re-checks it rather than making another.
      const problem = await deps.socketAddressProblem(ch.connectUri);
      if (stale()) return;
      if (problem) {
        throw new GenesysError({ code: 'stream.address.refused', message: `${ch.id}: ${problem}` });
      }
      open(ch, gen);
    } catch (err) {
      if (stale()) return;
      connecting = false;
      failed(err);
    }
  }

  async function newChannel(
    userId: string,
    stale: () => boolean,
  ): Promise<ChannelInfo | undefined> {
    const created = await deps.api.createChannel();
    if (stale()) return undefined;
    const topic = messagesTopic(userId);
    const topics = await deps.api.subscribe(created.id, [topic]);
    if (stale()) return undefined;
    const refusal = refused(topics, topic);
    if (refusal) throw refusal;
    const ch: ChannelInfo = { id: created.id, connectUri: created.connectUri, userId };
    const expires = created.expires ? Date.parse(created.expires) : Number.NaN;
    if (Number.isFinite(expires)) {
      const at = now();
      const margin = Math.min(cfg.renewBeforeExpiryMs, (expires - at) / 10);
      ch.renewAt = expires - Math.max(0, margin);
    }
    log(`channel ${ch.id} subscribed to ${topic}`);
    return ch;
  }

  const expiring = (ch: ChannelInfo) => ch.renewAt !== undefined && now() >= ch.renewAt;

  function open(ch: ChannelInfo, gen: number) {
    // Never build the URL: Genesys hands out connectUri (streaming host, path, region).
    const ws = new deps.WebSocket(ch.connectUri);
    const conn: Conn = {
      ws,
      channel: ch,
      opened: false,
      watchdog: createWatchdog({
        timers,
        timeoutMs: cfg.heartbeatTimeoutMs,
        pingAfterMs: cfg.pingAfterMs,
        onPing: () => send(conn, { message: 'ping' }),
        onDead: () => {
          log(`no frame for ${cfg.heartbeatTimeoutMs} ms on ${ch.id}: dropping the socket`);
          detach(conn, 4000, 'heartbeat timeout');
          lost(conn);
        },
      }),
    };
    pending = conn;
    // Also bounds a socket that never opens (the watchdog starts before open).
    conn.watchdog.kick();
    ws.onopen = () => {
      if (gen !== generation || pending !== conn) return detach(conn, 1000, 'superseded');
      pending = undefined;
      connecting = false;
      conn.opened = true;
      stats.connects++;
      const previous = current;
      current = conn;
      if (previous) detach(previous, 1000, 'switched to a new channel');
      conn.watchdog.kick();
      stopPolling();
      clear(stableTimer);
      stableTimer = timers.setTimeout(() => {
        stableTimer = undefined;
        attempt = 0;
      }, cfg.stableAfterMs);
      scheduleRenewal(ch);
      setStatus('up');
      log(`socket up on ${ch.id}`);
      // The gap before this open (first connect, drop, switch) may have hidden transitions.
      reconcileAll('connect');
    };
    ws.onmessage = (event) => {
      conn.watchdog.kick();
      stats.frames++;
      onFrame(conn, event.data);
    };
    ws.onerror = () => log(`socket error on ${ch.id}`);
    ws.onclose = (event) => {
      log(`socket closed on ${ch.id} (${event?.code ?? '?'} ${event?.reason ?? ''})`);
      detach(conn);
      lost(conn);
    };
  }

  function send(conn: Conn, value: unknown) {
    try {
      conn.ws.send(JSON.stringify(value));
    } catch (err) {
      log(`send failed: ${String(err)}`);
    }
  }

  /** Forget a socket: no more callbacks from it, its clocks stopped, and closed if asked. */
  function detach(conn: Conn, code?: number, reason?: string) {
    conn.watchdog.stop();
    conn.ws.onopen = conn.ws.onmessage = conn.ws.onclose = conn.ws.onerror = null;
    if (code === undefined) return;
    try {
      conn.ws.close(code, reason);
    } catch {
      // already closed
    }
  }

  /** A socket closed or died. */
  function lost(conn: Conn) {
    if (conn === pending) {
      // It never opened: the attempt failed (the channel may be gone: the next try HEADs it).
      pending = undefined;
      connecting = false;
      if (live.size === 0) return;
      if (!current) {
        setStatus('down');
        startPolling();
      }
      scheduleRetry();
      return;
    }
    if (conn !== current) return;
    current = undefined;
    clear(stableTimer);
    stableTimer = undefined;
    clear(renewTimer);
    renewTimer = undefined;
    if (live.size === 0) return;
    setStatus('down');
    startPolling();
    // A switch under way (socket_closing, expiry) is the reconnect: its open or failure decides.
    if (!pending && !connecting) scheduleRetry();
  }

  function onFrame(conn: Conn, data: unknown) {
    const result = parseFrame(typeof data === 'string' ? data : String(data));
    switch (result.kind) {
      case 'conversation': {
        const { update } = result;
        // Another user's topic (a channel left from before an account switch): not our view of
        // the conversation, so never applied.
        if (result.userId !== conn.channel.userId) {
          log(`frame for another user's topic ignored on ${conn.channel.id}`);
          return;
        }
        if (!live.has(update.conversationId)) return;
        for (const p of update.problems) log(`push ${update.conversationId}: ${p}`);
        deps.onUpdate(update, 'push');
        return;
      }
      case 'socket-closing':
        if (conn !== current) return;
        log(`socket_closing on ${conn.channel.id}: switching to a new channel`);
        switchChannel();
        return;
      case 'malformed':
        stats.malformedFrames++;
        log(`malformed frame ignored: ${result.problem}`);
        return;
      default:
        // heartbeat / pong (the watchdog was kicked) or a topic that is not ours
        return;
    }
  }

  /** Make-before-break onto a new channel: the current socket serves until the new one opens. */
  function switchChannel() {
    wantFreshChannel = true;
    if (connecting) return;
    clear(retryTimer);
    retryTimer = undefined;
    void connect();
  }

  function scheduleRenewal(ch: ChannelInfo) {
    clear(renewTimer);
    renewTimer = undefined;
    if (ch.renewAt === undefined) return;
    renewTimer = timers.setTimeout(
      () => {
        renewTimer = undefined;
        if (current?.channel !== ch) return;
        log(`channel ${ch.id} expires soon: switching to a new channel`);
        switchChannel();
      },
      Math.max(0, ch.renewAt - now()),
    );
  }

  function scheduleRetry(minDelayMs = 0) {
    if (retryTimer !== undefined || live.size === 0) return;
    const delay = Math.max(
      minDelayMs,
      backoff(attempt, { baseMs: cfg.baseBackoffMs, maxMs: cfg.maxBackoffMs, random }),
    );
    attempt++;
    log(`reconnect attempt ${attempt} in ${delay} ms`);
    retryTimer = timers.setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
  }

  function failed(err: unknown) {
    const error = explainError(err, { channel: true });
    log(`channel setup failed: ${error.code} ${error.message}`);
    deps.onError?.(error, 'channel');
    if (live.size === 0) return;
    if (!current) {
      setStatus('down', error);
      startPolling();
    }
    // A refusal (scope, rejected topic) needs an admin: retry slowly rather than hammer.
    const permanent = PERMANENT_CODES.has(error.code);
    const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
    scheduleRetry(permanent ? cfg.maxBackoffMs : retryAfterMs);
  }

  // ── Public API ──────────────────────────────────────────────────────────────────────────

  function stop() {
    generation++;
    live.clear();
    connecting = false;
    for (const handle of [retryTimer, pollTimer, stableTimer, renewTimer]) clear(handle);
    retryTimer = pollTimer = stableTimer = renewTimer = undefined;
    if (pending) detach(pending, 1000, 'no live session');
    if (current) detach(current, 1000, 'no live session');
    pending = current = undefined;
    attempt = 0;
    setStatus('down');
  }

  function ensure(conversations: readonly LiveConversation[]) {
    const next = new Map<string, 'message' | 'call'>();
    for (const c of conversations) {
      if (typeof c === 'string') next.set(c, 'message');
      else next.set(c.id, c.media);
    }
    if (next.size === 0) {
      if (live.size > 0 || current || pending) stop();
      return;
    }
    const added = [...next.keys()].filter((id) => !live.has(id));
    live.clear();
    for (const [id, m] of next) live.set(id, m);
    if (current) {
      for (const id of added) {
        reconcile(id).catch((err) => reconcileFailed(id, 'added', err));
      }
      return;
    }
    startPolling();
    // While a backoff timer runs, it decides when to try again (no hammering on repeat calls).
    if (!connecting && retryTimer === undefined) void connect();
  }

  return {
    ensure,
    stop,
    reconcile,
    status: () => status,
    diagnostics: () => ({
      status,
      ...(channel ? { channelId: channel.id } : {}),
      ...stats,
      attempt,
      live: [...live.keys()],
    }),
  };
}

/** The subscription's refusal, explained; undefined when the topic is Permitted. */
function refused(topics: TopicList, topic: string): GenesysError | undefined {
  const entry = topics.entities.find((e) => e.id === topic);
  if (entry && (entry.state ?? 'Permitted').toLowerCase() === 'permitted') return undefined;
  const why = [
    entry?.rejectionReason,
    entry?.missingPermissions?.length ? entry.missingPermissions.join(', ') : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return new GenesysError({
    code: 'notifications.rejected',
    message: `${topic}: ${entry ? (entry.state ?? 'Rejected') : 'not in the subscription'}${why ? ` (${why})` : ''}`,
  });
}

/**
 * Any failure as an explained SessionError. A 403 on the notifications endpoints (channel) means the
 * OAuth client lacks the `notifications` scope (the catalogue's generic scope text names
 * `conversations`, the create call's scope), so it is explained as notifications.rejected.
 */
function explainError(
  err: unknown,
  { channel = false, media }: { channel?: boolean; media?: ErrorMedia } = {},
): SessionError {
  if (err instanceof GenesysError) {
    if (err.code === 'notifications.rejected' || (channel && err.status === 403)) {
      return explain({
        code: 'notifications.rejected',
        message: err.message,
        ...(err.status === undefined ? {} : { status: err.status }),
        ...(err.contextId ? { contextId: err.contextId } : {}),
      });
    }
    return err.toSessionError(media);
  }
  // AuthError (needs.signin, …) and anything else that explains itself.
  const own = (err as { toSessionError?: unknown } | null)?.toSessionError;
  if (typeof own === 'function') return (own as () => SessionError).call(err);
  if (isSessionError(err)) return err;
  return explain({ code: 'network', message: String(err) });
}

function isSessionError(v: unknown): v is SessionError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as SessionError).code === 'string' &&
    typeof (v as SessionError).title === 'string'
  );
}
