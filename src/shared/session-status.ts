// The one status line for a snapshot, as an i18n key: what the panel, the popup and the toolbar
// badge's title say. Pure, so views and the background share it.
import type { SessionSnapshot, SessionState } from './session';

/** True while the session waits for the agent to answer the customer-offline question. */
export const asksOffline = (s: Pick<SessionSnapshot, 'state' | 'prompt'>): boolean =>
  s.state === 'waiting' && s.prompt === 'customer-offline';

/** True when the customer's Messenger was offline at the moment the offer expired. */
export function expiredWhileOffline(s: SessionSnapshot): boolean {
  if (s.state !== 'expired') return false;
  const expiredAt =
    s.timeline.findLast((x) => x.step === 'expired')?.at ?? Number.POSITIVE_INFINITY;
  const presence = s.timeline.findLast(
    (x) => x.at <= expiredAt && (x.step === 'customer-online' || x.step === 'customer-offline'),
  );
  return presence ? presence.step === 'customer-offline' : s.customerOnline === false;
}

// Literal keys (not built from the state) so a locale check can find every one in use.
const STATUS: Record<SessionState, string> = {
  waiting: 'ov_status_waiting',
  creating: 'ov_status_creating',
  offered: 'ov_status_offered',
  active: 'ov_status_active',
  ended: 'ov_status_ended',
  declined: 'ov_status_declined',
  expired: 'ov_status_expired',
  failed: 'ov_status_failed',
};

/** Timeline detail of a voice end proved only by the guest route's 404 (who ended it is unknown). */
export const ENDED_GONE = 'gone';

/**
 * Timeline detail of an End that Genesys could not be told of (no guest route known, or its
 * DELETE failed): ended in this browser; at Genesys the session runs until its code expires.
 */
export const ENDED_HERE_ONLY = 'agent-local';

/** The i18n key of the one status line. */
export function statusKey(s: SessionSnapshot): string {
  // Offline, or not known to be online: the prompt says which (an unknown one may be open).
  if (asksOffline(s)) {
    return s.customerOnline === false ? 'ov_offline_text' : 'ov_presence_unknown_text';
  }
  if (s.state === 'offered' && s.outcomeUnknown) return 'ov_status_call_unknown';
  if (s.state === 'offered' && s.media === 'call') return 'ov_status_offered_call';
  // A caller joins by typing the code; "the customer accepted" is messaging's wording.
  if (s.state === 'active' && s.media === 'call') return 'ov_status_active_call';
  const endedHow = s.state === 'ended' && s.timeline.findLast((x) => x.step === 'ended')?.detail;
  if (endedHow === ENDED_GONE) return 'ov_status_call_over';
  if (endedHow === ENDED_HERE_ONLY) return 'ov_status_ended_here_only';
  if (expiredWhileOffline(s)) return 'ov_status_expired_offline';
  return STATUS[s.state];
}
