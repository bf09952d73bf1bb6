// The cobrowse service: the face the rest of the worker sees. It puts the parts together — the
// runner (records, per-conversation queue, machine steps, commands), the create/reconcile
// calls, the start path, the conversation-list cache, sign-in resume, End and the viewer — and
// tells subscribers (views, the overlay's tabs, the badge, the event stream) of every change.
// After a service-worker restart, the stored sessions are loaded and resume()d (ready).
import { ReadFailure } from '../../shared/errors';
import type { LearnedFact } from '../../shared/learned';
import type { ConversationList, OfflineChoice, StartOptions } from '../../shared/protocol';
import type { AutoCopyOutcome, Origin, SessionSnapshot } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import type { CobrowseSession, Conversation, GenesysClient } from '../genesys';
import {
  createConversationCache,
  type KnownList,
  LIST_MAX_AGE_MS,
  type StoredList,
} from './conversation-cache';
import { endSession } from './end';
import type { ConversationUpdate } from './events';
import { createCobrowseCalls } from './post-and-reconcile';
import { normaliseConversationId, refusal } from './refusals';
import type { RightsCache } from './rights';
import { createRunner, type LiveSession } from './runner';
import { createSignInResume } from './sign-in-resume';
import { createStarter } from './start';
import type { SessionStore } from './store';
import type { KeyedTimers } from './timers';
import { viewerUrl } from './viewer';

export type ServiceApi = Pick<
  GenesysClient,
  | 'createCobrowse'
  | 'listConversations'
  | 'getConversation'
  | 'getMessageConversation'
  | 'getMessageData'
>;

export type { LiveSession, StartOptions };

/** What a subscriber hears; each callback is optional. */
export interface ServiceListener {
  /**
   * After every persisted change, with the snapshot it replaced (undefined for a new session):
   * the change itself, also across a worker restart (the stored one is the previous).
   */
  snapshot?(snapshot: SessionSnapshot, previous?: SessionSnapshot): void;
  /** A final session was dropped. */
  removed?(conversationId: string): void;
  /** The set of live (not final) sessions changed: the event stream follows exactly these. */
  live?(live: LiveSession[]): void;
  /** A start the agent made before signing in resumed on its own (the tab's overlay adopts it). */
  resumed?(conversationId: string): void;
}

export interface CobrowseServiceDeps {
  api: ServiceApi;
  store: SessionStore;
  timers: KeyedTimers;
  rights: RightsCache;
  now: () => number;
  settings: () => Promise<Settings>;
  /** The first listener, heard before any subscriber (tests record with these). */
  onSnapshot?: (snapshot: SessionSnapshot) => void;
  onRemoved?: (conversationId: string) => void;
  onLive?: (live: LiveSession[]) => void;
  onResumed?: (conversationId: string) => void;
  /** The create call (the gateway profile plugs in here); default: POST …/{id}/cobrowse. */
  createSession?: (snapshot: SessionSnapshot) => Promise<CobrowseSession>;
  /** Guest-side DELETE of a session (no token); absent: End is local only. */
  endRemote?: (path: string) => Promise<void>;
  /** Guest-side GET of a session (no token): true once it answers 404. Absent: not read. */
  guestGone?: (path: string) => Promise<boolean>;
  /** Voice: how often a session that may be on is checked (default VOICE_CHECK_MS). */
  voiceCheckMs?: number;
  /** Opens the agent viewer. */
  openTab: (url: string) => Promise<void>;
  /** The apps host (endpoints(env).apps) for the viewer URL. */
  appsBase: () => Promise<string>;
  uiLanguage: () => string;
  log?: (message: string) => void;
  /** How long a fetched conversation list serves starts without another read. */
  listMaxAgeMs?: number;
  /** The conversation list an earlier worker stored, and where this one keeps it. */
  restoreList?: () => Promise<StoredList | undefined>;
  persistList?: (list: StoredList) => void;
  /** Final sessions are dropped this long after their last change. */
  keepFinalMs?: number;
  /**
   * Interactive sign-in (the Genesys login window). A retry of a start that failed because the
   * sign-in could not be renewed silently runs it first, then the start resumes.
   */
  signIn?: () => Promise<unknown>;
  /** Records what this org showed at run time (event carriers, the deployment id's place). */
  learn?: (fact: LearnedFact) => void;
}

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
  /** Records what the auto-copy did with a session's join code (shown on its Copy button). */
  recordAutoCopy(conversationId: string, outcome: AutoCopyOutcome): Promise<unknown>;
  /** The agent's active conversations, classified and ranked against page hints. */
  conversations(hints: readonly string[]): Promise<ConversationList>;
  /**
   * The last fetched list, ranked against page hints, while it is fresh enough to serve a start
   * (the same age the start path trusts); undefined when cold. No request.
   */
  cachedConversations(hints: readonly string[]): ConversationList | undefined;
  /** The list as known, however old (restored, pushed), with its freshness. No request. */
  knownConversations(hints: readonly string[]): Promise<KnownList | undefined>;
  /** A conversation the user's conversation topic pushed (new, changed or ended). */
  conversationChanged(body: Conversation): Promise<void>;
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
  /** Hear every change from now on; returns the unsubscribe. */
  subscribe(listener: ServiceListener): () => void;
}

