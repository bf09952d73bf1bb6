// The history's Copy, Export CSV and Clear history buttons, and the confirmation Clear asks for.
import type { RefObject } from 'preact';
import { t } from '../shared/i18n';
import { CopyButton } from '../ui/CopyButton';

export interface HistoryActionsProps {
  copyText: string;
  count: number;
  confirming: boolean;
  cancelRef: RefObject<HTMLButtonElement | null>;
  onExport: () => void;
  onAskClear: () => void;
  onClear: () => void;
  onCancelClear: () => void;
}

export function HistoryActions({
  copyText,
  count,
  confirming,
  cancelRef,
  onExport,
  onAskClear,
  onClear,
  onCancelClear,
}: HistoryActionsProps) {
  return (
    <>
      <div class="row">
        <CopyButton text={copyText} label={t('ui_copy')} name={t('history_copy_name')} />
        <button type="button" class="btn btn-small" onClick={onExport}>
          {t('history_export_csv')}
        </button>
        <button type="button" class="btn btn-small" aria-expanded={confirming} onClick={onAskClear}>
          {t('history_clear')}
        </button>
      </div>
      {confirming && (
        // Esc (or Cancel) keeps the history; nothing is removed without the second click.
        <fieldset
          class="history-confirm stack"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onCancelClear();
            }
          }}
        >
          <legend>{t('history_clear_question', String(count))}</legend>
          <div class="row">
            <button type="button" class="btn btn-small btn-primary" onClick={onClear}>
              {t('history_clear_confirm')}
            </button>
            <button type="button" class="btn btn-small" ref={cancelRef} onClick={onCancelClear}>
              {t('ov_cancel')}
            </button>
          </div>
        </fieldset>
      )}
    </>
  );
}
