// Everything about the sandbox that a test may want to change, including every behaviour of
// the real platform we could not verify (each named in README.md).
import { SEED } from './seed';

export const VOICE_SIGNALS = ['guest-route', 'none', 'conversation'] as const;
export type VoiceSignal = (typeof VOICE_SIGNALS)[number];
export const LEGACY_COBROWSE_TOPIC = ['rejected', 'silent', 'carries'] as const;
export type LegacyCobrowseTopic = (typeof LEGACY_COBROWSE_TOPIC)[number];
export const VIEWER_WITH_SESSION = ['joins', 'creates'] as const;
export type ViewerWithSession = (typeof VIEWER_WITH_SESSION)[number];

export const DEPLOYMENT_ID_PLACES = ['selfUri', 'messageChannel'] as const;
export type DeploymentIdPlace = (typeof DEPLOYMENT_ID_PLACES)[number];

export interface SandboxSettings {
  /** Added before every API/OAuth response. */
  latencyMs: number;
  /** Plus a random extra delay in [0, latencyJitterMs] per API/OAuth response (seeded). */
  latencyJitterMs: number;
  /** Percent of API requests answered 429 at random before the route runs (seeded). */
  chaos429Percent: number;
  /** Percent of API requests answered 500/502/503 at random before the route runs (seeded). */
  chaos5xxPercent: number;
  /** Percent of API requests whose connection is destroyed without an answer (seeded). */
  chaosDropPercent: number;
  /** Seed of the jitter and chaos draws; setting it restarts the sequence. */
  chaosSeed: number;
  /** Lifetime of a cobrowse offer: dateOfferEnds = creation + this. */
  offerTtlSeconds: number;
  /** Access token lifetime (Genesys: 5 min to 48 h per client, default 24 h). */
  tokenLifetimeSeconds: number;
  /** Authorization codes are single-use and live this long. */
  codeLifetimeSeconds: number;
  /** /oauth/authorize answers at once with a code for autoApproveUserId (no login page). */
  autoApprove: boolean;
  autoApproveUserId: string;
  /** Accept any https://<id>.chromiumapp.org/ redirect URI, not only the registered ones. */
  allowAnyChromiumAppRedirect: boolean;
  /** Unverified for PKCE clients: whether /oauth/token also issues a refresh_token. */
  issueRefreshTokens: boolean;
  /** Requests per token per minute before 429 too.many.requests.retry.after. */
  rateLimitPerMinute: number;
  /** Seconds between channel.metadata heartbeat frames on a notification socket. */
  heartbeatSeconds: number;
  /** Notification channel lifetime (Genesys: 24 h). */
  channelLifetimeSeconds: number;
  /** Channels per user and OAuth client; creating one more evicts the oldest. */
  maxChannelsPerUser: number;
  /** Unverified: 409 request.conflict while the agent already has a pending/active session. */
  conflictOnPendingSession: boolean;
  /**
   * Unverified: an offer made while the Messenger is offline is lost (false: the race where
   * the agent starts before the customer's Messenger listens) or delivered when the customer comes back before dateOfferEnds (true).
   */
  redeliverOfferOnJoin: boolean;
  /**
   * Unverified: which participant carries CoBrowse metadata events. "split": Offering and
   * OfferingExpired on the agent, OfferingAccepted/Rejected on the customer.
   */
  coBrowseEventParticipant: 'split' | 'customer' | 'agent';
  /**
   * Unverified: what the agent can observe of a voice session (the caller types the code; no
   * message events). "guest-route": the guest GET answers 404 once the session is no longer
   * offered or active. "none": the guest GET answers 200 for any session it ever made, whatever
   * its state, and nothing else tells. "conversation": the voice conversation's customer
   * participant lists the session in `cobrowsesessions[]` (alerting → connected → disconnected);
   * the guest GET answers as with "none".
   */
  voiceSignal: VoiceSignal;
  /**
   * Unverified: the retired cobrowse's topic `v2.users.{id}.conversations.cobrowseSessions`.
   * "rejected": the subscription answers Rejected. "silent": Permitted, but the new cobrowse
   * never publishes on it. "carries": Permitted, and every change of one of the user's sessions
   * is pushed as a `Models.Cobrowsesession` (with `state` alerting/connected/disconnected).
   */
  legacyCobrowseTopic: LegacyCobrowseTopic;
  /**
   * Unverified: the agent viewer (`/cobrowse-next/viewer.html?conversationId=…`) opened while the
   * conversation has a pending or active session. "joins": it reports that session's join code
   * and id to its parent. "creates": it makes a session of its own and reports that one.
   */
  viewerWithSession: ViewerWithSession;
  /**
   * Unverified: where the web deployment id (the guest routes' `{deploymentId}`) shows.
   * "selfUri": in the create answer's selfUri (the guest route itself) and as the message
   * channel id. "messageChannel": only as a message's `normalizedMessage.channel.id` (and its
   * business address); selfUri is `/api/v2/conversations/{cid}/cobrowse/{sid}` and websocketUrl
   * carries no deployment. A voice call has no message channel: nothing names it.
   */
  deploymentIdPlace: DeploymentIdPlace;
  /**
   * The capabilities the gateway route accepts (a company's gateway may allow fewer than the
   * extension offers); any other one in a request is a 400 `invalid.value` naming `capabilities[i]`.
   */
  gatewayCapabilities: string[];
}

