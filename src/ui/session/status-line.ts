// The one status line for a snapshot: the views show it and the toolbar badge uses it as its
// title. Kept apart from the views' other decisions (status.ts) because the worker loads it.
import type { SessionSnapshot, SessionState } from '../../shared/session';

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

/** The i18n key of the one status line. */
export function statusKey(s: SessionSnapshot): string {
  if (asksOffline(s)) return 'ov_offline_text';
  if (s.state === 'offered' && s.media === 'call') return 'ov_status_offered_call';
  if (expiredWhileOffline(s)) return 'ov_status_expired_offline';
  return STATUS[s.state];
}
