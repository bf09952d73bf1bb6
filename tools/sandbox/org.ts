// The sandbox org's state: users, OAuth clients, conversations, cobrowse sessions, tokens.
// Mutations go through these methods so every change bumps `version` (the people page polls
// it) and conversation changes reach the notification channels as events.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type Media,
  newId,
  SEED,
  type SeedClient,
  type SeedUser,
  seedClients,
  seedConversations,
  seedUsers,
} from './seed';
import { defaultSettings, type SandboxSettings } from './settings';

export interface MetadataEvent {
  eventType: 'CoBrowse' | 'Presence';
  subType: string;
  /** CoBrowse only: what normalizedMessage.events[].coBrowse carries. */
  sessionId?: string;
  sessionJoinToken?: string;
}

export interface ConversationMessage {
  id: string;
  time: string;
  side: 'customer' | 'agent';
  text?: string;
  events?: MetadataEvent[];
}

export interface SandboxConversation {
  id: string;
  media: Media;
  userId: string;
  customerName: string;
  customerAddress: string;
  queue: { id: string; name: string };
  startTime: string;
  endTime?: string;
  state: 'connected' | 'disconnected';
  /** Web messaging only: the Messenger's presence. */
  customerOnline: boolean;
  deploymentId: string;
  participantIds: { customer: string; acd: string; agent: string };
  communicationIds: { customer: string; acd: string; agent: string };
  messages: ConversationMessage[];
}

export type SessionState = 'offered' | 'active' | 'declined' | 'expired' | 'ended';

export interface SandboxSession {
  id: string;
  joinCode: string;
  /** What the customer's Messenger gets in the CoBrowse event (sessionJoinToken). */
  joinToken: string;
  conversationId: string;
  userId: string;
  deploymentId: string;
  communicationType: 'Message' | 'Call';
  createdAt: string;
  dateOfferEnds: string;
  state: SessionState;
  /** Whether the offer reached the customer's Messenger (web messaging only). */
  delivered: boolean;
  /** Who made it: the Platform API, a company gateway, or the agent viewer on its own. */
  via: 'platform' | 'gateway' | 'viewer';
  endedBy?: 'agent' | 'customer' | 'conversation';
  /** When the customer joined (accepted, or typed the code for voice). */
  connectedAt?: string;
  /** When it stopped being offered or active. */
  endedAt?: string;
}

export interface TokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface AuthCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

export interface RefreshRecord {
  token: string;
  userId: string;
  clientId: string;
  revoked: boolean;
}

export interface OrgEvents {
  /** A conversation changed; `added` are the messages this change appended. */
  conversation: [SandboxConversation, ConversationMessage[]];
  /** A conversation was created for its user, or changed (v2.users.{id}.conversations). */
  listed: [SandboxConversation];
  changed: [];
}

