import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  endpoints,
  environmentFromString,
  hostPermissionPatterns,
  mergeSettings,
  migrate,
  SETTINGS_VERSION,
  validateField,
  validatePatch,
} from '../../../src/shared/settings';
import { createSettingsStore, SettingsError } from '../../../src/shared/settings-store';

describe('mergeSettings: defaults < sync < managed', () => {
  it('uses the defaults when nothing is stored', () => {
    const merged = mergeSettings({}, {});
    expect(merged.settings).toEqual(DEFAULT_SETTINGS);
    expect(merged.locked).toEqual({});
    expect(merged.problems).toEqual([]);
  });

  it('lets the agent override defaults and the policy override the agent, locking its keys', () => {
    const merged = mergeSettings(
      { settingsVersion: 1, clientId: 'agent-client', whenCustomerOffline: 'send-anyway' },
      { clientId: 'policy-client', environment: 'mypurecloud.ie' },
    );
    expect(merged.settings.clientId).toBe('policy-client');
    expect(merged.settings.whenCustomerOffline).toBe('send-anyway');
    expect(merged.settings.environment).toEqual({ kind: 'region', domain: 'mypurecloud.ie' });
    expect(merged.locked).toEqual({ clientId: true, environment: true });
  });

  it('reports an invalid stored value, keeps the lower layer, and does not lock an invalid policy', () => {
    const merged = mergeSettings(
      { settingsVersion: 1, whenCustomerOffline: 'never', clientId: 'ok-client' },
      { clientId: 'has spaces in it' },
    );
    expect(merged.settings.whenCustomerOffline).toBe('ask');
    expect(merged.settings.clientId).toBe('ok-client');
    expect(merged.locked).toEqual({});
    expect(merged.problems).toEqual([
      expect.objectContaining({ key: 'whenCustomerOffline', source: 'sync', value: 'never' }),
      expect.objectContaining({ key: 'clientId', source: 'managed', value: 'has spaces in it' }),
    ]);
    expect(merged.problems[1]?.message).toMatch(/OAuth client ID/);
  });

  it('explains a region that does not exist', () => {
    const merged = mergeSettings(
      { settingsVersion: 1, environment: { kind: 'region', domain: 'mypurecloud.xx' } },
      {},
    );
    expect(merged.settings.environment).toEqual(DEFAULT_SETTINGS.environment);
    expect(merged.problems[0]?.message).toContain('“mypurecloud.xx” is not a Genesys Cloud region');
  });
});

describe('migrations', () => {
  it('moves an unversioned record (environment as one string) to the current version', () => {
    expect(migrate({ environment: 'https://gw.example.com/', clientId: 'c' })).toEqual({
      environment: { kind: 'custom', baseUrl: 'https://gw.example.com/' },
      clientId: 'c',
      settingsVersion: SETTINGS_VERSION,
    });
    const merged = mergeSettings({ environment: 'MyPureCloud.de' }, {});
    expect(merged.settings.environment).toEqual({ kind: 'region', domain: 'mypurecloud.de' });
  });

  it('leaves a current record alone', () => {
    const record = {
      settingsVersion: 1,
      environment: { kind: 'region', domain: 'mypurecloud.jp' },
    };
    expect(migrate(record)).toEqual(record);
  });
});

describe('field validation', () => {
  it('accepts https base URLs and http only on loopback, and trims the trailing slash', () => {
    expect(
      validateField('environment', { kind: 'custom', baseUrl: 'http://127.0.0.1:8123/' }),
    ).toEqual({
      ok: true,
      value: { kind: 'custom', baseUrl: 'http://127.0.0.1:8123' },
    });
    expect(
      validateField('environment', { kind: 'custom', baseUrl: 'http://gw.example.com' }).ok,
    ).toBe(false);
    expect(
      validateField('environment', { kind: 'custom', baseUrl: 'https://u:p@gw.example.com' }).ok,
    ).toBe(false);
    expect(validateField('environment', { kind: 'custom', baseUrl: 'not a url' }).ok).toBe(false);
  });

  it('requires a capture group in regex rules', () => {
    const bad = validateField('detectionRules', [{ kind: 'regex', value: 'conv-[0-9a-f]+' }]);
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('capture group') });
    expect(
      validateField('detectionRules', [{ kind: 'regex', value: 'conv-([0-9a-f-]+)' }]).ok,
    ).toBe(true);
    expect(validateField('detectionRules', [{ kind: 'regex', value: '([' }]).ok).toBe(false);
    expect(
      validateField('detectionRules', [{ kind: 'selector', value: '[data-conversation-id]' }]).ok,
    ).toBe(true);
  });

  it('names the sub-field that is wrong', () => {
    const result = validateField('gateway', { baseUrl: '', capabilities: ['screen', 'teleport'] });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^capabilities\.1: /) });
  });
});

