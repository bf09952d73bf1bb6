// The one Copy button of every view. It writes the clipboard from the view's own extension
// document (shared/clipboard.ts: that works in the panel frame on a plain-http page too) and
// never lies about the outcome: "Copied" on the button when the text is there; when it is not,
// the button itself says "Not copied — select and copy" (its name changes with it) and the
// text is selected for Ctrl+C, so the agent never pastes whatever the clipboard held before.
// The background's auto-copy of a join code is shown the same way (`auto`).
import { useEffect, useRef, useState } from 'preact/hooks';
import { writeClipboard } from '../shared/clipboard';
import { t } from '../shared/i18n';
import { selectShown } from './copy-select';
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
  /** A copy the background already made of this text (the auto-copy), shown as if clicked. */
  auto?: { ok: boolean; at: number; message: string };
  /** Injected in tests; defaults to writeClipboard in this document. False or a throw: refused. */
  write?: (text: string) => Promise<boolean>;
}

type CopyState = 'idle' | 'copied' | 'failed';

// How long "Copied" stays before the button returns to its resting label (a UI affordance).
// "Not copied" stays until the agent copies again: it must not be missed.
const RESET_MS = 2500;

export function CopyButton(props: CopyButtonProps) {
  const announce = useAnnounce();
  const clock = useClock();
  const [state, setState] = useState<CopyState>('idle');
  const [said, setSaid] = useState('');
  /** The text shown for a manual copy when the view does not show it already. */
  const [manual, setManual] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  const manualField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state !== 'copied') return;
    const stop = clock.every(RESET_MS, () => {
      stop();
      setState('idle');
      setSaid('');
    });
    return stop;
  }, [state, clock]);

  // Another text (a new join code): the last outcome was about the old one.
  const shownText = useRef(props.text);
  if (shownText.current !== props.text) {
    shownText.current = props.text;
    if (state !== 'idle') setState('idle');
    if (said) setSaid('');
    if (manual) setManual(false);
  }

  useEffect(() => {
    if (manual) manualField.current?.select();
  }, [manual]);

  const outcome = (ok: boolean, message: string) => {
    setState(ok ? 'copied' : 'failed');
    setSaid(message);
    announce?.(message);
    if (ok) setManual(false);
    else if (!selectShown(wrapper.current, props.text)) setManual(true);
  };

  const auto = props.auto;
  useEffect(() => {
    if (!auto) return;
    // A success long past is not news; a failure is shown whenever it is seen.
    if (!auto.ok) outcome(false, auto.message);
    else if (clock.now() - auto.at < RESET_MS) outcome(true, auto.message);
  }, [auto?.at, auto?.ok]);

  const copy = async () => {
    let ok = false;
    try {
      ok = await (props.write ?? ((s) => writeClipboard(document, s)))(props.text);
    } catch {
      ok = false;
    }
    outcome(ok, ok ? (props.copiedMessage ?? t('ui_copied_status')) : t('ui_copy_failed'));
  };

  const label =
    state === 'copied'
      ? t('ui_copied')
      : state === 'failed'
        ? t('ui_not_copied')
        : (props.label ?? t('ui_copy'));
  return (
    <span class="copy" ref={wrapper}>
      <button
        type="button"
        class={props.class ?? 'btn btn-small'}
        // "Copied" and "Not copied — select and copy" are the whole name while they show.
        aria-label={state === 'idle' ? props.name : undefined}
        onClick={copy}
      >
        {label}
      </button>
      {manual && (
        <textarea
          ref={manualField}
          class="copy-manual"
          readOnly
          rows={3}
          aria-label={t('ui_copy_manual_name')}
          value={props.text}
        />
      )}
      <span role={announce ? undefined : 'status'} class="visually-hidden">
        {announce ? '' : said}
      </span>
    </span>
  );
}
