// Pure parsing of what Genesys tells us about an offer: notification frames from the
// websocket and REST conversation bodies, reduced to CoBrowse and Presence events the state
// machine understands. Input is untrusted JSON: every shape is checked, nothing throws;
// what does not fit is skipped and listed in `problems` for the log.
//
// Where the events sit (all are walked, since the nesting differs between sources):
// - notifications (SDK ConversationMessageEventTopicMessageConversation) and REST
//   GET /conversations/messages/{id} (MessageConversation):
//     participants[].messages[].messageMetadata.events[]
// - GET /conversations (Conversation → Participant.messages: Message[]) and, unverified,
//   some notifications: participants[].messages[].messages[].messageMetadata.events[]
// Which participant carries which subtype is unverified, so every participant is matched, and
// each CoBrowse event notes its carrier (the run-time facts record it).
import type { Carrier } from '../../shared/learned';

export const COBROWSE_SUBTYPES = [
  'Offering',
  'OfferingAccepted',
  'OfferingRejected',
  'OfferingExpired',
] as const;
export const PRESENCE_SUBTYPES = [
  'Join',
  'Disconnect',
  'SignIn',
  'Clear',
  'SessionExpired',
] as const;

export type CobrowseSubType = (typeof COBROWSE_SUBTYPES)[number];
export type PresenceSubType = (typeof PRESENCE_SUBTYPES)[number];

interface Observed {
  /** Stable identity of the event (message id + subtype), for de-duplication across replays. */
  key?: string;
  /** epoch ms of the carrying message (server clock), when known. */
  at?: number;
}
export interface CobrowseObserved extends Observed {
  type: 'cobrowse';
  subType: CobrowseSubType;
  /** The participant that carried it, by purpose (which one does is unverified: it is learned). */
  carrier?: Carrier;
}
export interface PresenceObserved extends Observed {
  type: 'presence';
  subType: PresenceSubType;
}
/**
 * Voice: a participant's `cobrowsesessions[]` entry (Models.Cobrowsesession) for a session.
 * Whether Genesys lists the new cobrowse there is unverified; when it does, it is evidence.
 */
export interface VoiceObserved extends Observed {
  type: 'voice';
  /** The listed session's state. */
  subType: 'alerting' | 'connected' | 'disconnected';
  sessionId: string;
}
export type ObservedEvent = CobrowseObserved | PresenceObserved | VoiceObserved;

export interface ConversationUpdate {
  conversationId: string;
  /** CoBrowse and Presence events, oldest first. */
  events: ObservedEvent[];
  /** The signed-in agent's participant has left (disconnected/terminated): the session ends. */
  agentLeft: boolean;
  problems: string[];
}

