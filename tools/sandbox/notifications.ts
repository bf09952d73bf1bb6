// Notification channels: REST to create/subscribe, a websocket at connectUri with heartbeats,
// ping/pong, v2.system.socket_closing, v2.users.{id}.conversations.messages frames and
// v2.users.{id}.conversations frames (a conversation created for the user, or changed).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { type WebSocket, WebSocketServer } from 'ws';
import { requireScope } from './access';
import { defaultCode, errors } from './errors';
import type { Faults } from './faults';
import type { Ctx, Route } from './http';
import {
  type ConversationMessage,
  opaqueToken,
  type SandboxConversation,
  type SandboxOrg,
} from './org';
import type { RequestLog } from './requestlog';
import {
  channelBody,
  channelTopicsBody,
  cobrowsesessionBody,
  messageTopicBody,
  type TopicState,
} from './shapes';
import { conversationTopicBody } from './topic-shapes';

export interface SandboxChannel {
  id: string;
  userId: string;
  clientId: string;
  connectUri: string;
  createdAt: number;
  expiresAt: number;
  topics: string[];
  sockets: Set<WebSocket>;
  timer?: NodeJS.Timeout;
}

const USER_TOPIC = /^v2\.users\.([0-9a-f-]{36})\.conversations(?:\.messages)?$/i;
/** The retired cobrowse's topic (unverified whether the new cobrowse uses it: a setting). */
const LEGACY_TOPIC = /^v2\.users\.([0-9a-f-]{36})\.conversations\.cobrowseSessions$/;
const MAX_TOPICS = 1000;

export const HEARTBEAT = {
  topicName: 'channel.metadata',
  eventBody: { message: 'WebSocket Heartbeat' },
};
export const PONG = { topicName: 'channel.metadata', eventBody: { message: 'pong' } };
export const SOCKET_CLOSING = {
  topicName: 'v2.system.socket_closing',
  eventBody: { message: 'Socket closing' },
};

export class Notifications {
  channels = new Map<string, SandboxChannel>();
  private wss = new WebSocketServer({ noServer: true });
  private intervals = new Set<NodeJS.Timeout>();
  /** Sockets gone quiet (silenceSockets): open, but sent nothing more. */
  private silent = new Set<WebSocket>();

  constructor(
    private readonly org: SandboxOrg,
    private readonly faults: Faults,
    private readonly log: RequestLog,
  ) {
    org.on('conversation', (conv, added) => this.publish(conv, added));
    org.on('listed', (conv) => this.publishListed(conv));
    org.on('changed', () => this.publishSessions());
  }

  /** The state each session was last published in on the legacy topic. */
  private sessionStates = new Map<string, string>();

  /** Every session whose state changed since the last look, on the legacy topic when it carries them. */
  private publishSessions(): void {
    for (const session of this.org.sessions.values()) {
      if (this.sessionStates.get(session.id) === session.state) continue;
      this.sessionStates.set(session.id, session.state);
      if (this.org.settings.legacyCobrowseTopic === 'carries')
        this.send(
          `v2.users.${session.userId}.conversations.cobrowseSessions`,
          cobrowsesessionBody(session),
        );
    }
  }

  /** Which topics this user may have; the others are Rejected with a reason. */
  private judge(userId: string, topic: string): TopicState {
    const legacy = LEGACY_TOPIC.exec(topic);
    if (legacy && this.org.settings.legacyCobrowseTopic !== 'rejected')
      return legacy[1] === userId
        ? { id: topic, state: 'Permitted' }
        : {
            id: topic,
            state: 'Rejected',
            rejectionReason: "Not authorized to subscribe to another user's conversations",
          };
    const m = USER_TOPIC.exec(topic);
    if (!m) return { id: topic, state: 'Rejected', rejectionReason: 'Topic is not available' };
    if (m[1]?.toLowerCase() !== userId.toLowerCase())
      return {
        id: topic,
        state: 'Rejected',
        rejectionReason: "Not authorized to subscribe to another user's conversations",
      };
    return { id: topic, state: 'Permitted' };
  }

  private owned(ctx: Ctx): SandboxChannel {
    const token = requireScope(ctx, 'notifications');
    const channel = this.channels.get(ctx.params.channelId ?? '');
    if (!channel || channel.userId !== token.userId || channel.clientId !== token.clientId)
      throw errors.notFound(`Channel ${ctx.params.channelId}`);
    return channel;
  }

  private async topicsFrom(ctx: Ctx, channel: SandboxChannel): Promise<TopicState[]> {
    const body = await ctx.body();
    if (!Array.isArray(body)) throw errors.badRequest('Invalid request body');
    const ids = body.map((t) =>
      typeof t === 'object' && t && typeof (t as { id?: unknown }).id === 'string'
        ? (t as { id: string }).id
        : '',
    );
    if (ids.some((id) => !id)) throw errors.badRequest('Every topic needs an "id"');
    return ids.map((id) => this.judge(channel.userId, id));
  }

