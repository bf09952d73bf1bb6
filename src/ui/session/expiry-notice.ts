// The countdown's two moments worth hearing, said once through the view's live region: the code
// is about to expire, and it has expired. The panel's session view and its minimised pill both
// use it (only one of them is shown at a time).
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { useAnnounce } from './announce';
import { type CountdownPhase, WARN_SECONDS } from './layout';

/**
 * Says once, through the view's live region, that the code is about to expire and that it has
 * expired, when that happens while the agent watches (not for a session opened already late).
 * The expiry is said only while the offer is still out: a pushed "expired" state is announced
 * as the status line itself.
 */
export function useExpiryNotice(phase: CountdownPhase, offered: boolean) {
  const announce = useAnnounce();
  const last = useRef(phase);
  useEffect(() => {
    const before = last.current;
    last.current = phase;
    if (phase === before || !announce) return;
    if (phase === 'warning' && before === 'running') {
      announce(t('ov_code_expires_soon', String(WARN_SECONDS)));
    } else if (phase === 'over' && before !== 'none' && offered) {
      announce(t('ov_code_expired_now'));
    }
  }, [phase, offered, announce]);
}