export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export class SandboxOrg extends EventEmitter<OrgEvents> {
  settings: SandboxSettings;
  users = new Map<string, SeedUser>();
  clients = new Map<string, SeedClient>();
  conversations = new Map<string, SandboxConversation>();
  sessions = new Map<string, SandboxSession>();
  tokens = new Map<string, TokenRecord>();
  codes = new Map<string, AuthCode>();
  refreshTokens = new Map<string, RefreshRecord>();
  /** Browser login sessions (the Genesys login cookie): cookie value → user id. */
  loginSessions = new Map<string, string>();
  version = 0;
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly initialSettings: Partial<SandboxSettings> = {}) {
    super();
    this.settings = { ...defaultSettings(), ...initialSettings };
    this.seed();
  }

  /** Back to the seeded org and the settings the sandbox started with. */
  reset(): void {
    this.clearTimers();
    this.settings = { ...defaultSettings(), ...this.initialSettings };
    for (const map of [
      this.users,
      this.clients,
      this.conversations,
      this.sessions,
      this.tokens,
      this.codes,
      this.refreshTokens,
      this.loginSessions,
    ])
      map.clear();
    this.seed();
    this.touch();
  }

  private seed(): void {
    for (const u of seedUsers) this.users.set(u.id, structuredClone(u));
    for (const c of seedClients) this.clients.set(c.id, structuredClone(c));
    const started = Date.now() - 6 * 60_000;
    for (const c of seedConversations()) {
      const conv = this.createConversation({ ...c, startTime: new Date(started).toISOString() });
      if (conv.media === 'message') this.seedHistory(conv, started);
    }
  }

  /** A short, plausible history: presence, a greeting, and a drop-out for the offline ones. */
  private seedHistory(conv: SandboxConversation, started: number): void {
    const at = (min: number) => new Date(started + min * 60_000).toISOString();
    conv.messages.push(
      {
        id: newId(),
        time: at(0),
        side: 'customer',
        events: [{ eventType: 'Presence', subType: 'Join' }],
      },
      { id: newId(), time: at(1), side: 'customer', text: 'Hi, my order page shows an error.' },
      { id: newId(), time: at(2), side: 'agent', text: 'Sorry about that, let me take a look.' },
    );
    if (!conv.customerOnline)
      conv.messages.push({
        id: newId(),
        time: at(3),
        side: 'customer',
        events: [{ eventType: 'Presence', subType: 'Disconnect' }],
      });
  }

  createConversation(input: {
    id?: string;
    media: Media;
    userId: string;
    customerName: string;
    customerOnline?: boolean;
    queue?: { id: string; name: string };
    startTime?: string;
  }): SandboxConversation {
    const conv: SandboxConversation = {
      id: input.id ?? newId(),
      media: input.media,
      userId: input.userId,
      customerName: input.customerName,
      customerAddress: customerAddress(input.media, input.customerName),
      queue: input.queue ?? SEED.queues.support,
      startTime: input.startTime ?? new Date().toISOString(),
      state: 'connected',
      customerOnline: input.media === 'message' ? (input.customerOnline ?? true) : false,
      deploymentId: SEED.deploymentId,
      participantIds: { customer: newId(), acd: newId(), agent: newId() },
      communicationIds: { customer: newId(), acd: newId(), agent: newId() },
      messages: [],
    };
    this.conversations.set(conv.id, conv);
    this.emit('listed', conv);
    this.touch();
    return conv;
  }

  /** Append a message (an event or text) and tell the notification channels. */
  appendMessage(
    conv: SandboxConversation,
    side: 'customer' | 'agent',
    content: { events?: MetadataEvent[]; text?: string },
  ): ConversationMessage {
    const message: ConversationMessage = {
      id: newId(),
      time: new Date().toISOString(),
      side,
      ...content,
    };
    conv.messages.push(message);
    this.emit('conversation', conv, [message]);
    this.emit('listed', conv);
    this.touch();
    return message;
  }

  /** Emit a conversation change with no new message (e.g. it was disconnected). */
  conversationChanged(conv: SandboxConversation): void {
    this.emit('conversation', conv, []);
    this.emit('listed', conv);
    this.touch();
  }

  touch(): void {
    this.version++;
    this.emit('changed');
  }

  issueToken(userId: string, clientId: string): TokenRecord {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`unknown client ${clientId}`);
    if (!this.users.has(userId)) throw new Error(`unknown user ${userId}`);
    const now = Date.now();
    const record: TokenRecord = {
      token: opaqueToken(),
      userId,
      clientId,
      scopes: [...client.scopes],
      issuedAt: now,
      expiresAt: now + this.settings.tokenLifetimeSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(record.token, record);
    this.touch();
    return record;
  }

  /** The token's record when it is usable now; undefined when unknown, expired or revoked. */
  validToken(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (!record || record.revoked || record.expiresAt <= Date.now()) return undefined;
    return record;
  }

  /** Expire one token, or all. Returns how many changed. */
  expireTokens(token?: string): number {
    let n = 0;
    for (const r of this.tokens.values())
      if (!token || r.token === token) {
        r.expiresAt = Math.min(r.expiresAt, Date.now());
        n++;
      }
    this.touch();
    return n;
  }

  revokeTokens(token?: string): number {
    let n = 0;
    for (const r of this.tokens.values())
      if (!token || r.token === token) {
        r.revoked = true;
        n++;
      }
    this.touch();
    return n;
  }

  /** Run later on a timer that close() and reset() cancel. */
  later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.min(Math.max(0, ms), 2 ** 31 - 1), // Node's timer ceiling (~24.8 days)
    );
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * Permission strings are `domain:entity:action`; matched case-insensitively (sources spell
 * cobrowseVoice / cobrowsevoice) and a `*` segment is a wildcard.
 */
export function hasPermission(granted: string[], wanted: string): boolean {
  const want = wanted.toLowerCase().split(':');
  return granted.some((g) => {
    const have = g.toLowerCase().split(':');
    return have.length === want.length && have.every((seg, i) => seg === '*' || seg === want[i]);
  });
}

function customerAddress(media: Media, name: string): string {
  switch (media) {
    case 'call':
      return `tel:+1555${String(Math.abs(hashCode(name)) % 10_000_000).padStart(7, '0')}`;
    case 'email':
      return `customer${Math.abs(hashCode(name)) % 1000}@example.com`;
    default:
      return name;
  }
}

function hashCode(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}
