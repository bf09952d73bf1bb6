// The auto-copy: when a session's join code arrives (a start, an Offer again), the background
// puts the code, or the invitation text holding it, on the clipboard, once per code, if the
// agent's options or the admin's policy ask for it. What it did is recorded on the session,
// so the views show a failed copy on the Copy button instead of leaving the old clipboard.
// Only the background's own snapshot chooses the text: no message names it.
import { fillInvitation, minutesLeft } from '../shared/invitation';
import { type AutoCopyOutcome, isFinal, type SessionSnapshot } from '../shared/session';
import type { Settings } from '../shared/settings';

export interface AutoCopyDeps {
  settings: () => Promise<Settings>;
  /** Writes the clipboard (the offscreen document); true once the text is there. */
  write: (text: string) => Promise<boolean>;
  record: (conversationId: string, outcome: AutoCopyOutcome) => Promise<unknown>;
  /** The browser language's invitation, for an empty template. */
  defaultTemplate: () => string;
  now: () => number;
  log: (message: string) => void;
}

/**
 * A session whose join code has just arrived: it was not there in the last snapshot seen
 * (`before`), and it has not been auto-copied yet. A code that was already showing when the
 * option was turned on is left alone: the clipboard changes only as a code arrives.
 */
export function codeArrived(
  s: SessionSnapshot,
  before: string | undefined,
): s is SessionSnapshot & { joinCode: string } {
  return (
    Boolean(s.joinCode) &&
    s.joinCode !== before &&
    !isFinal(s.state) &&
    s.autoCopy?.joinCode !== s.joinCode
  );
}

/** What to copy for this session under these settings; undefined when auto-copy is off. */
export function autoCopyText(
  s: SessionSnapshot & { joinCode: string },
  settings: Pick<Settings, 'autoCopy' | 'invitationTemplate'>,
  defaultTemplate: string,
  now: number,
): { text: string; what: AutoCopyOutcome['what'] } | undefined {
  if (settings.autoCopy === 'off') return undefined;
  if (settings.autoCopy === 'invitation') {
    const template = settings.invitationTemplate || defaultTemplate;
    const text = fillInvitation(template, s.joinCode, minutesLeft(s.offerEndsAt, now));
    if (text !== undefined) return { text, what: 'invitation' };
  }
  return { text: s.joinCode, what: 'code' };
}

/**
 * A join code as Genesys issues them: letters and digits, no spaces or punctuation. The code is
 * a server answer: anything else (a URL, a line break, a phone number) is never put on the
 * agent's clipboard unasked, and never inside the admin's invitation text.
 */
export const JOIN_CODE = /^[A-Za-z0-9]{4,16}$/;

export function createAutoCopy(deps: AutoCopyDeps) {
  /** The join code each conversation showed in the last snapshot seen. */
  const shown = new Map<string, string | undefined>();

  async function copy(s: SessionSnapshot & { joinCode: string }) {
    const chosen = autoCopyText(s, await deps.settings(), deps.defaultTemplate(), deps.now());
    if (!chosen) return;
    const ok = JOIN_CODE.test(s.joinCode) && (await deps.write(chosen.text));
    await deps.record(s.conversationId, {
      joinCode: s.joinCode,
      what: chosen.what,
      ok,
      at: deps.now(),
    });
  }

  return {
    /** Every persisted snapshot (the service's listener). */
    onSnapshot(s: SessionSnapshot): void {
      const before = shown.get(s.conversationId);
      shown.set(s.conversationId, s.joinCode);
      if (!codeArrived(s, before)) return;
      copy(s).catch((err: unknown) => deps.log(`auto-copy failed: ${String(err)}`));
    },
    /** A session was dropped. */
    forget(conversationId: string): void {
      shown.delete(conversationId);
    },
  };
}
