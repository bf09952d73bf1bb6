// Who the extension acts as: the signed-in user, their organisation and the environment.

import { t } from '../shared/i18n';
import type { AuthStatus } from '../shared/protocol';

export function AccountSummary({ status }: { status: AuthStatus }) {
  return (
    <section class="account" aria-labelledby="account-heading">
      <h2 id="account-heading" class="visually-hidden">
        {t('popup_accountHeading')}
      </h2>
      <dl class="details">
        <dt>{t('popup_signedInAs')}</dt>
        <dd class="name">{status.user?.name ?? t('popup_unknownUser')}</dd>
        <dt>{t('popup_organisation')}</dt>
        <dd>{status.org?.name ?? t('popup_unknownOrg')}</dd>
        <dt>{t('popup_environment')}</dt>
        <dd>
          <code>{status.environment}</code>
        </dd>
      </dl>
    </section>
  );
}
