// What the join code's Copy button says about the background's auto-copy of that code.
import { t } from '../shared/i18n';
import type { SessionSnapshot } from '../shared/session';

/** The auto-copy of the code the session shows, worded for the Copy button; else undefined. */
export function autoCopyNote(
  s: SessionSnapshot,
): { ok: boolean; at: number; message: string } | undefined {
  const done = s.autoCopy;
  if (!done || done.joinCode !== s.joinCode) return undefined;
  const message = !done.ok
    ? t('ov_auto_copy_failed')
    : t(done.what === 'invitation' ? 'ov_auto_copied_invitation' : 'ov_auto_copied_code');
  return { ok: done.ok, at: done.at, message };
}