export type FrameResult =
  | { kind: 'heartbeat' }
  | { kind: 'socket-closing' }
  | { kind: 'conversation'; userId: string; update: ConversationUpdate }
  /** v2.users.{id}.conversations: one of the user's conversations, new or changed. */
  | { kind: 'listed'; userId: string; body: Obj & { id: string } }
  | { kind: 'ignored'; topic: string }
  | { kind: 'malformed'; problem: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const MESSAGES_TOPIC = /^v2\.users\.([^.]+)\.conversations\.messages$/;
const CONVERSATIONS_TOPIC = /^v2\.users\.([^.]+)\.conversations$/;
const LEFT_STATES = new Set(['disconnected', 'terminated']);

/** One websocket frame (the raw text or already-parsed JSON). */
export function parseFrame(raw: unknown): FrameResult {
  let frame: unknown = raw;
  if (typeof raw === 'string') {
    try {
      frame = JSON.parse(raw);
    } catch {
      return { kind: 'malformed', problem: 'frame is not JSON' };
    }
  }
  if (!isObj(frame)) return { kind: 'malformed', problem: 'frame is not an object' };
  const topic = str(frame.topicName);
  if (topic === undefined) return { kind: 'malformed', problem: 'frame has no topicName' };
  // Heartbeats and the answer to our {"message":"ping"} both arrive on channel.metadata.
  if (topic === 'channel.metadata') return { kind: 'heartbeat' };
  if (topic === 'v2.system.socket_closing') return { kind: 'socket-closing' };
  const listed = CONVERSATIONS_TOPIC.exec(topic);
  if (listed) return listedFrame(topic, listed[1] as string, frame.eventBody);
  const match = MESSAGES_TOPIC.exec(topic);
  if (!match) return { kind: 'ignored', topic };
  const userId = match[1] as string;
  const body = frame.eventBody;
  if (!isObj(body)) return { kind: 'malformed', problem: `${topic}: eventBody is not an object` };
  const update = parseConversation(body, userId);
  if (!update) return { kind: 'malformed', problem: `${topic}: eventBody has no conversation id` };
  return { kind: 'conversation', userId, update };
}

/** A ConversationEventTopicConversation: kept only with an id and a participants array. */
function listedFrame(topic: string, userId: string, body: unknown): FrameResult {
  if (!isObj(body)) return { kind: 'malformed', problem: `${topic}: eventBody is not an object` };
  const id = str(body.id);
  if (!id) return { kind: 'malformed', problem: `${topic}: eventBody has no conversation id` };
  const participants = body.participants;
  if (!Array.isArray(participants) || !participants.every(isObj)) {
    return { kind: 'malformed', problem: `${topic}: eventBody has no participants list` };
  }
  return { kind: 'listed', userId, body: { ...body, id } };
}

/**
 * A conversation body from REST (`GET /conversations/messages/{id}` or an entry of
 * `GET /conversations`) or a notification's eventBody. `userId` identifies the agent's own
 * participant (its `user.id`, or `userId` on the generic Conversation model).
 */
export function parseConversation(body: unknown, userId?: string): ConversationUpdate | undefined {
  if (!isObj(body)) return undefined;
  const conversationId = str(body.id);
  if (!conversationId) return undefined;
  const problems: string[] = [];
  const events: ObservedEvent[] = [];
  let agentLeft = false;
  const participants = body.participants;
  if (participants !== undefined && !Array.isArray(participants)) {
    problems.push('participants is not an array');
  }
  for (const [pi, p] of (Array.isArray(participants) ? participants : []).entries()) {
    if (!isObj(p)) {
      problems.push(`participants[${pi}] is not an object`);
      continue;
    }
    if (userId && participantUserId(p) === userId && isAgentPurpose(p)) {
      const state = str(p.state)?.toLowerCase();
      if (state && LEFT_STATES.has(state)) agentLeft = true;
    }
    const found = { out: events, problems, carrier: carrierOf(p) };
    collectFromMessages(p.messages, `participants[${pi}].messages`, found);
    collectCobrowseSessions(p.cobrowsesessions, events);
  }
  return { conversationId, events: sortByTime(events), agentLeft, problems };
}

/** The last Presence event in a conversation body: true = online, false = offline. */
export function lastPresence(events: readonly ObservedEvent[]): boolean | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as ObservedEvent;
    if (e.type === 'presence') return presenceOnline(e.subType);
  }
  return undefined;
}

/**
 * What a Presence subtype says about the customer's Messenger. Join/SignIn: present;
 * Disconnect/SessionExpired/Clear: gone (Clear ends the Messenger conversation; unverified).
 */
export function presenceOnline(subType: PresenceSubType): boolean {
  return subType === 'Join' || subType === 'SignIn';
}

function participantUserId(p: Obj): string | undefined {
  if (isObj(p.user)) return str(p.user.id);
  return str(p.userId);
}

/** The participant's side by purpose: the agent (agent/user), the customer, or another. */
function carrierOf(p: Obj): Carrier {
  const purpose = str(p.purpose)?.toLowerCase();
  if (purpose === 'customer') return 'customer';
  return purpose === 'agent' || purpose === 'user' ? 'agent' : 'other';
}

function isAgentPurpose(p: Obj): boolean {
  const purpose = str(p.purpose)?.toLowerCase();
  return purpose === undefined || purpose === 'agent' || purpose === 'user';
}

const VOICE_STATES = new Set<VoiceObserved['subType']>(['alerting', 'connected', 'disconnected']);