  private setTopics(channel: SandboxChannel, topics: string[]): void {
    if (topics.length > MAX_TOPICS)
      throw errors.badRequest(`A channel can subscribe to at most ${MAX_TOPICS} topics`);
    channel.topics = topics;
    this.org.touch();
  }

  private listing(channel: SandboxChannel, judged?: TopicState[]) {
    return channelTopicsBody(
      judged ?? channel.topics.map((id) => ({ id, state: 'Permitted' as const })),
    );
  }

  routes(): Route[] {
    const base = '/api/v2/notifications/channels';
    const subs = `${base}/{channelId}/subscriptions`;
    return [
      {
        method: 'POST',
        template: base,
        kind: 'api',
        auth: true,
        handler: (ctx) => {
          const token = requireScope(ctx, 'notifications');
          const channel = this.create(token.userId, token.clientId, ctx.wsBase);
          return { json: channelBody(channel) };
        },
      },
      {
        method: 'GET',
        template: base,
        kind: 'api',
        auth: true,
        handler: (ctx) => {
          const token = requireScope(ctx, 'notifications');
          const mine = [...this.channels.values()].filter(
            (c) => c.userId === token.userId && c.clientId === token.clientId,
          );
          return { json: { entities: mine.map(channelBody) } };
        },
      },
      {
        method: 'HEAD',
        template: `${base}/{channelId}`,
        kind: 'api',
        auth: true,
        handler: (ctx) => {
          this.owned(ctx);
          return { status: 200 };
        },
      },
      {
        method: 'GET',
        template: subs,
        kind: 'api',
        auth: true,
        handler: (ctx) => ({ json: this.listing(this.owned(ctx)) }),
      },
      {
        method: 'PUT',
        template: subs,
        kind: 'api',
        auth: true,
        handler: async (ctx) => {
          const channel = this.owned(ctx);
          const judged = await this.topicsFrom(ctx, channel);
          this.setTopics(
            channel,
            judged.filter((t) => t.state === 'Permitted').map((t) => t.id),
          );
          return { json: this.listing(channel, judged) };
        },
      },
      {
        method: 'POST',
        template: subs,
        kind: 'api',
        auth: true,
        handler: async (ctx) => {
          const channel = this.owned(ctx);
          const judged = await this.topicsFrom(ctx, channel);
          const added = judged.filter((t) => t.state === 'Permitted').map((t) => t.id);
          this.setTopics(channel, [...new Set([...channel.topics, ...added])]);
          // The answer lists the channel's whole subscription, plus what this call had rejected.
          const permitted = channel.topics.map((id) => ({ id, state: 'Permitted' as const }));
          const rejected = judged.filter((t) => t.state === 'Rejected');
          return { json: this.listing(channel, [...permitted, ...rejected]) };
        },
      },
      {
        method: 'DELETE',
        template: subs,
        kind: 'api',
        auth: true,
        handler: (ctx) => {
          this.setTopics(this.owned(ctx), []);
          return { status: 204 };
        },
      },
    ];
  }

  create(userId: string, clientId: string, wsBase: string): SandboxChannel {
    const mine = [...this.channels.values()]
      .filter((c) => c.userId === userId && c.clientId === clientId)
      .sort((a, b) => a.createdAt - b.createdAt);
    // The 21st channel for a user and app evicts the oldest.
    while (mine.length >= this.org.settings.maxChannelsPerUser) {
      const oldest = mine.shift();
      if (oldest) this.remove(oldest, 4000, 'channel evicted');
    }
    const id = `streaming-0-${opaqueToken(12)}`;
    const now = Date.now();
    const channel: SandboxChannel = {
      id,
      userId,
      clientId,
      connectUri: `${wsBase}/channels/${id}`,
      createdAt: now,
      expiresAt: now + this.org.settings.channelLifetimeSeconds * 1000,
      topics: [],
      sockets: new Set(),
    };
    channel.timer = this.org.later(channel.expiresAt - now, () =>
      this.remove(channel, 1000, 'channel expired'),
    );
    this.channels.set(id, channel);
    this.org.touch();
    return channel;
  }

  private remove(channel: SandboxChannel, code: number, reason: string): void {
    this.org.cancel(channel.timer);
    for (const s of channel.sockets) s.close(code, reason);
    this.channels.delete(channel.id);
    this.org.touch();
  }

