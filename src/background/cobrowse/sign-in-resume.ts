// Starts that stopped at "Sign in" resume once a token is stored: a start refused before any
// session existed (remembered here), and a session that failed for want of a sign-in. Only
// recent ones resume, once, and never under another account's token.
import type { StartOptions } from '../../shared/protocol';
import type { Origin, SessionSnapshot } from '../../shared/session';
import { NEEDS_SIGN_IN } from '../auth/errors';

/** A start that waits for the agent to sign in resumes only this soon after it failed. */
export const RESUME_AFTER_SIGN_IN_MS = 10 * 60_000;

export interface WaitingStart {
  origin: Origin;
  options: StartOptions;
  at: number;
}

export interface SignInResume {
  /** A start failed: remembered when the failure asks for a sign-in. */
  refused(id: string, err: unknown, origin: Origin, options: StartOptions): void;
  started(id: string): void;
  /** The recent start waiting on this conversation (a stale one is forgotten). */
  waiting(id: string): WaitingStart | undefined;
  /** The session was dropped. */
  forget(id: string): void;
  /** Resumes every recent start and failed session that waited for a sign-in. */
  signedIn(
    sessions: Iterable<SessionSnapshot>,
    resume: {
      session(id: string): Promise<unknown>;
      start(id: string, waiting: WaitingStart): Promise<unknown>;
    },
  ): Promise<PromiseSettledResult<unknown>[]>;
  /** Another account: nothing waiting resumes under its token. */
  accountChanged(sessions: Iterable<SessionSnapshot>): void;
}

const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;

const waitsForSignIn = (s: SessionSnapshot) =>
  s.state === 'failed' && s.error?.code === NEEDS_SIGN_IN;

export function createSignInResume(now: () => number): SignInResume {
  /** Starts refused before any session existed because the agent must sign in. */
  const awaiting = new Map<string, WaitingStart>();
  /** Failed sessions that waited for a sign-in under the previous account: never resumed. */
  const forgotten = new Map<string, SessionSnapshot>();
  return {
    refused(id, err, origin, options) {
      if (codeOf(err) === NEEDS_SIGN_IN) awaiting.set(id, { origin, options, at: now() });
    },
    started: (id) => awaiting.delete(id),
    waiting(id) {
      const waiting = awaiting.get(id);
      if (waiting && now() - waiting.at > RESUME_AFTER_SIGN_IN_MS) {
        awaiting.delete(id);
        return undefined;
      }
      return waiting;
    },
    forget: (id) => forgotten.delete(id),
    signedIn(sessions, resume) {
      const since = now() - RESUME_AFTER_SIGN_IN_MS;
      const resumes: Promise<unknown>[] = [];
      for (const s of [...sessions]) {
        if (!waitsForSignIn(s) || s.updatedAt < since) continue;
        // Failed under the previous account (the same snapshot since): not this user's start.
        if (forgotten.get(s.conversationId) === s) continue;
        resumes.push(resume.session(s.conversationId));
      }
      for (const [id, waiting] of [...awaiting]) {
        awaiting.delete(id);
        if (waiting.at < since) continue;
        resumes.push(resume.start(id, waiting));
      }
      return Promise.allSettled(resumes);
    },
    accountChanged(sessions) {
      awaiting.clear();
      for (const s of sessions) if (waitsForSignIn(s)) forgotten.set(s.conversationId, s);
    },
  };
}
