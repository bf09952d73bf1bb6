// Admin policy: the managed schema Chrome validates policies against, the README's example
// policy (valid for that schema and for the extension), and policy values locking options in
// the settings store.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTO_COPY_CHOICES } from '../../../src/options/copy-form';
import { CAPABILITIES, OFFLINE_CHOICES } from '../../../src/options/start-form';
import {
  DEFAULT_SETTINGS,
  NOTIFY_WHEN,
  SETTINGS_KEYS,
  type Settings,
} from '../../../src/shared/settings';
import {
  createSettingsStore,
  type SettingsArea,
  SettingsError,
} from '../../../src/shared/settings-store';

interface Schema {
  type?: string;
  $ref?: string;
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  enum?: unknown[];
}

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const schema = JSON.parse(read('../../../public/managed_schema.json')) as Schema;

/** The JSON examples under the README's "Admin policy and rollout" heading, in order. */
function readmeExamples(): Record<string, unknown>[] {
  const readme = read('../../../README.md');
  const start = readme.indexOf('## Admin policy and rollout (Chrome / Edge)');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);
  if (blocks.length === 0) throw new Error('no JSON example in the Admin policy section');
  return blocks.map((b) => JSON.parse(b) as Record<string, unknown>);
}

/** The extension's own settings in the README's policy examples (the `3rdparty` ones). */
function readmePolicies(): Record<string, unknown>[] {
  return readmeExamples()
    .filter((e) => '3rdparty' in e)
    .map((e) => {
      const policy = e as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
      const [inner] = Object.values(policy['3rdparty'].extensions);
      if (!inner) throw new Error('no extension entry in the example');
      return inner;
    });
}

/** The complete example: the last one. */
const readmePolicy = (): Record<string, unknown> => readmePolicies().at(-1) ?? {};

// The keywords Chrome's policy schema supports (components/policy/core/common/schema.cc).
const CHROME_KEYWORDS = new Set([
  'type',
  '$ref',
  'id',
  'title',
  'description',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'items',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'sensitiveValue',
]);

function walk(s: Schema, path: string, visit: (s: Schema, path: string) => void): void {
  visit(s, path);
  for (const [k, sub] of Object.entries(s.properties ?? {})) walk(sub, `${path}.${k}`, visit);
  if (s.items) walk(s.items, `${path}[]`, visit);
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`, visit);
}

/** What Chrome checks before publishing a policy value to storage.managed. */
function conforms(value: unknown, s: Schema): boolean {
  if (s.enum && !s.enum.includes(value)) return false;
  switch (s.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return (
        Array.isArray(value) && (!s.items || value.every((v) => conforms(v, s.items as Schema)))
      );
    case 'object':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(([k, v]) => {
          const sub = s.properties?.[k];
          return sub ? conforms(v, sub) : s.additionalProperties !== false;
        })
      );
    default:
      return false;
  }
}

function storeWith(managed: Record<string, unknown>, sync: Record<string, unknown> = {}) {
  let stored = { ...sync };
  const syncArea: SettingsArea = {
    get: async () => ({ ...stored }),
    set: async (items) => {
      stored = { ...stored, ...items };
    },
  };
  const store = createSettingsStore({
    sync: syncArea,
    managed: { get: async () => structuredClone(managed) },
  });
  return { store, stored: () => stored };
}

describe('managed_schema.json, as Chrome reads it', () => {
  it('is an object of policies, one per settings key, with no additionalProperties at the top', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...SETTINGS_KEYS].sort());
  });

  it('gives every (sub)schema exactly one of type or $ref, and only keywords Chrome supports', () => {
    walk(schema, '$', (s, path) => {
      expect(Number('type' in s) + Number('$ref' in s), path).toBe(1);
      for (const keyword of Object.keys(s))
        expect(CHROME_KEYWORDS.has(keyword), `${path}: ${keyword}`).toBe(true);
    });
  });

  it('documents each policy for the admin', () => {
    for (const [key, s] of Object.entries(schema.properties ?? {})) {
      expect(s.title, key).toBeTruthy();
      expect(s.description, key).toBeTruthy();
    }
  });

  it('enumerates exactly the values the extension accepts', () => {
    const p = schema.properties ?? {};
    expect(p.profile?.enum).toEqual(['genesys', 'gateway']);
    expect(p.whenCustomerOffline?.enum).toEqual([...OFFLINE_CHOICES]);
    expect(p.gateway?.properties?.capabilities?.items?.enum).toEqual([...CAPABILITIES]);
    expect(p.detectionRules?.items?.properties?.kind?.enum).toEqual(['regex', 'selector']);
    expect(p.notifications?.enum).toEqual([...NOTIFY_WHEN]);
    for (const key of ['notificationSound', 'panelReturns', 'badge'])
      expect(p[key]?.type, key).toBe('boolean');
    expect(p.autoCopy?.enum).toEqual([...AUTO_COPY_CHOICES]);
  });
});

describe('the README’s rollout examples', () => {
  it('starts with a minimal policy: the environment and the client id, applied and locked', async () => {
    const [minimal] = readmePolicies();
    expect(Object.keys(minimal ?? {}).sort()).toEqual(['clientId', 'environment']);
    expect(conforms(minimal, schema)).toBe(true);
    const { store } = storeWith(minimal ?? {});
    const view = await store.load();
    expect(view.problems).toEqual([]);
    expect(view.locked).toEqual({ environment: true, clientId: true });
  });

  it('force-installs and force-pins the same extension id', () => {
    const rollout = readmeExamples().find((e) => 'ExtensionSettings' in e) as {
      ExtensionInstallForcelist: string[];
      ExtensionSettings: Record<string, Record<string, string>>;
    };
    const [id, settings] = Object.entries(rollout.ExtensionSettings)[0] ?? [];
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(settings).toMatchObject({
      installation_mode: 'force_installed',
      toolbar_pin: 'force_pinned',
      update_url: 'https://clients2.google.com/service/update2/crx',
    });
    expect(rollout.ExtensionInstallForcelist).toEqual([
      `${id};https://clients2.google.com/service/update2/crx`,
    ]);
  });
});