export function defaultSettings(): SandboxSettings {
  return {
    latencyMs: 0,
    latencyJitterMs: 0,
    chaos429Percent: 0,
    chaos5xxPercent: 0,
    chaosDropPercent: 0,
    chaosSeed: 1,
    offerTtlSeconds: 120,
    tokenLifetimeSeconds: 86_400,
    codeLifetimeSeconds: 60,
    autoApprove: false,
    autoApproveUserId: SEED.users.agent,
    allowAnyChromiumAppRedirect: false,
    issueRefreshTokens: false,
    rateLimitPerMinute: 300,
    heartbeatSeconds: 30,
    channelLifetimeSeconds: 86_400,
    maxChannelsPerUser: 20,
    conflictOnPendingSession: true,
    redeliverOfferOnJoin: false,
    coBrowseEventParticipant: 'split',
    voiceSignal: 'guest-route',
    legacyCobrowseTopic: 'rejected',
    viewerWithSession: 'joins',
    deploymentIdPlace: 'selfUri',
    gatewayCapabilities: ['screen', 'mouse', 'keyboard'],
  };
}

const ENUMS: [string, readonly string[]][] = [
  ['legacyCobrowseTopic', LEGACY_COBROWSE_TOPIC],
  ['viewerWithSession', VIEWER_WITH_SESSION],
  ['deploymentIdPlace', DEPLOYMENT_ID_PLACES],
];

const CHAOS_NUMBERS = ['latencyJitterMs', 'chaos429Percent', 'chaos5xxPercent', 'chaosDropPercent'];

/** Merge a partial update, keeping only known keys of the right type. */
export function mergeSettings(current: SandboxSettings, update: unknown): SandboxSettings {
  if (!update || typeof update !== 'object') throw new Error('settings must be an object');
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (!(key in current)) throw new Error(`unknown setting "${key}"`);
    if (key === 'gatewayCapabilities') {
      if (!Array.isArray(value) || !value.every((c) => typeof c === 'string'))
        throw new Error('gatewayCapabilities must be an array of strings');
      next[key] = [...value];
      continue;
    }
    const expected = typeof (current as unknown as Record<string, unknown>)[key];
    if (typeof value !== expected) throw new Error(`setting "${key}" must be a ${expected}`);
    if (
      key === 'coBrowseEventParticipant' &&
      !['split', 'customer', 'agent'].includes(value as string)
    )
      throw new Error('coBrowseEventParticipant must be split, customer or agent');
    if (key === 'voiceSignal' && !(VOICE_SIGNALS as readonly unknown[]).includes(value))
      throw new Error(`voiceSignal must be one of ${VOICE_SIGNALS.join(', ')}`);
    for (const [name, allowed] of ENUMS)
      if (key === name && !allowed.includes(value as string))
        throw new Error(`${name} must be one of ${allowed.join(', ')}`);
    if (CHAOS_NUMBERS.includes(key) && !(Number.isFinite(value) && (value as number) >= 0))
      throw new Error(`setting "${key}" must be a number ≥ 0`);
    next[key] = value;
  }
  return next as unknown as SandboxSettings;
}
