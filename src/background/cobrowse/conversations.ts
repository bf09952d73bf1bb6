// The agent's conversations, classified for the popup and the start path (pure part): which
// media, who the customer is, and whether a cobrowse can start — with the reason if not.
// Input is GET /api/v2/conversations entities (Models.Conversation); fetching lives elsewhere.

import type { Models } from 'purecloud-platform-client-v2';
import { isUuid } from '../../shared/detect/uuid';
import { explain, permissionPhrase } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { CobrowsePermissions } from '../../shared/permissions';
import type { ConversationMedia, ConversationSummary } from '../../shared/protocol';
import { clip } from '../../shared/redact';
import { lastPresence, parseConversation } from './events';

const MAX_NAME = 80;
const AGENT_PURPOSES = new Set(['agent', 'user']);
const CUSTOMER_PURPOSES = new Set(['customer', 'external']);
const CONNECTED = 'connected';
/** States where the agent is not (or no longer) on the conversation. */
const NOT_CONNECTED = new Set([
  'alerting',
  'dialing',
  'contacting',
  'offering',
  'disconnected',
  'terminated',
]);

type MediaList = { state?: string }[] | undefined;

function mediaLists(p: Models.Participant): MediaList[] {
  return [
    p.calls,
    p.messages,
    p.chats,
    p.emails,
    p.callbacks,
    p.socialExpressions,
    p.videos,
    p.cobrowsesessions,
    p.screenshares,
  ];
}

/** The signed-in agent's participant: prefer one that is connected, else the latest. */
export function agentParticipant(
  conversation: Models.Conversation,
  userId: string,
): Models.Participant | undefined {
  const mine = (conversation.participants ?? []).filter(
    (p) => p.userId === userId && AGENT_PURPOSES.has((p.purpose ?? '').toLowerCase()),
  );
  return mine.find((p) => agentConnected(p) === true) ?? mine.at(-1);
}

/** true/false from the media states; undefined when no state is reported. */
export function agentConnected(p: Models.Participant): boolean | undefined {
  let sawState = false;
  for (const list of mediaLists(p)) {
    for (const m of list ?? []) {
      const state = m.state?.toLowerCase();
      if (!state) continue;
      sawState = true;
      if (state === CONNECTED) return true;
      if (!NOT_CONNECTED.has(state)) return undefined;
    }
  }
  return sawState ? false : undefined;
}

/** The agent has left: every media state they report is disconnected or terminated. */
export function agentGone(p: Models.Participant): boolean {
  const states = mediaLists(p).flatMap((list) => (list ?? []).map((m) => m.state?.toLowerCase()));
  return states.length > 0 && states.every((s) => s === 'disconnected' || s === 'terminated');
}

export function classifyMedia(
  conversation: Models.Conversation,
  agent: Models.Participant | undefined,
): ConversationMedia {
  const participants = conversation.participants ?? [];
  const has = (pick: (p: Models.Participant) => unknown[] | undefined) =>
    participants.some((p) => (pick(p)?.length ?? 0) > 0);
  if (participants.some((p) => p.messages?.some((m) => m.type?.toLowerCase() === 'webmessaging'))) {
    return 'message';
  }
  if ((agent?.calls?.length ?? 0) > 0 || (!agent && has((p) => p.calls))) return 'call';
  if (has((p) => p.chats)) return 'chat';
  if (has((p) => p.emails)) return 'email';
  return 'other';
}

function customerName(conversation: Models.Conversation): string {
  const participants = conversation.participants ?? [];
  const customer = participants.find((p) => CUSTOMER_PURPOSES.has((p.purpose ?? '').toLowerCase()));
  const raw =
    customer?.name?.trim() ||
    customer?.aniName?.trim() ||
    customer?.address?.replace(/^tel:/i, '').trim() ||
    '';
  if (!raw) return t('history_col_customer');
  // API text is rendered as text; this only keeps a hostile or broken value from flooding the UI.
  const flat = raw.replace(/\s+/g, ' ');
  return flat.length > MAX_NAME ? `${flat.slice(0, MAX_NAME - 1)}…` : flat;
}

