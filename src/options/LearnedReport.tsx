// Test connection's "learned from this org" part: what the extension saw this org's Genesys
// Cloud do where Genesys documents nothing (refresh tokens, which participant carries the
// cobrowse events, where the web deployment id is). Facts the background recorded; rendered only.

import { t } from '../shared/i18n';
import type { Carrier, DeploymentIdPlace, Learned } from '../shared/learned';
import { LEARNED_SUBTYPES } from '../shared/learned';

const CARRIER: Record<Carrier, () => string> = {
  agent: () => t('options_learned_carrier_agent'),
  customer: () => t('options_learned_carrier_customer'),
  other: () => t('options_learned_carrier_other'),
};

const PLACE: Record<DeploymentIdPlace, () => string> = {
  selfUri: () => t('options_learned_place_selfuri'),
  messageChannel: () => t('options_learned_place_channel'),
  none: () => t('options_learned_place_none'),
};

const RENEWAL = {
  refresh: () => t('options_learned_renewal_refresh'),
  'silent-sign-in': () => t('options_learned_renewal_silent'),
  'refused-then-silent': () => t('options_learned_renewal_refused'),
} as const;

function RefreshToken({ fact }: { fact: Learned['refreshToken'] }) {
  if (!fact) return <dd>{t('options_learned_unseen')}</dd>;
  return (
    <dd>
      {fact.signIn ? t('options_learned_refresh_yes') : t('options_learned_refresh_no')}
      {fact.renewal && ` ${RENEWAL[fact.renewal]()}`}
    </dd>
  );
}

function Carriers({ carriers }: { carriers: Learned['carriers'] }) {
  const seen = LEARNED_SUBTYPES.filter((s) => carriers?.[s]?.length);
  if (seen.length === 0) return <dd>{t('options_learned_unseen')}</dd>;
  return (
    <dd>
      <ul aria-label={t('options_learned_events')} class="plain-list">
        {seen.map((subType) => (
          <li key={subType}>
            <code>{subType}</code>:{' '}
            {(carriers?.[subType] ?? []).map((c) => CARRIER[c]()).join(', ')}
          </li>
        ))}
      </ul>
    </dd>
  );
}

function Deployment({ places }: { places: Learned['deploymentId'] }) {
  const rows = (['message', 'call'] as const).flatMap((media) => {
    const place = places?.[media];
    if (!place) return [];
    const label = media === 'message' ? t('ov_media_message') : t('ov_media_call');
    return [{ media, text: `${label}: ${PLACE[place]()}` }];
  });
  if (rows.length === 0) return <dd>{t('options_learned_unseen')}</dd>;
  return (
    <dd>
      <ul aria-label={t('options_learned_deployment')} class="plain-list">
        {rows.map((r) => (
          <li key={r.media}>{r.text}</li>
        ))}
      </ul>
    </dd>
  );
}

export function LearnedReport({ learned }: { learned: Omit<Learned, 'boundTo'> }) {
  return (
    <section aria-labelledby="learned-heading" class="stack">
      <h4 id="learned-heading">{t('options_learned_heading')}</h4>
      <p>{t('options_learned_hint')}</p>
      <dl class="details">
        <dt>{t('options_learned_refresh')}</dt>
        <RefreshToken fact={learned.refreshToken} />
        <dt>{t('options_learned_events')}</dt>
        <Carriers carriers={learned.carriers} />
        <dt>{t('options_learned_deployment')}</dt>
        <Deployment places={learned.deploymentId} />
      </dl>
    </section>
  );
}