describe('validatePatch', () => {
  it('refuses locked, unknown and invalid keys, each with its reason', () => {
    const result = validatePatch(
      { clientId: 'new', colour: 'blue', profile: 'other' },
      { clientId: true },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key)).toEqual(['clientId', 'colour', 'profile']);
    expect(result.problems[0]?.message).toContain('set by your organisation’s policy');
    expect(result.problems[1]?.message).toContain('not a setting');
  });

  it('returns normalised values when all is well', () => {
    expect(validatePatch({ clientId: '  abc-123 ' }, {})).toEqual({
      ok: true,
      values: { clientId: 'abc-123' },
    });
  });
});

describe('environment helpers', () => {
  it('reads one string as a region or a base URL', () => {
    expect(environmentFromString(' mypurecloud.com.au ')).toEqual({
      kind: 'region',
      domain: 'mypurecloud.com.au',
    });
    expect(environmentFromString('http://localhost:9000')).toEqual({
      kind: 'custom',
      baseUrl: 'http://localhost:9000',
    });
  });

  it('gives one origin for login and api in a custom environment', () => {
    expect(endpoints({ kind: 'custom', baseUrl: 'https://gw.example.com/' })).toEqual({
      login: 'https://gw.example.com',
      api: 'https://gw.example.com',
      apps: 'https://gw.example.com',
    });
    expect(
      hostPermissionPatterns({ kind: 'custom', baseUrl: 'https://gw.example.com:8443/g' }),
    ).toEqual(['https://gw.example.com/*', 'wss://gw.example.com/*']);
    expect(hostPermissionPatterns(DEFAULT_SETTINGS.environment)).toEqual([]);
  });
});

describe('settings store (storage.sync + storage.managed)', () => {
  it('saves the agent’s edit to storage.sync with the version and reads it back merged', async () => {
    await fakeBrowser.storage.managed.set({ environment: 'mypurecloud.ie' });
    const store = createSettingsStore();
    const view = await store.save({ clientId: 'abc', whenCustomerOffline: 'send-when-back' });
    expect(view.settings.clientId).toBe('abc');
    expect(view.locked).toEqual({ environment: true });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      clientId: 'abc',
      whenCustomerOffline: 'send-when-back',
      settingsVersion: 1,
    });
  });

  it('refuses a locked key and writes nothing', async () => {
    await fakeBrowser.storage.managed.set({ clientId: 'policy' });
    const store = createSettingsStore();
    const failure = await store.save({ clientId: 'mine', profile: 'gateway' }).catch((e) => e);
    expect(failure).toBeInstanceOf(SettingsError);
    expect((failure as SettingsError).problems.map((p) => p.key)).toEqual(['clientId']);
    expect((failure as SettingsError).toSessionError()).toMatchObject({ code: 'settings.locked' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('keeps an invalid stored value (reported) when saving other keys, and migrates the record', async () => {
    await fakeBrowser.storage.sync.set({
      environment: 'mypurecloud.de',
      whenCustomerOffline: 'never',
    });
    const store = createSettingsStore();
    const before = await store.load();
    expect(before.problems).toEqual([
      expect.objectContaining({ key: 'whenCustomerOffline', value: 'never' }),
    ]);
    await store.save({ clientId: 'abc' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      environment: { kind: 'region', domain: 'mypurecloud.de' },
      whenCustomerOffline: 'never',
      clientId: 'abc',
      settingsVersion: 1,
    });
  });

  it('treats a browser without managed storage as an empty policy', async () => {
    const store = createSettingsStore({
      sync: fakeBrowser.storage.sync,
      managed: { get: () => Promise.reject(new Error('Managed storage manifest not found')) },
    });
    expect((await store.load()).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('managed_schema.json', () => {
  it('declares every settings key, in the shape the policy reader accepts', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(
      readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8'),
    ) as { type: string; properties: Record<string, { type: string }> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    // A policy writes the environment as one string (see normaliseManaged in settings.ts).
    expect(schema.properties.environment?.type).toBe('string');
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      if (key === 'environment') continue;
      const expected = Array.isArray(value) ? 'array' : typeof value;
      expect(schema.properties[key]?.type, key).toBe(expected);
    }
  });
});

describe('the alert settings', () => {
  it('default to: notify only off the session’s tab, silent, the panel returns, the badge on', () => {
    expect(mergeSettings({}, {}).settings).toMatchObject({
      notifications: 'elsewhere',
      notificationSound: false,
      panelReturns: true,
      badge: true,
    });
  });

  it('take only their own values; anything else is reported and the default stays', () => {
    expect(validateField('notifications', 'always')).toEqual({ ok: true, value: 'always' });
    expect(validateField('notifications', 'sometimes')).toMatchObject({ ok: false });
    expect(validateField('badge', false)).toEqual({ ok: true, value: false });
    const merged = mergeSettings({ notificationSound: 'loud', panelReturns: false }, {});
    expect(merged.settings.notificationSound).toBe(false);
    expect(merged.settings.panelReturns).toBe(false);
    expect(merged.problems).toEqual([
      expect.objectContaining({
        key: 'notificationSound',
        source: 'sync',
        message: 'Use true or false.',
      }),
    ]);
  });
});