export const KEEP_FINAL_MS = 60 * 60_000;
/** Voice sessions send no events: what Genesys shows of them is read this often. */
export const VOICE_CHECK_MS = 10_000;

/** The subscribers, the deps' callbacks first, and how each event reaches them all. */
function createListeners(deps: CobrowseServiceDeps) {
  const listeners = new Set<ServiceListener>([
    {
      snapshot: deps.onSnapshot,
      removed: deps.onRemoved,
      live: deps.onLive,
      resumed: deps.onResumed,
    },
  ]);
  // Each listener in a copy of the set: one may unsubscribe meanwhile.
  const tell = <K extends keyof ServiceListener>(
    event: K,
    ...args: Parameters<NonNullable<ServiceListener[K]>>
  ) => {
    for (const l of [...listeners]) {
      (l[event] as ((...a: typeof args) => void) | undefined)?.(...args);
    }
  };
  return { listeners, tell };
}

export function createCobrowseService(deps: CobrowseServiceDeps): CobrowseService {
  const { now } = deps;
  const log = deps.log ?? (() => undefined);
  const { listeners, tell } = createListeners(deps);
  const resume = createSignInResume(now);
  const cache = createConversationCache({
    api: deps.api,
    rights: deps.rights,
    now,
    maxAgeMs: deps.listMaxAgeMs ?? LIST_MAX_AGE_MS,
    restore: deps.restoreList,
    persist: deps.persistList,
  });
  const runner = createRunner({
    store: deps.store,
    timers: deps.timers,
    now,
    log,
    keepFinalMs: deps.keepFinalMs ?? KEEP_FINAL_MS,
    onSnapshot: (snapshot, previous) => tell('snapshot', snapshot, previous),
    onLive: (live) => tell('live', live),
    onDropped: (id) => {
      resume.forget(id);
      cache.forget(id);
      tell('removed', id);
    },
    // The calls exist once the runner does; commands run only after both.
    post: (id) => calls.post(id),
    reconcile: (id) => calls.reconcile(id),
    check: (id) => calls.check(id),
    checkEveryMs: deps.voiceCheckMs ?? VOICE_CHECK_MS,
  });
  const calls = createCobrowseCalls({ ...deps, runner, log, ready: () => ready });
  const starter = createStarter({ ...deps, runner, cache, resume, calls, end });
  const ready = runner.load(calls.interrupted);
  const snapshots = runner.all;

  /** The id of a session that exists, once the stored ones are loaded. */
  async function known(conversationId: string): Promise<string> {
    await ready;
    const id = normaliseConversationId(conversationId);
    starter.existing(id);
    return id;
  }

  async function end(conversationId: string): Promise<SessionSnapshot> {
    const id = await known(conversationId);
    const remote = deps.endRemote && { end: deps.endRemote, find: calls.findGuestRoute };
    return endSession(runner, id, starter.existing, remote, log);
  }

  async function startCobrowse(conversationId: string, origin: Origin, options = {}) {
    await ready;
    return starter.start(normaliseConversationId(conversationId), origin, options);
  }

  return {
    ready,
    startCobrowse,
    end,
    async answerOffline(conversationId, choice) {
      const id = await known(conversationId);
      return (await runner.dispatch(id, { type: choice })) ?? starter.existing(id);
    },
    async offerAgain(conversationId, origin) {
      const id = await known(conversationId);
      return starter.again(id, origin, { answered: true, interactive: true });
    },
    async openViewer(conversationId) {
      await ready;
      const id = normaliseConversationId(conversationId);
      // Voice with an unknown outcome: the caller may be in the session, so the viewer is offered.
      const s = starter.existing(id);
      if (s.state !== 'active' && !s.outcomeUnknown) throw refusal('viewerNotReady');
      const url = viewerUrl(await deps.appsBase(), id, deps.uiLanguage());
      await deps.openTab(url);
      return { url };
    },
    apply: calls.apply,
    recordAutoCopy: (id, outcome) =>
      ready.then(() => runner.dispatch(id.toLowerCase(), { type: 'auto-copied', outcome })),
    async conversations(hints) {
      await ready;
      return cache.list(hints).catch((err: unknown) => {
        throw new ReadFailure(err);
      });
    },
    cachedConversations: cache.cached,
    knownConversations: cache.known,
    conversationChanged: cache.apply,
    get: (id) => runner.snapshot(id.toLowerCase()),
    all: snapshots,
    live: runner.live,
    idle: runner.idle,
    async signedIn() {
      await ready;
      const results = await resume.signedIn(snapshots(), {
        session: (id) => starter.again(id, 'retry', { answered: true }),
        start: (id, waiting) =>
          startCobrowse(id, waiting.origin, waiting.options).then(() => tell('resumed', id)),
      });
      for (const r of results) {
        if (r.status === 'rejected') log(`resume after sign-in: ${String(r.reason)}`);
      }
    },
    accountChanged() {
      cache.clear();
      resume.accountChanged(snapshots());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
