// The calls the machine's commands make: the create POST (after the preflight on cached
// rights), and the REST reconcile that reads the conversation so an offer a failed POST made
// after all is adopted. Push and REST updates come in through apply(), like the reconcile's.
import { explain, toSessionError } from '../../shared/errors';
import type { LearnedFact } from '../../shared/learned';
import type { Media, SessionError, SessionSnapshot } from '../../shared/session';
import { isFinal } from '../../shared/session';
import { type CobrowseSession, type GenesysClient, GenesysError } from '../genesys';
import { guestRouteFinder } from './deployment';
import { endAtGenesys, endPathOf } from './end';
import { type ConversationUpdate, type ObservedEvent, parseConversation } from './events';
import { preflight } from './preflight';
import { alreadyRunning, conflictText, otherSessionAtGenesys } from './refusals';
import type { RightsCache } from './rights';
import type { Runner } from './runner';

export interface CobrowseCallsDeps {
  runner: Runner;
  api: Pick<
    GenesysClient,
    'createCobrowse' | 'getConversation' | 'getMessageConversation' | 'getMessageData'
  >;
  rights: RightsCache;
  /** The create call (the gateway profile plugs in here); default: POST …/{id}/cobrowse. */
  createSession?: (snapshot: SessionSnapshot) => Promise<CobrowseSession>;
  endRemote?: (path: string) => Promise<void>;
  /** Guest-side GET of a session (no token): true once it answers 404 (the session is gone). */
  guestGone?: (path: string) => Promise<boolean>;
  /** Updates wait until the stored sessions are loaded. */
  ready: () => Promise<void>;
  log: (message: string) => void;
  /** Records what this org showed at run time (event carriers, the deployment id's place). */
  learn?: (fact: LearnedFact) => void;
}

export interface CobrowseCalls {
  post(id: string): Promise<void>;
  /** Resolves with undefined once a read answered, or with the read's failure, explained. */
  reconcile(id: string): Promise<SessionError | undefined>;
  apply(update: ConversationUpdate): Promise<void>;
  /** The worker stopped while the POST was in flight: reconcile, else fail like a timeout. */
  interrupted(id: string): Promise<void>;
  /** Voice: read the conversation (its cobrowse sessions) and the guest route for evidence. */
  check(id: string): Promise<void>;
  /** The session's guest route when the create answer did not give it: from the message channel. */
  findGuestRoute(id: string): Promise<string | undefined>;
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
  return update.events.filter((e, i) => e.type !== 'presence' || i === lastPresence);
}

/** Notes which participant carried each CoBrowse event (facts about the org, any conversation). */
function noteCarriers(update: ConversationUpdate, learn: CobrowseCallsDeps['learn']): void {
  for (const e of update.events) {
    if (e.type === 'cobrowse' && e.carrier) {
      learn?.({ kind: 'carrier', subType: e.subType, carrier: e.carrier });
    }
  }
}

/**
 * Where the create answer put the deployment id: in selfUri, or (a call having no message
 * channel) nowhere. Messaging without it is settled when End looks in the message channel.
 */
function notePlace(media: Media, endPath: string | undefined, learn: CobrowseCallsDeps['learn']) {
  if (endPath) learn?.({ kind: 'deploymentId', media, place: 'selfUri' });
  else if (media === 'call') learn?.({ kind: 'deploymentId', media, place: 'none' });
}

type Attempt = { session: CobrowseSession } | { error: SessionError; conflictWith?: string };

