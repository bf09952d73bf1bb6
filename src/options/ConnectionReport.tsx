// The answer to "what does my setup let me do?": who signed in, the scopes the token carries,
// the cobrowse permissions present or missing, and for each gap what to ask the admin for.

import { t } from '../shared/i18n';
import type { ConnectionReport as Report, SetupGap } from '../shared/protocol';
import { LearnedReport } from './LearnedReport';

function Presence({ present, unknown }: { present: boolean; unknown?: boolean }) {
  if (unknown) return <span class="badge badge-warn">? {t('options_unknown')}</span>;
  return present ? (
    <span class="badge badge-ok">✓ {t('options_present')}</span>
  ) : (
    <span class="badge badge-bad">✗ {t('options_missing')}</span>
  );
}

const KIND_LABEL: Record<SetupGap['kind'], () => string> = {
  scope: () => t('options_gap_scope'),
  permission: () => t('options_gap_permission'),
  licence: () => t('options_gap_licence'),
};

export function ConnectionReport({ report }: { report: Report }) {
  const ready = report.gaps.length === 0;
  return (
    <section class="report stack" aria-labelledby="report-heading">
      <h3 id="report-heading">{t('options_report_heading')}</h3>
      <p class={ready ? 'badge badge-ok' : 'badge badge-bad'}>
        {ready ? t('options_report_ready') : t('options_report_gaps', String(report.gaps.length))}
      </p>
      <dl class="details">
        <dt>{t('popup_organisation')}</dt>
        <dd>{report.org.name}</dd>
        <dt>{t('options_report_user')}</dt>
        <dd>{report.permissionsUnknown ? t('options_unknown') : report.user.name}</dd>
        {report.client && (
          <>
            <dt>{t('options_report_client')}</dt>
            <dd>
              {report.client.name} <code>{report.client.id}</code>
            </dd>
          </>
        )}
      </dl>

      <h4 id="scopes-heading">{t('options_report_scopes')}</h4>
      {report.scopes.length ? (
        <ul aria-labelledby="scopes-heading" class="inline-list">
          {report.scopes.map((s) => (
            <li key={s}>
              <code>{s}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('options_report_no_scopes')}</p>
      )}

      <h4 id="cobrowse-heading">{t('options_report_cobrowse')}</h4>
      <ul aria-labelledby="cobrowse-heading" class="plain-list">
        <li>
          {t('options_report_cobrowse_message')}{' '}
          <Presence present={report.cobrowse.message} unknown={report.permissionsUnknown} />
        </li>
        <li>
          {t('options_report_cobrowse_call')}{' '}
          <Presence present={report.cobrowse.call} unknown={report.permissionsUnknown} />
        </li>
      </ul>
      {report.permissionsUnknown && <p>{t('options_report_permissions_unknown')}</p>}

      {report.learned && <LearnedReport learned={report.learned} />}

      {!ready && (
        <>
          <h4 id="gaps-heading">{t('options_report_gaps_heading')}</h4>
          <ul aria-labelledby="gaps-heading" class="gap-list">
            {report.gaps.map((gap) => (
              <li key={`${gap.kind}:${gap.name}`}>
                <p>
                  <strong>{KIND_LABEL[gap.kind]()}</strong> <code>{gap.name}</code>
                </p>
                <p>{gap.explanation}</p>
                <p class="fix">{gap.fix}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
