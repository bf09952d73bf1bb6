// The toolbar badge: the session's state where the agent sees it after leaving the page. A
// countdown while an offer is out ("1:45", then "45s"), "on" while active, a short mark for the
// other states, each state in a colour of its own (Offered and Active apart at a glance). A closed
// session's mark clears after a while (or when the next one starts). The per-second tick runs
// only while a countdown shows. The agent (or a policy) may turn the badge off.

import { t } from '../shared/i18n';
import { isFinal, type SessionSnapshot, type SessionState } from '../shared/session';
import { statusKey } from '../shared/session-status';
import { globalTimers } from '../shared/timers';

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

/** A closed session's mark stays this long after its last change. */
export const BADGE_FINAL_MS = 60_000;

const COLORS: Record<SessionState, string> = {
  waiting: '#b06000',
  creating: '#1a73e8',
  offered: '#1a73e8',
  active: '#188038',
  ended: '#5f6368',
  declined: '#c5221f',
  expired: '#8430ce',
  failed: '#a50e0e',
};

// Literal keys so the locale check finds each one.
const MARKS: Record<Exclude<SessionState, 'offered'>, string> = {
  waiting: 'badge_waiting',
  creating: 'badge_creating',
  active: 'badge_active',
  ended: 'badge_ended',
  declined: 'badge_declined',
  expired: 'badge_expired',
  failed: 'badge_failed',
};

/** "2:00", "1:05", "45s", "0s": fits the badge's four characters up to 99 minutes. */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return t('badge_seconds', String(seconds));
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The session the badge is about: a live one (latest first), else the latest closed one. */
export function badgeSession(
  sessions: readonly SessionSnapshot[],
  now: number,
): SessionSnapshot | undefined {
  const latest = [...sessions].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    latest.find((s) => !isFinal(s.state)) ?? latest.find((s) => now - s.updatedAt < BADGE_FINAL_MS)
  );
}

/** What the badge shows for this session now; undefined: the plain toolbar button. */
export function badgeFor(s: SessionSnapshot | undefined, now: number): BadgeLook | undefined {
  if (!s) return undefined;
  if (isFinal(s.state) && now - s.updatedAt >= BADGE_FINAL_MS) return undefined;
  // Voice past its offer time (outcome unknown): no "0s" countdown; the title says why.
  const counting = s.state === 'offered' && s.offerEndsAt !== undefined && !s.outcomeUnknown;
  const text = counting
    ? countdownText((s.offerEndsAt as number) - now)
    : t(MARKS[s.state === 'offered' ? 'creating' : s.state]);
  const who = s.customerName ? ` · ${s.customerName}` : '';
  return {
    text,
    color: COLORS[s.state],
    title: t('badge_title', [`${t(statusKey(s))}${who}`]),
  };
}

/** When the badge must be redrawn next, or undefined when it shows something steady. */
export function nextBadgeChange(s: SessionSnapshot | undefined, now: number): number | undefined {
  if (!s) return undefined;
  if (s.state === 'offered' && s.offerEndsAt !== undefined && s.offerEndsAt > now) {
    // On the next whole second of the countdown.
    const left = s.offerEndsAt - now;
    return now + (left % 1000 || 1000);
  }
  if (isFinal(s.state)) {
    const clearAt = s.updatedAt + BADGE_FINAL_MS;
    return clearAt > now ? clearAt : undefined;
  }
  return undefined;
}

/** The part of browser.action the badge uses. */
export interface ActionLike {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export interface Badge {
  /** Redraw from the current sessions (call on every snapshot). */
  update(sessions: readonly SessionSnapshot[]): void;
  /** The `badge` setting: off shows the plain toolbar button whatever the sessions. */
  setEnabled(enabled: boolean): void;
}

export function createBadge(deps: {
  action: ActionLike;
  now: () => number;
  /** The toolbar title without a session (the manifest's). */
  defaultTitle: () => string;
}): Badge {
  let sessions: readonly SessionSnapshot[] = [];
  let timer: unknown;
  let shown = '';
  let enabled = true;

  const ignore = (p: unknown) => {
    if (p instanceof Promise) p.catch(() => undefined);
  };

  function draw() {
    timer = undefined;
    const now = deps.now();
    const session = enabled ? badgeSession(sessions, now) : undefined;
    const look = badgeFor(session, now);
    const key = look ? `${look.text}|${look.color}|${look.title}` : '';
    if (key !== shown) {
      shown = key;
      ignore(deps.action.setBadgeText({ text: look?.text ?? '' }));
      if (look) ignore(deps.action.setBadgeBackgroundColor({ color: look.color }));
      ignore(deps.action.setTitle({ title: look?.title ?? deps.defaultTitle() }));
    }
    const next = nextBadgeChange(session, now);
    if (next !== undefined) timer = globalTimers.setTimeout(draw, Math.max(0, next - now));
  }

  const redraw = () => {
    if (timer !== undefined) globalTimers.clearTimeout(timer);
    draw();
  };
  return {
    update(next) {
      sessions = next;
      redraw();
    },
    setEnabled(next) {
      if (next === enabled) return;
      enabled = next;
      redraw();
    },
  };
}
