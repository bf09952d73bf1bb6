// Pure display decisions of the session view and its minimised pill, per channel: how the join
// code is shown (big for voice, where the agent reads it aloud; small for messaging, where the
// customer accepts with a button), where the countdown is (running, warning, over), which
// button is primary, and the pill's tone. Kept apart from the components so they are tested
// without a DOM, and so the panel and the popup decide alike.
import type { SessionSnapshot, SessionState } from '../../shared/session';

/** Under this many seconds the countdown warns (and says so once to screen readers). */
export const WARN_SECONDS = 30;

export type CountdownPhase = 'none' | 'running' | 'warning' | 'over';

/**
 * Where the offer's countdown is. 'over' once offerEndsAt has passed while the offer was out
 * (or the background already said it expired): from then on the code cannot be used. That is
 * the code's time, not the session's outcome: a voice session past it may still be on (the
 * status line says the outcome is unknown).
 */
export function countdownPhase(
  s: Pick<SessionSnapshot, 'state' | 'offerEndsAt'>,
  now: number,
): CountdownPhase {
  if (s.state === 'expired') return 'over';
  if (s.offerEndsAt === undefined || (s.state !== 'offered' && s.state !== 'creating')) {
    return 'none';
  }
  const left = s.offerEndsAt - now;
  if (left <= 0) return 'over';
  return left <= WARN_SECONDS * 1000 ? 'warning' : 'running';
}

/**
 * How the join code is shown: 'big' to read aloud (voice, offer out), 'small' beside the status
 * (messaging; or a session already under way), 'dead' dimmed and marked, so an agent does not
 * read a code that no longer works; 'none' without a code.
 */
export type CodeLook = 'none' | 'big' | 'small' | 'dead';

export function codeLook(
  s: Pick<SessionSnapshot, 'state' | 'offerEndsAt' | 'joinCode' | 'media'>,
  now: number,
): CodeLook {
  if (!s.joinCode) return 'none';
  if (isOver(s.state) || countdownPhase(s, now) === 'over') return 'dead';
  return s.media === 'call' && s.state === 'offered' ? 'big' : 'small';
}

const OVER: readonly SessionState[] = ['ended', 'declined', 'expired', 'failed'];
const isOver = (state: SessionState) => OVER.includes(state);

/** The word beside a dead code: "Expired" when its time ran out, else "No longer valid". */
export function deadCodeKey(
  s: Pick<SessionSnapshot, 'state' | 'offerEndsAt'>,
  now: number,
): string {
  return countdownPhase(s, now) === 'over' ? 'ov_state_expired' : 'ov_code_void';
}

/**
 * The code in groups for reading aloud: "605368" → ["605", "368"]; groups of three (of four
 * when that divides evenly and three does not), never a lone digit at the end.
 */
export function codeGroups(code: string): string[] {
  const n = code.length;
  if (n <= 4) return [code];
  const size = n % 3 === 0 || n % 4 !== 0 ? 3 : 4;
  const groups: string[] = [];
  for (let i = 0; i < n; i += size) groups.push(code.slice(i, i + size));
  const last = groups.at(-1) ?? '';
  const before = groups.at(-2) ?? '';
  if (last.length === 1 && before.length > 2) {
    groups.splice(-2, 2, before.slice(0, -1), before.slice(-1) + last);
  }
  return groups;
}

/**
 * What a screen reader says for the code: each digit on its own, a pause between groups
 * ("6 0 5, 3 6 8"), not "six hundred five thousand…".
 */
export const spokenCode = (code: string): string =>
  codeGroups(code)
    .map((g) => [...g].join(' '))
    .join(', ');

/**
 * The pill's tone: its colour and its shape mark, with the state's word beside them, so the
 * state is never told by colour alone.
 */
export type PillTone = 'pending' | 'offered' | 'warning' | 'active' | 'over';

export function pillTone(s: Pick<SessionSnapshot, 'state' | 'offerEndsAt'>, now: number): PillTone {
  if (isOver(s.state)) return 'over';
  if (s.state === 'active') return 'active';
  const phase = countdownPhase(s, now);
  if (phase === 'warning') return 'warning';
  if (phase === 'over') return 'over';
  return s.state === 'offered' ? 'offered' : 'pending';
}
