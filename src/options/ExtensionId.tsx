// The extension's id, which every Chrome policy for it names: force-installing and pinning it
// (ExtensionInstallForcelist, ExtensionSettings) and its managed settings (3rdparty.extensions).
// A store install and an unpacked one have different ids, so the admin copies the one in use.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { CopyButton } from '../ui/CopyButton';

export function ExtensionId({ id = browser.runtime.id }: { id?: string }) {
  return (
    <section class="card stack" aria-labelledby="extension-id-heading">
      <h2 id="extension-id-heading">{t('options_admin_heading')}</h2>
      <div class="field">
        <label for="extension-id">{t('options_extension_id')}</label>
        <div class="row nowrap">
          <input
            id="extension-id"
            type="text"
            readOnly
            value={id}
            aria-describedby="extension-id-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={id} name={t('options_copy_extension_id')} />
        </div>
        <span id="extension-id-hint" class="hint">
          {t('options_extension_id_hint')}
        </span>
      </div>
    </section>
  );
}