function queueName(
  conversation: Models.Conversation,
  agent: Models.Participant | undefined,
): string | undefined {
  const participants = conversation.participants ?? [];
  const acd = participants.find((p) => p.purpose?.toLowerCase() === 'acd' && p.queueName);
  const name =
    acd?.queueName ?? agent?.queueName ?? participants.find((p) => p.queueName)?.queueName;
  return name === undefined ? undefined : clip(name, MAX_NAME);
}

/** Why a cobrowse cannot start, localised; undefined when it can. */
function blocker(
  media: ConversationMedia,
  connected: boolean | undefined,
  rights: CobrowsePermissions | undefined,
): string | undefined {
  if (media !== 'message' && media !== 'call') {
    return explain({ code: 'media.not.supported', media }).title;
  }
  if (rights && !rights[media]) return t('conv_reason_missing_permission', permissionPhrase(media));
  if (connected === false) return explain({ code: 'agent.not.connected' }).title;
  return undefined;
}

export function classifyConversation(
  conversation: Models.Conversation,
  userId: string,
  rights?: CobrowsePermissions,
): ConversationSummary {
  const agent = agentParticipant(conversation, userId);
  const media = classifyMedia(conversation, agent);
  const connected = agent ? agentConnected(agent) : undefined;
  const summary: ConversationSummary = {
    id: conversation.id ?? '',
    customerName: customerName(conversation),
    media,
    canCobrowse: false,
  };
  const queue = queueName(conversation, agent);
  if (queue) summary.queueName = queue;
  const started = Date.parse(conversation.startTime ?? '');
  if (Number.isFinite(started)) summary.startedAt = started;
  if (media === 'message') {
    const online = lastPresence(parseConversation(conversation, userId)?.events ?? []);
    if (online !== undefined) summary.customerOnline = online;
  }
  const reason = blocker(media, connected, rights);
  summary.canCobrowse = reason === undefined;
  if (reason) summary.reason = reason;
  return summary;
}

export interface Ranked {
  /** The page's conversations first (in the page's order), then the newest first. */
  conversations: ConversationSummary[];
  /** The page's conversation if it can cobrowse; without a page match, the only one that can. */
  preselectedId?: string;
  /** Ids the page shows that are not among the agent's conversations (valid UUIDs only). */
  unknownHints: string[];
}

export function rankConversations(
  summaries: readonly ConversationSummary[],
  pageHints: readonly string[],
): Ranked {
  const hints = [...new Set(pageHints.filter(isUuid).map((h) => h.toLowerCase()))];
  const byId = new Map(summaries.map((s) => [s.id.toLowerCase(), s]));
  const found = hints.map((h) => byId.get(h)).filter((s): s is ConversationSummary => !!s);
  const rest = summaries
    .filter((s) => !found.includes(s))
    .sort(
      (a, b) =>
        (b.startedAt ?? Number.NEGATIVE_INFINITY) - (a.startedAt ?? Number.NEGATIVE_INFINITY),
    );
  // Copies: the summaries are the cache's, shared by every page's list.
  const hinted = found.map((s) => ({ ...s, onPage: true }));
  const ranked: Ranked = {
    conversations: [...hinted, ...rest],
    unknownHints: hints.filter((h) => !byId.has(h)),
  };
  if (hinted.length > 0) {
    // The page names a conversation: never silently swap in another one.
    const pick = hinted.find((s) => s.canCobrowse);
    if (pick) ranked.preselectedId = pick.id;
  } else {
    const able = summaries.filter((s) => s.canCobrowse);
    if (able.length === 1) ranked.preselectedId = (able[0] as ConversationSummary).id;
  }
  return ranked;
}
