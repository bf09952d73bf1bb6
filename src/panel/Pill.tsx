// The minimised panel: one button that restores it, saying the state in a word (with a colour
// and a shape mark per state, so Offered, Active and over are told apart without colour), the
// countdown while the offer is out, and the code while it still works.
import type { Ref } from 'preact';
import { t } from '../shared/i18n';
import type { SessionSnapshot } from '../shared/session';
import { useClock, useNow } from '../ui/session/clock';
import { useExpiryNotice } from '../ui/session/expiry-notice';
import { CodeGroups } from '../ui/session/JoinCode';
import { codeLook, countdownPhase, pillTone } from '../ui/session/layout';
import { formatRemaining, isCounting, STATE_WORD } from '../ui/session/status';

export interface PillProps {
  /** The session, if the panel shows one. */
  snapshot?: SessionSnapshot;
  /** What the pill says without a session (a prompt's title). */
  text: string;
  buttonRef: Ref<HTMLButtonElement>;
  onRestore: () => void;
}

export function Pill({ snapshot: s, text, buttonRef, onRestore }: PillProps) {
  const clock = useClock();
  const now = useNow(s ? isCounting(s, clock.now()) : false);
  const tone = s ? pillTone(s, now) : 'pending';
  const phase = s ? countdownPhase(s, now) : 'none';
  const look = s ? codeLook(s, now) : 'none';
  useExpiryNotice(phase, s?.state === 'offered');
  return (
    <button
      ref={buttonRef}
      type="button"
      class={`pill-button tone-${tone}`}
      data-tone={tone}
      onClick={onRestore}
    >
      <span class="pill-mark" aria-hidden="true" />
      {s ? t(STATE_WORD[s.state]) : text}
      {s?.offerEndsAt !== undefined && (phase === 'running' || phase === 'warning') && (
        <>
          {SEP}
          <span class="pill-part">{t('ov_expires_in', formatRemaining(s.offerEndsAt - now))}</span>
        </>
      )}
      {s?.joinCode && (look === 'big' || look === 'small') && (
        <>
          {SEP}
          <span class="pill-part">
            <CodeGroups code={s.joinCode} />
          </span>
        </>
      )}
      <span class="visually-hidden"> {t('ov_restore')}</span>
    </button>
  );
}

/** Between the pill's parts; text, so the button's name has its spaces. */
const SEP = ' · ';