describe('the README’s example policy', () => {
  it('conforms to the schema (so Chrome publishes it) and sets every option', () => {
    const policy = readmePolicy();
    expect(conforms(policy, schema)).toBe(true);
    expect(Object.keys(policy).sort()).toEqual([...SETTINGS_KEYS].sort());
  });

  it('is applied whole by the extension and locks every option', async () => {
    const { store } = storeWith(readmePolicy());
    const view = await store.load();
    expect(view.problems).toEqual([]);
    expect(view.locked).toEqual(Object.fromEntries(SETTINGS_KEYS.map((k) => [k, true])));
    expect(view.settings).toEqual({
      environment: { kind: 'region', domain: 'mypurecloud.ie' },
      clientId: '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      profile: 'gateway',
      gateway: {
        baseUrl: 'https://cobrowse-gateway.example.com',
        capabilities: ['screen', 'mouse'],
      },
      detectionRules: [
        { kind: 'regex', value: 'ticket/conv-([0-9a-f-]{36})' },
        { kind: 'selector', value: '[data-genesys-conversation]' },
      ],
      whenCustomerOffline: 'send-when-back',
      autoCopy: 'invitation',
      invitationTemplate:
        'Please open the chat on example.com and enter {code} (valid for {minutes} minutes).',
      notifications: 'always',
      notificationSound: true,
      panelReturns: true,
      badge: true,
    } satisfies Settings);
  });
});

