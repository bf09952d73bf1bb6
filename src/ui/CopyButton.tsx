// The one Copy button of every view: copies text to the clipboard and says so — on the button
// ("Copied"), and to screen readers through the view's live region (or its own status text
// where the view has none). A refused clipboard (an http page's frame, a policy, no focus) is
// shown, never silent: the agent must not paste whatever was on the clipboard before.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { useAnnounce } from './session/announce';
import { useClock } from './session/clock';

export interface CopyButtonProps {
  text: string;
  /** Visible label, e.g. "Copy". */
  label?: string;
  /** Accessible name when the visible label alone is ambiguous, e.g. "Copy join code". */
  name?: string;
  /** Announced once the text is on the clipboard (default: "Copied to the clipboard."). */
  copiedMessage?: string;
  class?: string;
  /** Injected in tests; defaults to the async Clipboard API. */
  write?: (text: string) => Promise<void>;
}

type CopyState = 'idle' | 'copied' | 'failed';

// How long "Copied" stays before the button returns to its resting label (a UI affordance).
const RESET_MS = 2500;

export function CopyButton(props: CopyButtonProps) {
  const announce = useAnnounce();
  const clock = useClock();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const stop = clock.every(RESET_MS, () => {
      stop();
      setState('idle');
    });
    return stop;
  }, [state, clock]);

  const copy = async () => {
    const write = props.write ?? ((s: string) => navigator.clipboard.writeText(s));
    try {
      await write(props.text);
      setState('copied');
      announce?.(props.copiedMessage ?? t('ui_copied_status'));
    } catch {
      setState('failed');
      announce?.(t('ui_copy_failed'));
    }
  };

  const said =
    state === 'copied'
      ? (props.copiedMessage ?? t('ui_copied_status'))
      : state === 'failed'
        ? t('ui_copy_failed')
        : '';
  return (
    <span class="copy">
      <button
        type="button"
        class={props.class ?? 'btn btn-small'}
        // "Copied" is the whole name while it shows; otherwise the specific name.
        aria-label={state === 'copied' ? undefined : props.name}
        onClick={copy}
      >
        {state === 'copied' ? t('ui_copied') : (props.label ?? t('ui_copy'))}
      </button>
      <span
        role={announce ? undefined : 'status'}
        class={state === 'failed' ? 'field-error' : 'visually-hidden'}
      >
        {announce && state !== 'failed' ? '' : said}
      </span>
    </span>
  );
}