/** The create request, unless our own sessions or the cached rights already say it will fail. */
async function attempt(
  deps: CobrowseCallsDeps,
  snapshot: SessionSnapshot,
  id: string,
): Promise<Attempt> {
  const { runner, api, rights } = deps;
  // One cobrowse per agent: known from our own sessions, so no request is needed to tell.
  const running = otherSessionAtGenesys(runner.all(), id);
  if (running) {
    return { error: alreadyRunning(running, snapshot.media), conflictWith: running.conversationId };
  }
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
    if (!check.ok) return { error: check.error };
    const create = deps.createSession ?? ((s) => api.createCobrowse(s.conversationId));
    return { session: await create(snapshot) };
  } catch (err) {
    const error =
      err instanceof GenesysError ? err.toSessionError(snapshot.media) : toSessionError(err);
    // A permission or scope refusal: what we cached is out of date.
    if (error.status === 403) rights.refresh().catch(() => undefined);
    // A 409 after our own check passed: a session of ours got its offer in between, or the
    // other one is not ours (another device) and the catalogue's words say what to do.
    const other =
      error.code === 'request.conflict' ? otherSessionAtGenesys(runner.all(), id) : undefined;
    if (!other) return { error };
    return {
      error: { ...error, explanation: conflictText(other) },
      conflictWith: other.conversationId,
    };
  }
}

export function createCobrowseCalls(deps: CobrowseCallsDeps): CobrowseCalls {
  const { runner, api, rights, log } = deps;
  const { dispatch } = runner;
  const findGuestRoute = guestRouteFinder({ runner, api, log, learn: deps.learn });

  async function post(id: string): Promise<void> {
    const snapshot = runner.snapshot(id);
    if (!snapshot) return;
    const outcome = await attempt(deps, snapshot, id);
    if ('error' in outcome) {
      const { error, conflictWith } = outcome;
      await dispatch(
        id,
        { type: 'failed', error },
        conflictWith ? { patch: (s) => ({ ...s, conflictWith }) } : {},
      );
      return;
    }
    const { session } = outcome;
    const endPath = endPathOf(session);
    notePlace(snapshot.media, endPath, deps.learn);
    const after = await dispatch(id, { type: 'created', session }, endPath ? { endPath } : {});
    // Ended while the POST was in flight: the offer Genesys just made must not stay out.
    if (after?.state === 'ended' && deps.endRemote) {
      const path = endPath ?? (await findGuestRoute(id));
      // Genesys could not be told: the ended session says so, as End's own does.
      const told = await endAtGenesys(deps.endRemote, path, log);
      if (!told) await dispatch(id, { type: 'ended-here-only' });
    }
  }

  async function read(id: string, media: Media): Promise<ConversationUpdate | undefined> {
    const { userId } = await rights.get();
    const body =
      media === 'message' ? await api.getMessageConversation(id) : await api.getConversation(id);
    return parseConversation(body, userId);
  }

  async function reconcile(id: string): Promise<SessionError | undefined> {
    const snapshot = runner.snapshot(id);
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
    if (runner.snapshot(id)?.reconciling) await dispatch(id, { type: 'reconciled' });
    return undefined;
  }

  async function apply(update: ConversationUpdate): Promise<void> {
    noteCarriers(update, deps.learn);
    await deps.ready();
    const id = update.conversationId.toLowerCase();
    if (!runner.snapshot(id)) return;
    for (const event of relevantEvents(update)) await dispatch(id, event);
    if (update.agentLeft) await dispatch(id, { type: 'conversation-ended' });
  }

  /**
   * Chrome cancels a stopped worker's fetches: if the reconcile finds no offer, the attempt
   * failed like a timeout (explained, Retry after the check). Never resent on its own.
   */
  async function interrupted(id: string): Promise<void> {
    await reconcile(id);
    if (runner.snapshot(id)?.state !== 'creating') return;
    const error = explain({
      code: 'timeout',
      message: 'The service worker restarted while the start request was in flight.',
    });
    await dispatch(id, { type: 'failed', error });
  }

  async function check(id: string): Promise<void> {
    const snapshot = runner.snapshot(id);
    if (snapshot?.media !== 'call' || isFinal(snapshot.state)) return;
    // Failures are logged by reconcile and prove nothing: the session stays as it was.
    await reconcile(id);
    const path = runner.endPath(id);
    if (!path || !deps.guestGone) return;
    const gone = await deps.guestGone(path).catch((err) => {
      log(`guest read ${id} failed: ${String(err)}`);
      return false;
    });
    if (gone) await dispatch(id, { type: 'session-gone' });
  }

  return { post, reconcile, apply, interrupted, check, findGuestRoute };
}
