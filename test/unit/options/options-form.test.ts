import { getEnvironments } from 'genesys-cloud-service-discovery-web';
import { describe, expect, it } from 'vitest';
import { formFromSettings, isDirty, validateForm } from '../../../src/options/form';
import { regionOptions } from '../../../src/options/regions';
import { t } from '../../../src/shared/i18n';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';

const ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const settings = (s: Partial<Settings> = {}): Settings => ({
  ...structuredClone(DEFAULT_SETTINGS),
  ...s,
});

describe('regionOptions', () => {
  it('offers every Genesys region once, labelled with region and domain', () => {
    const options = regionOptions();
    expect(options.map((o) => o.domain).sort()).toEqual(
      getEnvironments()
        .map((e) => e.publicDomainName)
        .sort(),
    );
    expect(options.find((o) => o.domain === 'mypurecloud.com.au')?.label).toBe(
      'ap-southeast-2 — mypurecloud.com.au',
    );
  });

  it('keeps a saved domain the list does not know, first', () => {
    expect(regionOptions('edee1.eusc-pure.cloud')[0]).toEqual({
      domain: 'edee1.eusc-pure.cloud',
      label: 'edee1.eusc-pure.cloud',
    });
    expect(regionOptions('mypurecloud.ie')).toHaveLength(getEnvironments().length);
  });
});

describe('connection form', () => {
  it('round-trips a custom environment and keeps the default region behind it', () => {
    const form = formFromSettings(
      settings({ environment: { kind: 'custom', baseUrl: 'https://gw.example.com' } }),
    );
    expect(form).toEqual({
      envKind: 'custom',
      domain: 'mypurecloud.com',
      baseUrl: 'https://gw.example.com',
      clientId: '',
    });
  });

  it('validates into a normalised patch of the unlocked fields only', () => {
    const form = {
      envKind: 'custom' as const,
      domain: 'mypurecloud.com',
      baseUrl: ' https://gw.example.com/ ',
      clientId: ` ${ID}`,
    };
    expect(validateForm(form, {})).toEqual({
      ok: true,
      patch: { environment: { kind: 'custom', baseUrl: 'https://gw.example.com' }, clientId: ID },
    });
    expect(validateForm(form, { clientId: true })).toEqual({
      ok: true,
      patch: { environment: { kind: 'custom', baseUrl: 'https://gw.example.com' } },
    });
    expect(validateForm({ ...form, clientId: '' }, { environment: true, clientId: true })).toEqual({
      ok: true,
      patch: {},
    });
  });

  it('names each invalid field', () => {
    const r = validateForm(
      { envKind: 'custom', domain: 'mypurecloud.com', baseUrl: '', clientId: '' },
      {},
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        environment: 'Enter the base URL, for example https://genesys-gateway.example.com.',
        clientId: 'Enter the OAuth client ID your Genesys Cloud admin created for this extension.',
      },
    });
    const bad = validateForm(
      { envKind: 'custom', domain: 'x', baseUrl: 'ftp://gw.example.com', clientId: 'a b' },
      {},
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.environment).toBe(t('settings_err_base_url'));
      expect(bad.errors.clientId).toBeTruthy();
    }
  });

  it('knows when the form differs from what is saved', () => {
    const saved = settings({ clientId: ID });
    const form = formFromSettings(saved);
    expect(isDirty(form, saved)).toBe(false);
    expect(isDirty({ ...form, clientId: ` ${ID} ` }, saved)).toBe(false);
    expect(isDirty({ ...form, domain: 'mypurecloud.ie' }, saved)).toBe(true);
    expect(isDirty({ ...form, envKind: 'custom' }, saved)).toBe(true);
    // The region kept behind a custom URL does not count.
    const custom = settings({ environment: { kind: 'custom', baseUrl: 'https://gw.example.com' } });
    expect(
      isDirty(
        {
          ...formFromSettings(custom),
          domain: 'mypurecloud.de',
          baseUrl: 'https://gw.example.com/',
        },
        custom,
      ),
    ).toBe(false);
  });
});
