// Who the extension acts as: the signed-in user, their organisation and the environment.

import { t } from '../shared/i18n';
import type { AuthStatus } from '../shared/protocol';

export function AccountSummary({ status }: { status: AuthStatus }) {
  return (
    <section class="account" aria-labelledby="account-heading">
      <h2 id="account-heading" class="visually-hidden">
        {t('popup_account_heading')}
      </h2>
      <dl class="details">
        <dt>{t('popup_signed_in_as')}</dt>
        <dd class="name">{status.user?.name ?? t('popup_unknown_user')}</dd>
        <dt>{t('popup_organisation')}</dt>
        <dd>{status.org?.name ?? t('popup_unknown_org')}</dd>
        <dt>{t('popup_environment')}</dt>
        <dd>
          <code>{status.environment}</code>
        </dd>
      </dl>
    </section>
  );
}
