// The join code: grouped for reading aloud ("605 368") and spoken digit by digit to screen
// readers; big for voice, small for messaging, dimmed and marked once it no longer works (so an
// agent does not read a dead code to a caller) and then not offered for copying.
import { t } from '../../shared/i18n';
import { CopyButton } from '../CopyButton';
import { type CodeLook, codeGroups, spokenCode } from './layout';

export interface JoinCodeProps {
  code: string;
  look: Exclude<CodeLook, 'none'>;
  /** The word beside a dead code (an i18n key): "Expired" or "No longer valid". */
  deadKey: string;
  /** The background's auto-copy of this code, shown on its Copy button. */
  auto?: { ok: boolean; at: number; message: string };
}

export function JoinCode({ code, look, deadKey, auto }: JoinCodeProps) {
  const dead = look === 'dead';
  return (
    <div class={`field join-code code-${look}`}>
      <div class="label-row">
        <span class="label">{t('ov_join_code')}</span>
        {/* Before the digits, so a screen reader says it first. */}
        {dead && <span class="dead-tag">{t(deadKey)}</span>}
      </div>
      <div class="row">
        <CodeGroups code={code} />
        {!dead && (
          <CopyButton
            text={code}
            class="btn"
            name={t('ov_copy_code')}
            copiedMessage={t('ov_copied_code')}
            auto={auto}
          />
        )}
      </div>
    </div>
  );
}

/**
 * The digits in groups (the gap is drawn by CSS, so a selection copies the bare code), with the
 * spoken form for screen readers in place of the drawn one.
 */
export function CodeGroups({ code }: { code: string }) {
  return (
    <>
      <span class="code" aria-hidden="true">
        {codeGroups(code).map((group, i) => (
          // The groups of one code never reorder: the index is a stable key.
          <span key={i} class="group">
            {group}
          </span>
        ))}
      </span>
      <span class="visually-hidden">{spokenCode(code)}</span>
    </>
  );
}
