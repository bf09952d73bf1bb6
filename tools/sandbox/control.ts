// The control surface: everything a test, the benchmark or a person at /sandbox/ can do to the
// org — play the customer, inject faults, change settings, inspect what was asked. The same
// operations are methods (SandboxControl) and JSON routes under /sandbox/.

import { customerAction } from './customer';
import { ApiError, errors } from './errors';
import type { FaultSpec, Faults } from './faults';
import { type Ctx, isRecord, type Reply, type Route } from './http';
import type { Notifications } from './notifications';
import type { SandboxOrg } from './org';
import { agentToolPage, peoplePage } from './pages';
import type { RateLimiter } from './ratelimit';
import type { LoggedRequest, RequestLog } from './requestlog';
import { type Media, SEED } from './seed';
import { mergeSettings, type SandboxSettings } from './settings';
import { conversationBody } from './shapes';

const MEDIA: Media[] = ['message', 'call', 'chat', 'email'];

function isForm(ctx: Ctx): boolean {
  return ctx.req.headers['content-type']?.includes('application/x-www-form-urlencoded') ?? false;
}

export interface NewConversation {
  media: Media;
  /** defaults to the demo agent */
  userId?: string;
  customerName?: string;
  /** web messaging: is the Messenger online (default true) */
  customerOnline?: boolean;
  /**
   * web messaging: true leaves no Presence event in the history, so the agent cannot tell
   * whether the Messenger is open; otherwise a Join (online) or a Disconnect (offline) is there.
   */
  presenceUnknown?: boolean;
}

export class SandboxControl {
  constructor(
    readonly org: SandboxOrg,
    private readonly faultList: Faults,
    private readonly log: RequestLog,
    private readonly rate: RateLimiter,
    private readonly notifications: Notifications,
  ) {}

  /** Back to the seeded org: state, settings, faults, request log, channels. */
  reset(): void {
    this.notifications.reset();
    this.faultList.clear();
    this.log.clear();
    this.rate.clear();
    this.org.reset();
  }

  /** Read, or merge an update into, the settings. */
  settings(update?: Partial<SandboxSettings>): SandboxSettings {
    if (update) {
      this.org.settings = mergeSettings(this.org.settings, update);
      this.org.touch();
    }
    return { ...this.org.settings };
  }

  fault(spec: FaultSpec) {
    const f = this.faultList.add(spec);
    return this.faultList.describe().find((d) => d.id === f.id);
  }

  clearFaults(): void {
    this.faultList.clear();
  }

  faults() {
    return this.faultList.describe();
  }

  customer(conversationId: string, action: string) {
    return customerAction(this.org, conversationId, action);
  }

  addConversation(input: NewConversation) {
    if (!MEDIA.includes(input.media)) throw new Error(`media must be one of ${MEDIA.join(', ')}`);
    const userId = input.userId ?? SEED.users.agent;
    if (!this.org.users.has(userId)) throw new Error(`unknown user ${userId}`);
    const conv = this.org.createConversation({
      media: input.media,
      userId,
      customerName: input.customerName ?? 'Sam Customer',
      customerOnline: input.customerOnline,
    });
    if (conv.media === 'message' && !input.presenceUnknown)
      this.org.appendMessage(conv, 'customer', {
        events: [{ eventType: 'Presence', subType: conv.customerOnline ? 'Join' : 'Disconnect' }],
      });
    return conv;
  }

  /** A token as if the user had signed in through the given client (skips the OAuth dance). */
  issueToken(userId: string = SEED.users.agent, clientId: string = SEED.clients.pkce): string {
    return this.org.issueToken(userId, clientId).token;
  }

  expireTokens(token?: string): number {
    return this.org.expireTokens(token);
  }

  revokeTokens(token?: string): number {
    return this.org.revokeTokens(token);
  }

  /** Refuse every refresh token issued so far (400 invalid_grant from now on). */
  revokeRefreshTokens(): number {
    let n = 0;
    for (const r of this.org.refreshTokens.values()) {
      if (!r.revoked) n++;
      r.revoked = true;
    }
    this.org.touch();
    return n;
  }

  /** The refresh tokens issued so far, and whether each is still usable (not rotated or revoked). */
  refreshTokens(): { token: string; userId: string; live: boolean }[] {
    return [...this.org.refreshTokens.values()].map((r) => ({
      token: r.token,
      userId: r.userId,
      live: !r.revoked,
    }));
  }

