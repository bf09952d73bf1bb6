// The region picker's options, from Genesys's own published list of deployments.
import { t } from '../shared/i18n';
import { REGIONS } from '../shared/regions';

export interface RegionOption {
  domain: string;
  label: string;
}

/**
 * One option per region ("us-east-1 — mypurecloud.com"), sorted by region. A domain the
 * settings hold that the list does not know (set by a policy) is kept, so the select never
 * shows a value other than the saved one.
 */
export function regionOptions(current?: string): RegionOption[] {
  const options = REGIONS.map((e) => ({
    domain: e.domain,
    region: e.region,
    label:
      e.env === 'fedramp'
        ? t('options_region_option_fedramp', [e.region, e.domain])
        : t('options_region_option', [e.region, e.domain]),
  }))
    .sort((a, b) => a.region.localeCompare(b.region))
    .map(({ domain, label }) => ({ domain, label }));
  if (current && !options.some((o) => o.domain === current)) {
    options.unshift({ domain: current, label: current });
  }
  return options;
}