  private publish(conv: SandboxConversation, added: ConversationMessage[]): void {
    if (conv.media !== 'message') return;
    this.send(
      `v2.users.${conv.userId}.conversations.messages`,
      messageTopicBody(this.org, conv, added),
    );
  }

  private send(topicName: string, eventBody: unknown): void {
    const frame = JSON.stringify({
      topicName,
      version: '2',
      eventBody,
      metadata: { CorrelationId: randomUUID() },
    });
    for (const channel of this.channels.values())
      if (channel.topics.includes(topicName))
        for (const s of channel.sockets) if (!this.silent.has(s)) s.send(frame);
  }

  private publishListed(conv: SandboxConversation): void {
    this.send(`v2.users.${conv.userId}.conversations`, conversationTopicBody(this.org, conv));
  }

  /** Handles an HTTP upgrade for /channels/{id}; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const m = /^\/channels\/([^/]+)$/.exec(url.pathname);
    if (!m) return false;
    void this.upgrade(req, socket, head, m[1] as string, url.pathname);
    return true;
  }

  private async upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    channelId: string,
    path: string,
  ): Promise<void> {
    const entry = {
      time: new Date().toISOString(),
      method: 'GET',
      route: '/channels/{channelId}',
      path,
      status: 101,
      correlationId: randomUUID(),
    };
    const refuse = (status: number, text: string) => {
      entry.status = status;
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      const fault = this.faults.take('GET', path);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.dropSocket) {
        entry.status = 0;
        socket.destroy();
        return;
      }
      if (fault?.status) return refuse(fault.status, fault.code ?? defaultCode(fault.status));
      const channel = this.channels.get(channelId);
      if (!channel) return refuse(404, 'Not Found');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(channel, ws));
    } finally {
      this.log.add(entry);
    }
  }

  private attach(channel: SandboxChannel, ws: WebSocket): void {
    channel.sockets.add(ws);
    const beat = setInterval(() => {
      if (!this.silent.has(ws)) ws.send(JSON.stringify(HEARTBEAT));
    }, this.org.settings.heartbeatSeconds * 1000);
    this.intervals.add(beat);
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse(String(data)) as { message?: unknown };
        if (msg.message === 'ping' && !this.silent.has(ws)) ws.send(JSON.stringify(PONG));
      } catch {
        // Genesys ignores what it does not understand.
      }
    });
    ws.on('close', () => {
      clearInterval(beat);
      this.intervals.delete(beat);
      channel.sockets.delete(ws);
      this.silent.delete(ws);
      this.org.touch();
    });
    this.org.touch();
  }

  /** Send v2.system.socket_closing to every open socket; close them after closeAfterMs if given. */
  socketClosing(closeAfterMs?: number): number {
    let n = 0;
    for (const channel of this.channels.values())
      for (const ws of channel.sockets) {
        ws.send(JSON.stringify(SOCKET_CLOSING));
        n++;
        if (closeAfterMs !== undefined)
          this.org.later(closeAfterMs, () => ws.close(1001, 'socket closing'));
      }
    return n;
  }

  /** Cut every socket without a close frame (what a network drop looks like). */
  dropSockets(): number {
    let n = 0;
    for (const channel of this.channels.values())
      for (const ws of channel.sockets) {
        ws.terminate();
        n++;
      }
    return n;
  }

  /**
   * Every open socket goes quiet but stays open: no heartbeat, pong or conversation frame, and no
   * close (a half-open connection, e.g. a dead NAT entry). Only the client can end it.
   */
  silenceSockets(): number {
    let n = 0;
    for (const channel of this.channels.values())
      for (const ws of channel.sockets) {
        this.silent.add(ws);
        n++;
      }
    this.org.touch();
    return n;
  }

  /** Open sockets of this channel that were silenced. */
  silentSockets(channel: SandboxChannel): number {
    let n = 0;
    for (const ws of channel.sockets) if (this.silent.has(ws)) n++;
    return n;
  }

  /**
   * Every channel vanishes, as when Genesys evicts or loses one: its sockets close (4000), HEAD
   * answers 404 and its connectUri is refused.
   */
  removeChannels(): number {
    const all = [...this.channels.values()];
    for (const channel of all) this.remove(channel, 4000, 'channel removed');
    return all.length;
  }

  /** Every websocket the server holds open, whether or not a live channel has it. */
  serverSockets(): number {
    return this.wss.clients.size;
  }

  openSockets(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.sockets.size;
    return n;
  }

  reset(): void {
    for (const c of this.channels.values()) for (const s of c.sockets) s.terminate();
    for (const i of this.intervals) clearInterval(i);
    this.intervals.clear();
    this.silent.clear();
    this.channels.clear();
    this.sessionStates.clear();
  }

  close(): void {
    this.reset();
    this.wss.close();
  }
}
