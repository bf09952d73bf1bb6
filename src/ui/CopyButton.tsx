// A button that copies text to the clipboard and says so in a live region, so screen reader
// users hear the result. A refused clipboard (no focus, policy) is reported, never silent.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';

export interface CopyButtonProps {
  text: string;
  /** Visible label, e.g. "Copy". */
  label?: string;
  /** Accessible name when the visible label alone is ambiguous, e.g. "Copy redirect URI". */
  name?: string;
  class?: string;
  /** Injected in tests; defaults to the async Clipboard API. */
  write?: (text: string) => Promise<void>;
}

type CopyState = 'idle' | 'copied' | 'failed';

// How long "Copied" stays before the button returns to its resting label (a UI affordance).
const RESET_MS = 2500;

export function CopyButton(props: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    const write = props.write ?? ((s: string) => navigator.clipboard.writeText(s));
    try {
      await write(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), RESET_MS);
  };

  return (
    <span class="copy">
      <button
        type="button"
        class={props.class ?? 'btn btn-small'}
        aria-label={props.name}
        onClick={copy}
      >
        {state === 'copied' ? t('ui_copied') : (props.label ?? t('ui_copy'))}
      </button>
      <span role="status" class={state === 'failed' ? 'field-error' : 'visually-hidden'}>
        {state === 'copied' ? t('ui_copiedStatus') : state === 'failed' ? t('ui_copyFailed') : ''}
      </span>
    </span>
  );
}
