// The one start path, single flight per conversation, and the guarded second attempt (Offer
// again / Retry): never a blind POST after a failure that may have reached Genesys.
import { explain, mayHaveReachedGenesys } from '../../shared/errors';
import type { StartOptions } from '../../shared/protocol';
import { isFinal, type Origin, type Profile, type SessionSnapshot } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import { NEEDS_SIGN_IN } from '../auth/errors';
import type { ConversationCache, LookedUp } from './conversation-cache';
import { MAX_SEEN, type MachineEvent } from './machine';
import type { CobrowseCalls } from './post-and-reconcile';
import { preflight } from './preflight';
import { CobrowseRefusal, refusal } from './refusals';
import type { Runner } from './runner';
import type { SignInResume } from './sign-in-resume';

export interface StarterDeps {
  runner: Runner;
  cache: ConversationCache;
  resume: SignInResume;
  calls: CobrowseCalls;
  settings: () => Promise<Settings>;
  /** The interactive sign-in, when the agent's answer to a failure asks for it. */
  signIn?: () => Promise<unknown>;
  /** Ends the agent's other session ("End it and start here"). */
  end: (conversationId: string) => Promise<unknown>;
}

export interface Starter {
  /** Single flight per conversation; a Retry of a start that needed a sign-in resumes it. */
  start(id: string, origin: Origin, options: StartOptions): Promise<SessionSnapshot>;
  /** Offer again / Retry, never blind: sign in, reconcile or end the other session first. */
  again(
    id: string,
    origin: Origin | undefined,
    how: {
      /** The agent answered the failure (Retry / Sign in / End it and start here). */
      answered: boolean;
      /** The sign-in may open its window. */
      interactive?: boolean;
    },
  ): Promise<SessionSnapshot>;
  existing(id: string): SessionSnapshot;
}

export function createStarter(deps: StarterDeps): Starter {
  const { runner, cache, resume } = deps;
  const starting = new Map<string, Promise<SessionSnapshot>>();

  function existing(id: string): SessionSnapshot {
    const snapshot = runner.snapshot(id);
    if (!snapshot) throw refusal('noSession', id);
    return snapshot;
  }

  async function start(id: string, origin: Origin, options: StartOptions) {
    // A voice session whose outcome is unknown may be over: a new start (here or on another
    // conversation) ends it, at Genesys too, instead of being refused.
    for (const s of runner.all()) {
      if (s.outcomeUnknown && !isFinal(s.state)) await deps.end(s.conversationId);
    }
    const current = runner.snapshot(id);
    if (current && !isFinal(current.state)) return current;
    // A failed attempt is retried only the guarded way (reconcile first), whatever the trigger:
    // a fresh POST after an ambiguous failure could double the offer. A trigger is no answer to
    // the failure's question, though: it neither opens the sign-in nor ends the other session.
    if (current?.state === 'failed') return again(id, origin, { answered: false });
    let settings: Settings;
    let found: LookedUp;
    try {
      [settings, found] = await Promise.all([deps.settings(), cache.lookup(id)]);
    } catch (err) {
      // Explained as "Sign in"; the same start resumes once the agent has signed in.
      resume.refused(id, err, origin, options);
      throw err;
    }
    resume.started(id);
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
    runner.pruneFinal(id);
    const event: MachineEvent = {
      type: 'start',
      conversationId: id,
      media: summary.media as SessionSnapshot['media'],
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
    const snapshot = await runner.dispatch(id, event, { patch: seed });
    if (!snapshot) throw refusal('noSession');
    return snapshot;
  }

  const again: Starter['again'] = async (id, origin, how) => {
    const before = existing(id);
    if (before.state === 'failed' && before.error) {
      if (before.error.code === NEEDS_SIGN_IN && how.interactive && deps.signIn) {
        await deps.signIn();
      }
      if (mayHaveReachedGenesys(before.error)) {
        // Whether the failed POST made an offer must be known before another one: no blind retry.
        const unverified = await runner.track(deps.calls.reconcile(id));
        if (unverified) throw new CobrowseRefusal(unverified);
      }
      const other = before.conflictWith ? runner.snapshot(before.conflictWith) : undefined;
      // "End it and start here": the agent chose this conversation over the running session.
      if (how.answered && other && !isFinal(other.state)) await deps.end(other.conversationId);
    }
    const event: MachineEvent = origin ? { type: 'offer-again', origin } : { type: 'offer-again' };
    return (await runner.dispatch(id, event)) ?? existing(id);
  };

  return {
    existing,
    again,
    start(id, origin, options) {
      const inflight = starting.get(id);
      if (inflight) return inflight;
      // The agent's Retry on a start that needed a sign-in (recently): sign in first, then
      // resume that start as it was asked. Any other start is its own, with its own options.
      const waiting = resume.waiting(id);
      const resumed = origin === 'retry' ? waiting : undefined;
      const signInFirst = !!resumed && !!deps.signIn;
      if (signInFirst) resume.started(id);
      const run = runner.track(
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
  };
}