describe('policy values lock options in the settings store', () => {
  const agent = {
    environment: { kind: 'region', domain: 'mypurecloud.de' },
    clientId: 'agent-client',
    profile: 'genesys',
    whenCustomerOffline: 'ask',
    settingsVersion: 1,
  };

  it('the policy wins over the agent’s stored value, and only policy keys are locked', async () => {
    const { store } = storeWith(
      { environment: 'https://genesys-proxy.example.com/', whenCustomerOffline: 'send-anyway' },
      agent,
    );
    const view = await store.load();
    expect(view.settings.environment).toEqual({
      kind: 'custom',
      baseUrl: 'https://genesys-proxy.example.com',
    });
    expect(view.settings.whenCustomerOffline).toBe('send-anyway');
    expect(view.settings.clientId).toBe('agent-client');
    expect(view.locked).toEqual({ environment: true, whenCustomerOffline: true });
  });

  it('refuses an agent’s save of each locked key and writes nothing', async () => {
    const policy = {
      profile: 'gateway',
      gateway: { baseUrl: 'https://cobrowse-gateway.example.com' },
      detectionRules: [{ kind: 'selector', value: '#cid' }],
      whenCustomerOffline: 'ask',
    };
    const edits: Partial<Settings>[] = [
      { profile: 'genesys' },
      { gateway: { baseUrl: 'https://elsewhere.example.com', capabilities: ['screen'] } },
      { detectionRules: [] },
      { whenCustomerOffline: 'send-anyway' },
    ];
    for (const edit of edits) {
      const { store, stored } = storeWith(policy, agent);
      const failure = await store.save(edit).catch((e: unknown) => e);
      expect(failure, JSON.stringify(edit)).toBeInstanceOf(SettingsError);
      expect((failure as SettingsError).toSessionError()).toMatchObject({
        code: 'settings.locked',
      });
      expect(stored()).toEqual(agent);
    }
  });

  it('saves the unlocked rest next to the policy', async () => {
    const { store, stored } = storeWith({ profile: 'gateway' }, agent);
    const view = await store.save({ clientId: 'new-client', whenCustomerOffline: 'send-anyway' });
    expect(stored()).toMatchObject({ clientId: 'new-client', whenCustomerOffline: 'send-anyway' });
    expect(view.settings).toMatchObject({ profile: 'gateway', clientId: 'new-client' });
    expect(view.locked).toEqual({ profile: true });
  });

  it('a gateway policy with only a base URL gets the default capabilities, locked', async () => {
    const { store } = storeWith({ gateway: { baseUrl: 'https://cobrowse-gateway.example.com' } });
    const view = await store.load();
    expect(view.settings.gateway).toEqual({
      baseUrl: 'https://cobrowse-gateway.example.com',
      capabilities: DEFAULT_SETTINGS.gateway.capabilities,
    });
    expect(view.locked).toEqual({ gateway: true });
  });

  it('an unusable policy value is reported, not applied, and does not lock its option', async () => {
    const { store } = storeWith(
      {
        environment: 'mypurecloud.example',
        gateway: { baseUrl: 'http://gateway.example.com', capabilities: ['screen'] },
        detectionRules: [{ kind: 'regex', value: 'no capture group' }],
        whenCustomerOffline: 'send-anyway',
      },
      agent,
    );
    const view = await store.load();
    expect(view.problems.map((p) => [p.key, p.source])).toEqual([
      ['environment', 'managed'],
      ['gateway', 'managed'],
      ['detectionRules', 'managed'],
    ]);
    expect(view.locked).toEqual({ whenCustomerOffline: true });
    expect(view.settings.environment).toEqual(agent.environment);
    expect(view.settings.gateway).toEqual(DEFAULT_SETTINGS.gateway);
  });

  it('a policy with no capability at all is refused (the gateway would refuse every start)', async () => {
    const { store } = storeWith({
      gateway: { baseUrl: 'https://cobrowse-gateway.example.com', capabilities: [] },
    });
    const view = await store.load();
    expect(view.problems).toEqual([
      expect.objectContaining({
        key: 'gateway',
        source: 'managed',
        message: 'capabilities: Choose at least one capability: screen, mouse or keyboard.',
      }),
    ]);
    expect(view.locked).toEqual({});
  });

  it('the alert switches: a policy locks each one alone; a value that is not a boolean is refused', async () => {
    const { store } = storeWith(
      { notifications: 'off', notificationSound: true, panelReturns: 'yes', badge: false },
      { ...agent, panelReturns: false },
    );
    const view = await store.load();
    expect(view.settings).toMatchObject({
      notifications: 'off',
      notificationSound: true,
      panelReturns: false,
      badge: false,
    });
    expect(view.locked).toEqual({ notifications: true, notificationSound: true, badge: true });
    expect(view.problems).toEqual([
      expect.objectContaining({ key: 'panelReturns', source: 'managed', value: 'yes' }),
    ]);
    const refused = await store.save({ badge: true }).catch((e: unknown) => e);
    expect((refused as SettingsError).toSessionError()).toMatchObject({ code: 'settings.locked' });
    expect((await store.save({ panelReturns: true })).settings.panelReturns).toBe(true);
  });
});
