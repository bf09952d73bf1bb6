// The cobrowse service: the one start path and the glue around the pure state machine. It
// looks the conversation up, runs the preflight, feeds the machine, persists every snapshot
// (storage.session) BEFORE telling anyone, and executes the machine's commands: the POST, the
// expiry and retry timers, the REST reconcile. Push/REST updates come in through apply().
// After a service-worker restart, init() loads the stored sessions and resume()s each.
import { normaliseId } from '../../shared/detect/uuid';
import { explain, mayHaveReachedGenesys, toSessionError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type {
  ConversationList,
  ConversationSummary,
  OfflineChoice,
  StartOptions,
} from '../../shared/protocol';
import { createKeyedSerial } from '../../shared/serial';
import {
  isFinal,
  type Media,
  type Origin,
  type Profile,
  type SessionError,
  type SessionSnapshot,
} from '../../shared/session';
import type { Settings } from '../../shared/settings';
import {
  type CobrowseSession,
  type Conversation,
  type GenesysClient,
  GenesysError,
} from '../genesys';
import {
  agentConnected,
  agentParticipant,
  classifyConversation,
  rankConversations,
} from './conversations';
import type { ConversationUpdate, ObservedEvent } from './events';
import { parseConversation } from './events';
import { type Command, MAX_SEEN, type MachineEvent, resume, transition } from './machine';
import { preflight } from './preflight';
import type { RightsCache } from './rights';
import type { SessionStore, StoredSession } from './store';
import type { KeyedTimers } from './timers';

export type ServiceApi = Pick<
  GenesysClient,
  'createCobrowse' | 'listConversations' | 'getConversation' | 'getMessageConversation'
>;

/** The agent's confirmation and offline answer, given before the start (the panel's own). */
export type { StartOptions };

export interface LiveSession {
  id: string;
  media: Media;
}

export interface CobrowseServiceDeps {
  api: ServiceApi;
  store: SessionStore;
  timers: KeyedTimers;
  rights: RightsCache;
  now: () => number;
  settings: () => Promise<Settings>;
  /** After every persisted change: views, the overlay's tabs, the badge. */
  onSnapshot: (snapshot: SessionSnapshot) => void;
  /** A final session was dropped. */
  onRemoved?: (conversationId: string) => void;
  /** The set of live (not final) sessions changed: the event stream follows exactly these. */
  onLive?: (live: LiveSession[]) => void;
  /** The create call (the gateway profile plugs in here); default: POST …/{id}/cobrowse. */
  createSession?: (snapshot: SessionSnapshot) => Promise<CobrowseSession>;
  /** Guest-side DELETE of a session (no token); absent: End is local only. */
  endRemote?: (path: string) => Promise<void>;
  /** Opens the agent viewer. */
  openTab: (url: string) => Promise<void>;
  /** The apps host (endpoints(env).apps) for the viewer URL. */
  appsBase: () => Promise<string>;
  uiLanguage: () => string;
  log?: (message: string) => void;
  /** How long a fetched conversation list serves starts without another read. */
  listMaxAgeMs?: number;
  /** Final sessions are dropped this long after their last change. */
  keepFinalMs?: number;
  /**
   * Interactive sign-in (the Genesys login window). A retry of a start that failed because the
   * sign-in could not be renewed silently runs it first, then the start resumes.
   */
  signIn?: () => Promise<unknown>;
  /** A start the agent made before signing in resumed on its own (the tab's overlay adopts it). */
  onResumed?: (conversationId: string) => void;
}

/** A start that waits for the agent to sign in resumes only this soon after it failed. */
export const RESUME_AFTER_SIGN_IN_MS = 10 * 60_000;
const NEEDS_SIGN_IN = 'needs.signin';

export interface CobrowseService {
  /** Resolves once the stored sessions are loaded and resumed. */
  readonly ready: Promise<void>;
  /**
   * The one start path (popup, menu, command, overlay prompts, retries). Single flight per
   * conversation: concurrent calls share one promise; a live session is returned as is.
   * Resolves with the session as created (waiting or creating); the POST's outcome is pushed.
   * Throws an explained error (toSessionError()) when no session can start.
   */
  startCobrowse(
    conversationId: string,
    origin: Origin,
    options?: StartOptions,
  ): Promise<SessionSnapshot>;
  end(conversationId: string): Promise<SessionSnapshot>;
  answerOffline(conversationId: string, choice: OfflineChoice): Promise<SessionSnapshot>;
  offerAgain(conversationId: string, origin?: Origin): Promise<SessionSnapshot>;
  /** Opens the viewer (only once the customer accepted) and returns its URL. */
  openViewer(conversationId: string): Promise<{ url: string }>;
  /** Push or REST events for a conversation (the event stream's onUpdate). */
  apply(update: ConversationUpdate): Promise<void>;
  /** The agent's active conversations, classified and ranked against page hints. */
  conversations(hints: readonly string[]): Promise<ConversationList>;
  /**
   * The last fetched list, ranked against page hints, while it is fresh enough to serve a start
   * (the same age the start path trusts); undefined when cold. No request.
   */
  cachedConversations(hints: readonly string[]): ConversationList | undefined;
  get(conversationId: string): SessionSnapshot | undefined;
  all(): SessionSnapshot[];
  /** The sessions that are not over (the event stream follows these). */
  live(): LiveSession[];
  /** Resolves when no POST, reconcile or transition is in flight (tests, shutdown). */
  idle(): Promise<void>;
  /**
   * A token was stored (the agent signed in, or a renewal succeeded): every start that failed
   * for want of a sign-in in the last RESUME_AFTER_SIGN_IN_MS resumes, once.
   */
  signedIn(): Promise<void>;
  /**
   * The signed-in user changed (sign-out, another account): forgets the cached conversation list
   * and every start waiting for a sign-in, so nothing resumes under the next user's token.
   */
  accountChanged(): void;
}

/** A start or an action that cannot happen, already explained for the agent. */
export class CobrowseRefusal extends Error {
  constructor(readonly error: SessionError) {
    super(`${error.code}: ${error.title}`);
    this.name = 'CobrowseRefusal';
  }
  toSessionError(): SessionError {
    return this.error;
  }
}

const GUEST_ROUTE = /\/api\/v2\/webdeployments\/deployments\/[^/?#]+\/cobrowse\/[^/?#]+/;
export const LIST_MAX_AGE_MS = 30_000;
export const KEEP_FINAL_MS = 60 * 60_000;

function refusal(code: string, message = ''): CobrowseRefusal {
  return new CobrowseRefusal({
    code,
    message,
    title: t(`cob_${code}_title`),
    explanation: t(`cob_${code}_explanation`),
    fix: t(`cob_${code}_fix`),
  });
}

/** The guest route that ends a session, from the create answer's selfUri (when it has one). */
export function endPathOf(session: Pick<CobrowseSession, 'selfUri'>): string | undefined {
  const uri = typeof session.selfUri === 'string' ? session.selfUri : '';
  return GUEST_ROUTE.exec(uri)?.[0];
}

/** The Genesys agent viewer for a conversation (GENESYS.md "Agent viewer"). */
export function viewerUrl(appsBase: string, conversationId: string, lang: string): string {
  const url = new URL('/cobrowse-next/viewer.html', `${appsBase.replace(/\/+$/, '')}/`);
  url.searchParams.set('conversationId', conversationId);
  url.searchParams.set('lang', lang);
  return url.toString();
}

/**
 * The events of an update that may move this session. Push frames and REST reads can repeat a
 * conversation's history: only the LAST presence event counts (an old Join followed by a
 * Disconnect must not send a waiting offer), and CoBrowse events in their order.
 */
export function relevantEvents(update: ConversationUpdate): ObservedEvent[] {
  let lastPresence = -1;
  update.events.forEach((e, i) => {
    if (e.type === 'presence') lastPresence = i;
  });
  return update.events.filter((e, i) => e.type === 'cobrowse' || i === lastPresence);
}

export function createCobrowseService(deps: CobrowseServiceDeps): CobrowseService {
  const { api, store, timers, rights, now } = deps;
  const log = deps.log ?? (() => undefined);
  const listMaxAge = deps.listMaxAgeMs ?? LIST_MAX_AGE_MS;
  const keepFinal = deps.keepFinalMs ?? KEEP_FINAL_MS;
  const records = new Map<string, StoredSession>();
  const chain = createKeyedSerial();
  const starting = new Map<string, Promise<SessionSnapshot>>();
  const pending = new Set<Promise<unknown>>();
  /** Starts refused before any session existed because the agent must sign in. */
  const awaitingSignIn = new Map<string, { origin: Origin; options: StartOptions; at: number }>();
  let list: { at: number; byId: Map<string, Conversation>; summaries: ConversationSummary[] } = {
    at: Number.NEGATIVE_INFINITY,
    byId: new Map(),
    summaries: [],
  };
  let lastLive = '';
  /** Failed sessions that waited for a sign-in under the previous account: never resumed. */
  const forgottenSignIns = new Map<string, SessionSnapshot>();

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    p.then(
      () => pending.delete(p),
      () => pending.delete(p),
    );
    return p;
  };

  /** Runs `op` after every earlier operation on this conversation. */
  function serial<T>(id: string, op: () => Promise<T>): Promise<T> {
    return track(chain(id, op));
  }

  async function commit(record: StoredSession, previous: StoredSession | undefined) {
    records.set(record.snapshot.conversationId, record);
    try {
      await store.put(record);
    } catch (err) {
      // Storage failing must not stop the session; it only loses restart safety.
      log(`session not persisted: ${String(err)}`);
    }
    if (previous?.snapshot !== record.snapshot) deps.onSnapshot(record.snapshot);
    announceLive();
  }

  function announceLive() {
    const live = liveSessions();
    const key = live.map((l) => `${l.id}:${l.media}`).join(',');
    if (key === lastLive) return;
    lastLive = key;
    deps.onLive?.(live);
  }

  function liveSessions(): LiveSession[] {
    return [...records.values()]
      .filter((r) => !isFinal(r.snapshot.state))
      .map((r) => ({ id: r.snapshot.conversationId, media: r.snapshot.media }));
  }

  /** Feed one event to the machine, persist, push, then run the commands. */
  function dispatch(
    id: string,
    event: MachineEvent,
    extra: {
      patch?: (s: SessionSnapshot) => SessionSnapshot;
      endPath?: string;
      /** The record as this step found it (inside the serialized step, not before it queued). */
      seen?: (before: StoredSession | undefined) => void;
    } = {},
  ): Promise<SessionSnapshot | undefined> {
    return serial(id, async () => {
      const before = records.get(id);
      extra.seen?.(before);
      const step = transition(before?.snapshot, event, now());
      if (!step.snapshot) return undefined;
      let snapshot = step.snapshot;
      if (snapshot !== before?.snapshot && extra.patch) snapshot = extra.patch(snapshot);
      if (snapshot !== before?.snapshot) {
        // A new attempt forgets the old session's end route; a created one brings its own.
        const fresh = event.type === 'start' || event.type === 'offer-again';
        const record: StoredSession = { snapshot };
        const endPath = extra.endPath ?? (fresh ? undefined : before?.endPath);
        if (endPath) record.endPath = endPath;
        await commit(record, before);
      }
      execute(id, step.commands);
      return snapshot;
    });
  }

  function execute(id: string, commands: readonly Command[]) {
    for (const command of commands) {
      switch (command.kind) {
        case 'post':
          track(post(id));
          break;
        case 'schedule-expiry':
          timers.at(`${id}:expiry`, command.at, () => void dispatch(id, { type: 'tick' }));
          break;
        case 'cancel-expiry':
          timers.clear(`${id}:expiry`);
          break;
        case 'schedule-retry':
          timers.at(`${id}:retry`, command.at, () => void dispatch(id, { type: 'retry-due' }));
          break;
        case 'cancel-retry':
          timers.clear(`${id}:retry`);
          break;
        case 'reconcile':
          track(reconcile(id));
          break;
      }
    }
  }

  async function post(id: string): Promise<void> {
    const snapshot = records.get(id)?.snapshot;
    if (!snapshot) return;
    let session: CobrowseSession;
    try {
      // Every POST (first start, Offer again, the customer's return, a retry) passes the
      // preflight on the cached rights: a known gap is explained without calling Genesys.
      const r = await rights.get();
      const check = preflight({
        media: snapshot.media,
        scopes: r.scopes,
        permissions: r.permissions,
        profile: snapshot.profile,
      });
      if (!check.ok) {
        await dispatch(id, { type: 'failed', error: check.error });
        return;
      }
      session = await (deps.createSession ?? ((s) => api.createCobrowse(s.conversationId)))(
        snapshot,
      );
    } catch (err) {
      let error =
        err instanceof GenesysError ? err.toSessionError(snapshot.media) : toSessionError(err);
      // A permission or scope refusal: what we cached is out of date.
      if (error.status === 403) rights.refresh().catch(() => undefined);
      const other = error.code === 'request.conflict' ? otherLive(id) : undefined;
      if (other) error = { ...error, explanation: conflictText(other) };
      await dispatch(
        id,
        { type: 'failed', error },
        other ? { patch: (s) => ({ ...s, conflictWith: other.conversationId }) } : {},
      );
      return;
    }
    const endPath = endPathOf(session);
    const after = await dispatch(id, { type: 'created', session }, endPath ? { endPath } : {});
    // Ended while the POST was in flight: the offer Genesys just made must not stay out.
    if (after?.state === 'ended' && endPath && deps.endRemote) {
      await deps.endRemote(endPath).catch((err) => log(`late end failed: ${String(err)}`));
    }
  }

  async function read(id: string, media: Media): Promise<ConversationUpdate | undefined> {
    const { userId } = await rights.get();
    const body =
      media === 'message' ? await api.getMessageConversation(id) : await api.getConversation(id);
    return parseConversation(body, userId);
  }

  /**
   * Reads the conversation so an offer a failed POST made after all is adopted. Resolves with
   * undefined once a read answered, or with the read's failure, explained.
   */
  async function reconcile(id: string): Promise<SessionError | undefined> {
    const snapshot = records.get(id)?.snapshot;
    if (!snapshot) return undefined;
    try {
      const update = await read(id, snapshot.media);
      if (update) await apply(update);
    } catch (err) {
      // Unverified is not "no offer": `reconciling` stays, so Retry reads again before any POST
      // (and is refused while reads keep failing); a worker restart re-arms the reconcile.
      log(`reconcile ${id} failed: ${String(err)}`);
      return err instanceof GenesysError ? err.toSessionError(snapshot.media) : toSessionError(err);
    }
    if (records.get(id)?.snapshot.reconciling) await dispatch(id, { type: 'reconciled' });
    return undefined;
  }

  /** The agent's other session that is not over (one cobrowse per agent at a time). */
  function otherLive(id: string): SessionSnapshot | undefined {
    return [...records.values()]
      .map((r) => r.snapshot)
      .find((s) => s.conversationId !== id && !isFinal(s.state));
  }

  function conflictText(other: SessionSnapshot): string {
    return t('cob_conflict_explanation', [
      other.customerName || other.conversationId,
      other.joinCode ?? '-',
      t(`ov_state_${other.state}`),
    ]);
  }

  async function apply(update: ConversationUpdate): Promise<void> {
    await ready;
    const id = update.conversationId.toLowerCase();
    if (!records.has(id)) return;
    for (const event of relevantEvents(update)) await dispatch(id, event);
    if (update.agentLeft) await dispatch(id, { type: 'conversation-ended' });
  }

  async function conversations(hints: readonly string[]): Promise<ConversationList> {
    const [r, listing] = await Promise.all([rights.get(), api.listConversations()]);
    const byId = new Map<string, Conversation>();
    const summaries: ConversationSummary[] = [];
    for (const c of listing.entities) {
      const summary = classifyConversation(c, r.userId, r.cobrowse);
      summary.id = summary.id.toLowerCase();
      byId.set(summary.id, c);
      summaries.push(summary);
    }
    list = { at: now(), byId, summaries };
    return rankConversations(summaries, hints);
  }

  /** The conversation's body and summary; `member`: one of the agent's active conversations. */
  async function lookup(id: string) {
    const r = await rights.get();
    const fresh = now() - list.at <= listMaxAge;
    const cached = fresh ? list.byId.get(id) : undefined;
    const body = cached ?? (await api.getConversation(id));
    const summary = classifyConversation(body, r.userId, r.cobrowse);
    const agent = agentParticipant(body, r.userId);
    const member = !!cached || (!!agent && agentConnected(agent) !== false);
    const seen = (parseConversation(body, r.userId)?.events ?? [])
      .map((e) => e.key)
      .filter((k): k is string => !!k);
    return { r, summary, member, seen };
  }

  async function start(id: string, origin: Origin, options: StartOptions) {
    const current = records.get(id)?.snapshot;
    if (current && !isFinal(current.state)) return current;
    // A failed attempt is retried only the guarded way (reconcile first), whatever the trigger:
    // a fresh POST after an ambiguous failure could double the offer. A trigger is no answer to
    // the failure's question, though: it neither opens the sign-in nor ends the other session.
    if (current?.state === 'failed') return againSafely(id, origin, { answered: false });
    let settings: Settings;
    let found: Awaited<ReturnType<typeof lookup>>;
    try {
      [settings, found] = await Promise.all([deps.settings(), lookup(id)]);
    } catch (err) {
      // Explained as "Sign in"; the same start resumes once the agent has signed in.
      if (codeOf(err) === NEEDS_SIGN_IN) awaitingSignIn.set(id, { origin, options, at: now() });
      throw err;
    }
    awaitingSignIn.delete(id);
    const { r, summary, member } = found;
    // An earlier attempt on this conversation saw events a cached body predates (its Accepted):
    // they stay seen too.
    const seen = [...(current?.seenEvents ?? []), ...found.seen];
    if (!member && !options.confirmed) {
      throw new CobrowseRefusal(explain({ code: 'not.agents.conversation', media: summary.media }));
    }
    const profile: Profile = settings.profile;
    const check = preflight({
      media: summary.media,
      scopes: r.scopes,
      permissions: r.permissions,
      profile,
    });
    if (!check.ok) throw new CobrowseRefusal(check.error);
    const media = summary.media as Media;
    pruneFinal(id);
    const event: MachineEvent = {
      type: 'start',
      conversationId: id,
      media,
      profile,
      origin,
      customerName: summary.customerName,
      whenOffline: options.whenCustomerOffline ?? settings.whenCustomerOffline,
    };
    if (summary.customerOnline !== undefined) event.customerOnline = summary.customerOnline;
    // Events that existed before this attempt (an earlier offer's Accepted, an old Join) must
    // never move it: they count as already seen.
    const seed = (s: SessionSnapshot): SessionSnapshot =>
      seen.length === 0
        ? s
        : { ...s, seenEvents: [...(s.seenEvents ?? []), ...seen].slice(-MAX_SEEN) };
    const snapshot = await dispatch(id, event, { patch: seed });
    if (!snapshot) throw refusal('noSession');
    return snapshot;
  }

  /** Only one session at a time matters: drop other conversations' closed sessions. */
  function pruneFinal(except?: string) {
    for (const [id, record] of records) {
      if (id === except || !isFinal(record.snapshot.state)) continue;
      const old = now() - record.snapshot.updatedAt > keepFinal;
      if (except !== undefined || old) drop(id);
    }
  }

  function drop(id: string) {
    records.delete(id);
    forgottenSignIns.delete(id);
    // Its session's events are forgotten with it: the next start reads the conversation afresh
    // rather than trust a cached body that may predate them.
    list.byId.delete(id);
    timers.clear(`${id}:expiry`);
    timers.clear(`${id}:retry`);
    store.remove(id).catch(() => undefined);
    deps.onRemoved?.(id);
  }

  function existing(id: string): SessionSnapshot {
    const snapshot = records.get(id)?.snapshot;
    if (!snapshot) throw refusal('noSession', id);
    return snapshot;
  }

  const normalise = (conversationId: string): string => {
    const id = normaliseId(conversationId);
    if (!id) {
      throw new CobrowseRefusal(
        explain({ code: 'invalid.conversation.id', message: String(conversationId).slice(0, 80) }),
      );
    }
    return id;
  };

  const codeOf = (err: unknown): string | undefined =>
    typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
      ? (err as { code: string }).code
      : undefined;

  /** Offer again / Retry, never blind: sign in, reconcile or end the other session first. */
  async function againSafely(
    id: string,
    origin: Origin | undefined,
    how: {
      /** The agent answered the failure (Retry / Sign in / End it and start here). */
      answered: boolean;
      /** The sign-in may open its window. */
      interactive?: boolean;
    },
  ) {
    const before = existing(id);
    if (before.state === 'failed' && before.error) {
      if (before.error.code === NEEDS_SIGN_IN && how.interactive && deps.signIn) {
        await deps.signIn();
      }
      if (mayHaveReachedGenesys(before.error)) {
        // Whether the failed POST made an offer must be known before another one: no blind retry.
        const unverified = await track(reconcile(id));
        if (unverified) throw new CobrowseRefusal(unverified);
      }
      const other = before.conflictWith ? records.get(before.conflictWith)?.snapshot : undefined;
      // "End it and start here": the agent chose this conversation over the running session.
      if (how.answered && other && !isFinal(other.state)) await service.end(other.conversationId);
    }
    const event: MachineEvent = origin ? { type: 'offer-again', origin } : { type: 'offer-again' };
    return (await dispatch(id, event)) ?? existing(id);
  }

  /**
   * The worker stopped while the POST was in flight (Chrome cancels its fetches): reconcile, and
   * if no offer turned up, the attempt failed like a timeout (explained, Retry after the check).
   * Never resent on its own.
   */
  async function interrupted(id: string): Promise<void> {
    await reconcile(id);
    if (records.get(id)?.snapshot.state !== 'creating') return;
    const error = explain({
      code: 'timeout',
      message: 'The service worker restarted while the start request was in flight.',
    });
    await dispatch(id, { type: 'failed', error });
  }

  const ready = (async () => {
    let stored: StoredSession[] = [];
    try {
      stored = await store.loadAll();
    } catch (err) {
      log(`stored sessions not loaded: ${String(err)}`);
    }
    for (const record of stored) {
      const id = record.snapshot.conversationId;
      records.set(id, record);
      const step = resume(record.snapshot, now());
      if (step.snapshot && step.snapshot !== record.snapshot) {
        const next: StoredSession = { ...record, snapshot: step.snapshot };
        await commit(next, record);
      }
      const snap = step.snapshot ?? record.snapshot;
      if (snap.state === 'creating' && snap.retryAt === undefined) track(interrupted(id));
      else execute(id, step.commands);
    }
    pruneFinal();
    announceLive();
  })();

  const service: CobrowseService = {
    ready,
    async startCobrowse(conversationId, origin, options = {}) {
      await ready;
      const id = normalise(conversationId);
      const inflight = starting.get(id);
      if (inflight) return inflight;
      // The agent's Retry on a start that needed a sign-in (recently): sign in first, then
      // resume that start as it was asked. Any other start is its own, with its own options.
      let waiting = awaitingSignIn.get(id);
      if (waiting && now() - waiting.at > RESUME_AFTER_SIGN_IN_MS) {
        awaitingSignIn.delete(id);
        waiting = undefined;
      }
      const resumed = origin === 'retry' ? waiting : undefined;
      const signInFirst = !!resumed && !!deps.signIn;
      if (signInFirst) awaitingSignIn.delete(id);
      const run = track(
        (async () => {
          if (signInFirst) await deps.signIn?.();
          if (!resumed) return start(id, origin, options);
          return start(id, resumed.origin, { ...resumed.options, ...options });
        })(),
      );
      starting.set(id, run);
      const forget = () => {
        if (starting.get(id) === run) starting.delete(id);
      };
      run.then(forget, forget);
      return run;
    },
    async end(conversationId) {
      await ready;
      const id = normalise(conversationId);
      existing(id);
      // What End ends is known only when its step runs: a POST answer queued ahead of it may
      // turn `creating` into an offer with an end route.
      let prior: StoredSession | undefined;
      const after =
        (await dispatch(id, { type: 'end' }, { seen: (b) => (prior = b) })) ?? existing(id);
      const path = prior?.endPath;
      const wasOut = prior?.snapshot.state === 'offered' || prior?.snapshot.state === 'active';
      if (after.state === 'ended' && wasOut && path && deps.endRemote) {
        await deps.endRemote(path).catch((err) => log(`remote end failed: ${String(err)}`));
      }
      return after;
    },
    async answerOffline(conversationId, choice) {
      await ready;
      const id = normalise(conversationId);
      existing(id);
      return (await dispatch(id, { type: choice })) ?? existing(id);
    },
    async offerAgain(conversationId, origin) {
      await ready;
      const id = normalise(conversationId);
      existing(id);
      return againSafely(id, origin, { answered: true, interactive: true });
    },
    async openViewer(conversationId) {
      await ready;
      const id = normalise(conversationId);
      if (existing(id).state !== 'active') throw refusal('viewerNotReady');
      const url = viewerUrl(await deps.appsBase(), id, deps.uiLanguage());
      await deps.openTab(url);
      return { url };
    },
    apply,
    async conversations(hints) {
      await ready;
      return conversations(hints);
    },
    cachedConversations(hints) {
      return now() - list.at <= listMaxAge ? rankConversations(list.summaries, hints) : undefined;
    },
    get: (id) => records.get(id.toLowerCase())?.snapshot,
    all: () => [...records.values()].map((r) => r.snapshot),
    live: liveSessions,
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async signedIn() {
      await ready;
      const since = now() - RESUME_AFTER_SIGN_IN_MS;
      const resumes: Promise<unknown>[] = [];
      for (const record of [...records.values()]) {
        const s = record.snapshot;
        if (s.state !== 'failed' || s.error?.code !== NEEDS_SIGN_IN || s.updatedAt < since)
          continue;
        // Failed under the previous account (the same snapshot since): not this user's start.
        if (forgottenSignIns.get(s.conversationId) === s) continue;
        resumes.push(againSafely(s.conversationId, 'retry', { answered: true }));
      }
      for (const [id, waiting] of [...awaitingSignIn]) {
        awaitingSignIn.delete(id);
        if (waiting.at < since) continue;
        resumes.push(
          service.startCobrowse(id, waiting.origin, waiting.options).then(() => {
            deps.onResumed?.(id);
          }),
        );
      }
      const results = await Promise.allSettled(resumes);
      for (const r of results) {
        if (r.status === 'rejected') log(`resume after sign-in: ${String(r.reason)}`);
      }
    },
    accountChanged() {
      list = { at: Number.NEGATIVE_INFINITY, byId: new Map(), summaries: [] };
      awaitingSignIn.clear();
      for (const { snapshot: s } of records.values()) {
        if (s.state === 'failed' && s.error?.code === NEEDS_SIGN_IN) {
          forgottenSignIns.set(s.conversationId, s);
        }
      }
    },
  };
  return service;
}
