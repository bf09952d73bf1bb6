// The effect interpreter around the pure session machine: the records (one per conversation),
// one queue per conversation so steps never interleave, dispatch (machine step → persist → tell
// → run commands) and the commands' execution. Every snapshot is stored BEFORE anyone hears of
// it, so a worker restart never loses what a view already showed.
import { createKeyedSerial } from '../../shared/serial';
import { isFinal, type Media, type SessionSnapshot } from '../../shared/session';
import { type Command, type MachineEvent, resume, transition } from './machine';
import type { SessionStore, StoredSession } from './store';
import type { KeyedTimers } from './timers';

export interface LiveSession {
  id: string;
  media: Media;
}

export interface RunnerDeps {
  store: SessionStore;
  timers: KeyedTimers;
  now: () => number;
  log: (message: string) => void;
  /** Final sessions are dropped this long after their last change. */
  keepFinalMs: number;
  /** After every persisted change, with the snapshot it replaced (none for a new session). */
  onSnapshot: (snapshot: SessionSnapshot, previous: SessionSnapshot | undefined) => void;
  /** The set of live (not final) sessions changed. */
  onLive: (live: LiveSession[]) => void;
  /** A session was dropped (after its record, timers and stored copy). */
  onDropped: (conversationId: string) => void;
  /** The commands that call Genesys. */
  post: (conversationId: string) => Promise<void>;
  reconcile: (conversationId: string) => Promise<unknown>;
  /** Voice: what Genesys lets the agent observe of the session (see machine-voice.ts). */
  check: (conversationId: string) => Promise<unknown>;
  /** Voice: how often a session that may be on is checked. */
  checkEveryMs: number;
}

export interface DispatchExtra {
  patch?: (s: SessionSnapshot) => SessionSnapshot;
  endPath?: string;
  /** The record as this step found it (inside the serialized step, not before it queued). */
  seen?: (before: StoredSession | undefined) => void;
}

export interface Runner {
  snapshot(id: string): SessionSnapshot | undefined;
  /** The guest route of the session (from the create answer), when known. */
  endPath(id: string): string | undefined;
  all(): SessionSnapshot[];
  /** Feed one event to the machine, persist, push, then run the commands. */
  dispatch(
    id: string,
    event: MachineEvent,
    extra?: DispatchExtra,
  ): Promise<SessionSnapshot | undefined>;
  /** Counts `p` as in flight until it settles (idle() waits for it). */
  track<T>(p: Promise<T>): Promise<T>;
  live(): LiveSession[];
  /** Only one session at a time matters: drop other conversations' closed sessions. */
  pruneFinal(except?: string): void;
  idle(): Promise<void>;
  /**
   * After a worker restart: loads the stored sessions and resume()s each. A POST the stop cut
   * off goes to `interrupted` (reconciled, never resent on its own).
   */
  load(interrupted: (conversationId: string) => Promise<void>): Promise<void>;
}

/** Promises counted in flight until they settle; idle() waits for all, even later ones. */
function createTracker() {
  const pending = new Set<Promise<unknown>>();
  return {
    track<T>(p: Promise<T>): Promise<T> {
      pending.add(p);
      p.then(
        () => pending.delete(p),
        () => pending.delete(p),
      );
      return p;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** The machine's commands: timers here, the calls to Genesys through the deps. */
function runCommands(
  id: string,
  commands: readonly Command[],
  deps: Pick<RunnerDeps, 'timers' | 'post' | 'reconcile' | 'check' | 'checkEveryMs'> & {
    now: () => number;
  },
  dispatch: (id: string, event: MachineEvent) => unknown,
  track: (p: Promise<unknown>) => unknown,
) {
  const { timers } = deps;
  for (const command of commands) {
    switch (command.kind) {
      case 'post':
        track(deps.post(id));
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
        track(deps.reconcile(id));
        break;
      case 'check':
        track(deps.check(id));
        break;
      case 'schedule-check':
        timers.at(`${id}:check`, deps.now() + deps.checkEveryMs, () => {
          void dispatch(id, { type: 'check-due' });
        });
        break;
    }
  }
}

export function createRunner(deps: RunnerDeps): Runner {
  const { store, timers, now } = deps;
  const records = new Map<string, StoredSession>();
  const chain = createKeyedSerial();
  const { track, idle } = createTracker();
  let lastLive = '';

  async function commit(record: StoredSession, previous: StoredSession | undefined) {
    records.set(record.snapshot.conversationId, record);
    try {
      await store.put(record);
    } catch (err) {
      // Storage failing must not stop the session; it only loses restart safety.
      deps.log(`session not persisted: ${String(err)}`);
    }
    if (previous?.snapshot !== record.snapshot)
      deps.onSnapshot(record.snapshot, previous?.snapshot);
    announceLive();
  }

  const all = () => [...records.values()].map((r) => r.snapshot);

  function live(): LiveSession[] {
    return all()
      .filter((s) => !isFinal(s.state))
      .map((s) => ({ id: s.conversationId, media: s.media }));
  }

  function announceLive() {
    const sessions = live();
    const key = sessions.map((l) => `${l.id}:${l.media}`).join(',');
    if (key === lastLive) return;
    lastLive = key;
    deps.onLive(sessions);
  }

  function dispatch(
    id: string,
    event: MachineEvent,
    extra: DispatchExtra = {},
  ): Promise<SessionSnapshot | undefined> {
    return track(
      chain(id, async () => {
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
      }),
    );
  }

  const execute = (id: string, commands: readonly Command[]) =>
    runCommands(id, commands, deps, dispatch, track);

  function drop(id: string) {
    records.delete(id);
    timers.clear(`${id}:expiry`);
    timers.clear(`${id}:retry`);
    timers.clear(`${id}:check`);
    store.remove(id).catch(() => undefined);
    deps.onDropped(id);
  }

  async function load(interrupted: (conversationId: string) => Promise<void>) {
    let stored: StoredSession[] = [];
    try {
      stored = await store.loadAll();
    } catch (err) {
      deps.log(`stored sessions not loaded: ${String(err)}`);
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
  }

  function pruneFinal(except?: string) {
    for (const [id, record] of records) {
      if (id === except || !isFinal(record.snapshot.state)) continue;
      const old = now() - record.snapshot.updatedAt > deps.keepFinalMs;
      if (except !== undefined || old) drop(id);
    }
  }

  return {
    load,
    pruneFinal,
    snapshot: (id) => records.get(id)?.snapshot,
    endPath: (id) => records.get(id)?.endPath,
    all,
    dispatch,
    track,
    live,
    idle,
  };
}