/** Cobrowse sessions listed on a participant; other states (or none) say nothing and are skipped. */
function collectCobrowseSessions(list: unknown, out: ObservedEvent[]): void {
  if (!Array.isArray(list)) return;
  for (const c of list) {
    if (!isObj(c)) continue;
    const sessionId = str(c.cobrowseSessionId);
    const state = str(c.state)?.toLowerCase() as VoiceObserved['subType'] | undefined;
    if (!sessionId || !state || !VOICE_STATES.has(state)) continue;
    const time = str(c.disconnectedTime) ?? str(c.connectedTime);
    const at = time ? Date.parse(time) : Number.NaN;
    const e: VoiceObserved = {
      type: 'voice',
      subType: state,
      sessionId,
      key: `${sessionId}:voice:${state}`,
    };
    if (Number.isFinite(at)) e.at = at;
    out.push(e);
  }
}

/** Where a participant's events go: the list, the problems, and the participant's side. */
interface Found {
  out: ObservedEvent[];
  problems: string[];
  carrier: Carrier;
}

function collectFromMessages(list: unknown, path: string, found: Found, depth = 0): void {
  const { problems } = found;
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${path} is not an array`);
    return;
  }
  for (const [i, m] of list.entries()) {
    const here = `${path}[${i}]`;
    if (!isObj(m)) {
      problems.push(`${here} is not an object`);
      continue;
    }
    if (m.messageMetadata !== undefined) collectFromDetails(m, here, found);
    // A Message (media) holds MessageDetails one level down; never recurse further.
    if (depth === 0 && m.messages !== undefined) {
      collectFromMessages(m.messages, `${here}.messages`, found, 1);
    }
  }
}

function collectFromDetails(m: Obj, path: string, { out, problems, carrier }: Found) {
  const meta = m.messageMetadata;
  if (!isObj(meta)) {
    problems.push(`${path}.messageMetadata is not an object`);
    return;
  }
  if (meta.events === undefined) return;
  if (!Array.isArray(meta.events)) {
    problems.push(`${path}.messageMetadata.events is not an array`);
    return;
  }
  const messageId = str(m.messageId) ?? (isObj(m.message) ? str(m.message.id) : undefined);
  const time = str(m.messageTime);
  const parsedAt = time ? Date.parse(time) : Number.NaN;
  const at = Number.isFinite(parsedAt) ? parsedAt : undefined;
  for (const [ei, e] of meta.events.entries()) {
    const here = `${path}.messageMetadata.events[${ei}]`;
    if (!isObj(e)) {
      problems.push(`${here} is not an object`);
      continue;
    }
    const eventType = str(e.eventType);
    const subType = str(e.subType);
    let observed: ObservedEvent | undefined;
    if (eventType === 'CoBrowse') {
      if (isOneOf(COBROWSE_SUBTYPES, subType)) observed = { type: 'cobrowse', subType, carrier };
      else problems.push(`${here}: unknown CoBrowse subType ${JSON.stringify(subType)}`);
    } else if (eventType === 'Presence') {
      if (isOneOf(PRESENCE_SUBTYPES, subType)) observed = { type: 'presence', subType };
      else problems.push(`${here}: unknown Presence subType ${JSON.stringify(subType)}`);
    }
    // Other event types (Typing, Receipt, ...) are not ours: skipped silently.
    if (!observed) continue;
    const id = messageId ?? time;
    if (id) observed.key = `${id}:${eventType}:${subType}`;
    if (at !== undefined) observed.at = at;
    out.push(observed);
  }
}

function isOneOf<T extends string>(list: readonly T[], v: string | undefined): v is T {
  return v !== undefined && (list as readonly string[]).includes(v);
}

/** Oldest first; an event without a time keeps its place after the one before it. */
function sortByTime(events: ObservedEvent[]): ObservedEvent[] {
  let last = Number.NEGATIVE_INFINITY;
  const keyed = events.map((e, i) => {
    if (e.at !== undefined) last = e.at;
    return { e, t: e.at ?? last, i };
  });
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  // Drop exact replays inside one body (the same message listed twice).
  const seen = new Set<string>();
  return keyed
    .map((k) => k.e)
    .filter((e) => {
      if (!e.key) return true;
      if (seen.has(e.key)) return false;
      seen.add(e.key);
      return true;
    });
}
