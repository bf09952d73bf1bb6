import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { useAnnounce } from './announce';
import { useClock } from './clock';

interface Props {
  text: string;
  /** Accessible name, which contains the visible "Copy" (WCAG 2.5.3 label in name). */
  label: string;
  /** Announced once the text is on the clipboard. */
  copiedMessage: string;
  visibleLabel?: string;
}

const FEEDBACK_MS = 2000;

export function CopyButton({ text, label, copiedMessage, visibleLabel = t('ov_copy') }: Props) {
  const announce = useAnnounce();
  const clock = useClock();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const stop = clock.every(FEEDBACK_MS, () => {
      stop();
      setCopied(false);
    });
    return stop;
  }, [copied, clock]);

  async function copy() {
    try {
      // Pages without a secure context or with a clipboard policy refuse; say so rather than
      // pretend. The text itself is selectable (user-select: all) as the fallback.
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce(copiedMessage);
    } catch {
      announce(t('ov_copy_failed'));
    }
  }

  return (
    <button type="button" class="btn" aria-label={copied ? t('ov_copied') : label} onClick={copy}>
      {copied ? t('ov_copied') : visibleLabel}
    </button>
  );
}