  /** Forget browser logins (the login cookie no longer signs anyone in). */
  endLoginSessions(): void {
    this.org.loginSessions.clear();
    this.org.touch();
  }

  socketClosing(options: { closeAfterMs?: number } = {}): number {
    return this.notifications.socketClosing(options.closeAfterMs);
  }

  dropSockets(): number {
    return this.notifications.dropSockets();
  }

  /** Sockets stay open but go quiet: no heartbeat, pong or frame (a half-open connection). */
  silenceSockets(): number {
    return this.notifications.silenceSockets();
  }

  /** Every notification channel vanishes: sockets closed (4000), HEAD 404. */
  removeChannels(): number {
    return this.notifications.removeChannels();
  }

  requests(
    filter: Partial<Pick<LoggedRequest, 'method' | 'route' | 'token'>> = {},
  ): LoggedRequest[] {
    return this.log.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method) &&
        (!filter.route || e.route === filter.route) &&
        (!filter.token || e.token === filter.token),
    );
  }

  counts() {
    return this.log.counts();
  }

  clearRequests(): void {
    this.log.clear();
  }

  sessions() {
    return [...this.org.sessions.values()].map((s) => ({ ...s }));
  }

  /** The notification channels, and the sockets open on the server against those alive. */
  channels() {
    return [...this.notifications.channels.values()].map((c) => ({
      id: c.id,
      userId: c.userId,
      clientId: c.clientId,
      topics: c.topics,
      openSockets: c.sockets.size,
      silentSockets: this.notifications.silentSockets(c),
      created: new Date(c.createdAt).toISOString(),
      expires: new Date(c.expiresAt).toISOString(),
    }));
  }

  /** Websockets open on the server, and how many of them belong to a live channel. */
  sockets() {
    return {
      open: this.notifications.serverSockets(),
      onLiveChannels: this.notifications.openSockets(),
    };
  }

  state() {
    const org = this.org;
    return {
      version: org.version,
      settings: { ...org.settings },
      org: SEED.org,
      deploymentId: SEED.deploymentId,
      clients: [...org.clients.values()],
      users: [...org.users.values()],
      conversations: [...org.conversations.values()].map((c) => ({
        id: c.id,
        media: c.media,
        userId: c.userId,
        customerName: c.customerName,
        customerOnline: c.customerOnline,
        state: c.state,
        queue: c.queue,
        deploymentId: c.deploymentId,
        startTime: c.startTime,
        messages: c.messages,
      })),
      sessions: this.sessions(),
      channels: this.channels(),
      tokens: [...org.tokens.values()].map((t) => ({
        ...t,
        expiresAt: new Date(t.expiresAt).toISOString(),
      })),
      faults: this.faults(),
      requests: this.log.entries,
      counts: this.log.counts(),
    };
  }

  /** Resolves when `predicate` holds, re-checked on every change; rejects after timeoutMs. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`sandbox.waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.org.off('changed', check);
      };
      this.org.on('changed', check);
      check();
    });
  }

  routes(): Route[] {
    // JSON in, JSON out; a plain form post (the people page) goes back to the page instead.
    const json =
      (fn: (ctx: Ctx, body: Record<string, unknown>) => unknown) =>
      async (ctx: Ctx): Promise<Reply> => {
        const raw = await ctx.body();
        const body = isRecord(raw) ? raw : {};
        const back = (note?: string): Reply => ({
          status: 303,
          redirect: note ? `/sandbox/?note=${encodeURIComponent(note)}` : '/sandbox/',
        });
        try {
          const result = fn(ctx, body);
          if (isForm(ctx)) return back();
          return result === undefined ? { status: 204 } : { json: result };
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (isForm(ctx)) return back(message);
          if (err instanceof ApiError) throw err;
          throw new ApiError(400, 'invalid.value', message);
        }
      };
    const route = (method: string, template: string, handler: Route['handler']): Route => ({
      method,
      template,
      kind: 'control',
      handler,
    });
    const optionalToken = (b: Record<string, unknown>) =>
      typeof b.token === 'string' ? b.token : undefined;
    return [
      route('GET', '/sandbox/state', () => ({ json: this.state() })),
      route('GET', '/sandbox/version', () => ({ json: { version: this.org.version } })),
      route(
        'POST',
        '/sandbox/reset',
        json(() => void this.reset()),
      ),
      route('GET', '/sandbox/settings', () => ({ json: this.settings() })),
      route(
        'POST',
        '/sandbox/settings',
        json((_c, b) => this.settings(b as Partial<SandboxSettings>)),
      ),
      route('GET', '/sandbox/sessions', () => ({ json: this.sessions() })),
      route('GET', '/sandbox/channels', () => ({
        json: { channels: this.channels(), sockets: this.sockets() },
      })),
      route('GET', '/sandbox/faults', () => ({ json: this.faults() })),
      route(
        'POST',
        '/sandbox/faults',
        json((_c, b) => this.fault(b as unknown as FaultSpec)),
      ),
      route(
        'DELETE',
        '/sandbox/faults',
        json(() => void this.clearFaults()),
      ),
      route('GET', '/sandbox/requests', () => ({
        json: { requests: this.log.entries, counts: this.counts() },
      })),
      // Returns the log and empties it in one step: a long run reads it without losing entries
      // logged between a read and a clear, and without re-reading thousands each time.
      route('POST', '/sandbox/requests/drain', () => {
        const requests = this.log.entries;
        this.log.entries = [];
        return { json: { requests } };
      }),
      route(
        'DELETE',
        '/sandbox/requests',
        json(() => void this.clearRequests()),
      ),
      route(
        'POST',
        '/sandbox/conversations',
        json((ctx, b) => {
          // A form's checkbox is "on" or absent.
          if (isForm(ctx)) b.customerOnline = b.customerOnline === 'on';
          const conv = this.addConversation(b as unknown as NewConversation);
          return conversationBody(this.org, conv);
        }),
      ),
      route(
        'POST',
        '/sandbox/conversations/{conversationId}/customer',
        json((ctx, b) => this.customer(ctx.params.conversationId ?? '', String(b.action ?? ''))),
      ),
      route(
        'POST',
        '/sandbox/tokens',
        json((_c, b) => {
          const userId = typeof b.userId === 'string' ? b.userId : undefined;
          const clientId = typeof b.clientId === 'string' ? b.clientId : undefined;
          const token = this.issueToken(userId, clientId);
          const record = this.org.tokens.get(token);
          return {
            access_token: token,
            token_type: 'bearer',
            expires_in: record ? Math.round((record.expiresAt - Date.now()) / 1000) : 0,
          };
        }),
      ),
      route(
        'POST',
        '/sandbox/tokens/expire',
        json((_c, b) => ({ expired: this.expireTokens(optionalToken(b)) })),
      ),
      route(
        'POST',
        '/sandbox/tokens/revoke',
        json((_c, b) => ({ revoked: this.revokeTokens(optionalToken(b)) })),
      ),
      route(
        'POST',
        '/sandbox/refresh-tokens/revoke',
        json(() => ({ revoked: this.revokeRefreshTokens() })),
      ),
      route(
        'POST',
        '/sandbox/login-sessions/clear',
        json(() => void this.endLoginSessions()),
      ),
      route(
        'POST',
        '/sandbox/notifications/socket-closing',
        json((_c, b) => ({
          sockets: this.socketClosing(
            typeof b.closeAfterMs === 'number' ? { closeAfterMs: b.closeAfterMs } : {},
          ),
        })),
      ),
      route(
        'POST',
        '/sandbox/notifications/drop',
        json(() => ({ sockets: this.dropSockets() })),
      ),
      route(
        'POST',
        '/sandbox/notifications/silence',
        json(() => ({ sockets: this.silenceSockets() })),
      ),
      route(
        'POST',
        '/sandbox/notifications/remove-channels',
        json(() => ({ channels: this.removeChannels() })),
      ),
      {
        method: 'GET',
        template: '/sandbox/',
        kind: 'page',
        handler: (ctx) => ({
          html: peoplePage(this.org, ctx.url.searchParams.get('note') ?? undefined),
        }),
      },
      {
        method: 'GET',
        template: '/sandbox',
        kind: 'page',
        handler: () => ({ status: 302, redirect: '/sandbox/' }),
      },
      {
        method: 'GET',
        template: '/sandbox/agent-tool',
        kind: 'page',
        handler: (ctx) => ({
          html: agentToolPage(this.org, ctx.url.searchParams.get('user') ?? SEED.users.agent),
        }),
      },
      {
        method: 'GET',
        template: '/sandbox/agent-tool/{conversationId}',
        kind: 'page',
        handler: (ctx) => {
          const id = ctx.params.conversationId ?? '';
          const conv = this.org.conversations.get(id);
          if (!conv) throw errors.notFound(`Conversation ${id}`);
          return { html: agentToolPage(this.org, conv.userId, conv.id) };
        },
      },
    ];
  }
}
