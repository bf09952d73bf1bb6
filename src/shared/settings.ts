// Settings: built-in defaults < the agent's options (storage.sync) < admin policy
// (storage.managed). This file is pure: the shape, the defaults, per-field validation
// (valibot), the explicit migrations and the merge. Views and the background share it, so the
// options page can show a field's error with exactly the words the background would refuse with.
// The storage glue lives in settings-store.ts.
import * as v from 'valibot';
import { regexRuleRisk } from './detect/rules';
import type { DetectionRule } from './detect/types';
import { t } from './i18n';
import { invitationProblem } from './invitation';
import { WHEN_CUSTOMER_OFFLINE, type WhenCustomerOffline } from './protocol/choices';
import { REGIONS } from './regions';

export type Environment =
  | { kind: 'region'; domain: string }
  /** The sandbox or a company proxy: one origin serving both login and api paths. */
  | { kind: 'custom'; baseUrl: string };

export type Capability = 'screen' | 'mouse' | 'keyboard';

// A rule is detection's (the page runs it); the settings hold the agent's and the admin's.
export type { DetectionRule };

export interface Settings {
  environment: Environment;
  clientId: string;
  /**
   * 'gateway' sends the start to the company's own gateway (POST
   * {gateway.baseUrl}/api/v2/conversations/webchat/{id}/cobrowse) instead of the Platform API.
   */
  profile: 'genesys' | 'gateway';
  gateway: { baseUrl: string; capabilities: Capability[] };
  detectionRules: DetectionRule[];
  /** What to do when the customer's Messenger is offline at start. */
  whenCustomerOffline: WhenCustomerOffline;
  /** What the background puts on the clipboard when a join code arrives. */
  autoCopy: AutoCopy;
  /** The invitation ({code}, {minutes}); '' is the browser language's built-in text. */
  invitationTemplate: string;
  // How a change the customer makes reaches an agent who is elsewhere.
  /** When a desktop notification says the customer accepted, declined, let it expire, came back. */
  notifications: NotifyWhen;
  /** A short tone with each notification. */
  notificationSound: boolean;
  /** The panel on the session's tab comes back as the pill on a state change, even after Esc. */
  panelReturns: boolean;
  /** The toolbar badge shows the session's state. */
  badge: boolean;
}

export const AUTO_COPY = ['off', 'code', 'invitation'] as const;
export type AutoCopy = (typeof AUTO_COPY)[number];

/**
 * elsewhere: only while the agent is not looking at the session's tab (the panel there already
 * shows the change); always; off.
 */
export const NOTIFY_WHEN = ['elsewhere', 'always', 'off'] as const;
export type NotifyWhen = (typeof NOTIFY_WHEN)[number];

export const SETTINGS_VERSION = 1;
/** The key in storage.sync that records which shape the stored settings have. */
export const VERSION_KEY = 'settingsVersion';

export const DEFAULT_SETTINGS: Settings = {
  environment: { kind: 'region', domain: 'mypurecloud.com' },
  clientId: '',
  profile: 'genesys',
  gateway: { baseUrl: '', capabilities: ['screen', 'mouse', 'keyboard'] },
  detectionRules: [],
  whenCustomerOffline: 'ask',
  autoCopy: 'off',
  invitationTemplate: '',
  notifications: 'elsewhere',
  notificationSound: false,
  panelReturns: true,
  badge: true,
};

export type SettingsKey = keyof Settings;
export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingsKey[];

/** Settings keys an admin policy has set: the options page shows them locked. */
export type LockedKeys = Partial<Record<keyof Settings, true>>;

/** Where the OAuth and API calls go for an environment. */
export function endpoints(env: Environment): { login: string; api: string; apps: string } {
  if (env.kind === 'custom') {
    const base = env.baseUrl.replace(/\/+$/, '');
    return { login: base, api: base, apps: base };
  }
  return {
    login: `https://login.${env.domain}`,
    api: `https://api.${env.domain}`,
    apps: `https://apps.${env.domain}`,
  };
}

/** The Genesys Cloud regions (their domains), from Genesys's own published list. */
export function knownRegions(): string[] {
  return REGIONS.map((r) => r.domain);
}

/**
 * An environment written as one string, as an admin policy does and as the unversioned (v0)
 * settings did: a region domain ("mypurecloud.ie") or a base URL ("https://gw.example.com").
 */
export function environmentFromString(text: string): Environment {
  const s = text.trim();
  return /^https?:\/\//i.test(s)
    ? { kind: 'custom', baseUrl: s }
    : { kind: 'region', domain: s.toLowerCase() };
}

/** Host permission patterns a custom environment needs (requested at runtime by the options page). */
export function hostPermissionPatterns(env: Environment): string[] {
  if (env.kind !== 'custom') return [];
  const url = new URL(env.baseUrl);
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [`${url.protocol}//${url.hostname}/*`, `${ws}//${url.hostname}/*`];
}

/** Hosts where plain http: is allowed (the sandbox, test builds). */
export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on loopback only (the sandbox); no credentials, query or fragment. */
export function isValidBaseUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const schemeOk =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  return schemeOk && !url.username && !url.password && !url.search && !url.hash;
}

function regexHasCaptureGroup(source: string): boolean {
  try {
    // Matching the empty alternative reveals how many groups the pattern declares.
    const groups = new RegExp(`${source}|`).exec('');
    return (groups?.length ?? 0) > 1;
  } catch {
    return false;
  }
}

const baseUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check(isValidBaseUrl, () => t('settings_err_base_url')),
  v.transform((s) => s.replace(/\/+$/, '')),
);

const environmentSchema = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('region'),
      domain: v.pipe(
        v.string(),
        v.trim(),
        v.toLowerCase(),
        v.check(
          (d) => knownRegions().includes(d),
          (issue) => t('settings_err_region', String(issue.input)),
        ),
      ),
    }),
    v.object({ kind: v.literal('custom'), baseUrl }),
  ],
  () => t('settings_err_environment'),
);

const detectionRuleSchema = v.pipe(
  v.object({
    kind: v.picklist(['regex', 'selector'], () => t('settings_err_rule_kind')),
    value: v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, () => t('settings_err_rule_empty')),
      v.maxLength(500, () => t('settings_err_rule_long')),
    ),
  }),
  v.check(
    (r) => r.kind !== 'regex' || regexHasCaptureGroup(r.value),
    (issue) => t('settings_err_rule_regex', String((issue.input as DetectionRule).value)),
  ),
  // The same refusal as the options page and compileRules: a regex that may backtrack for
  // seconds on a long page is never stored, whoever sets it (agent or policy).
  v.check(
    (r) => r.kind !== 'regex' || regexRuleRisk(r.value) === undefined,
    (issue) => {
      const value = String((issue.input as DetectionRule).value);
      return t('settings_err_rule_unsafe', [
        value,
        t(regexRuleRisk(value) ?? 'detect_rule_regex_unsafe'),
      ]);
    },
  ),
);

/** A switch: a policy writes it as a JSON boolean. */
const onOff = v.boolean(() => t('settings_err_on_off'));

/** One schema per key, so a bad value costs only its own field (the rest still applies). */
export const FIELD_SCHEMAS: { [K in SettingsKey]: v.GenericSchema<unknown, Settings[K]> } = {
  environment: environmentSchema,
  clientId: v.pipe(
    v.string(() => t('settings_err_client_id')),
    v.trim(),
    v.check(
      (s) => s === '' || /^[A-Za-z0-9._~-]{1,128}$/.test(s),
      () => t('settings_err_client_id'),
    ),
  ),
  profile: v.picklist(['genesys', 'gateway'], () => t('settings_err_profile')),
  // A policy may set only the part it cares about: a missing part takes its default.
  gateway: v.object({
    baseUrl: v.optional(
      v.union([v.literal(''), baseUrl], () => t('settings_err_base_url')),
      DEFAULT_SETTINGS.gateway.baseUrl,
    ),
    capabilities: v.optional(
      v.pipe(
        v.array(v.picklist(['screen', 'mouse', 'keyboard'], () => t('settings_err_capability'))),
        v.minLength(1, () => t('settings_err_no_capability')),
        v.transform((caps) => [...new Set(caps)]),
      ),
      () => [...DEFAULT_SETTINGS.gateway.capabilities],
    ),
  }),
  detectionRules: v.pipe(
    v.array(detectionRuleSchema),
    v.maxLength(50, () => t('settings_err_too_many_rules')),
  ),
  whenCustomerOffline: v.picklist(WHEN_CUSTOMER_OFFLINE, () => t('settings_err_when_offline')),
  autoCopy: v.picklist(AUTO_COPY, () => t('settings_err_auto_copy')),
  invitationTemplate: v.pipe(
    v.string(() => t('settings_err_invitation_text')),
    v.trim(),
    v.check(
      (s) => invitationProblem(s) === undefined,
      (issue) => {
        const why = invitationProblem(String(issue.input).trim());
        return t(why?.key ?? 'settings_err_invalid', why?.sub);
      },
    ),
  ),
  notifications: v.picklist(NOTIFY_WHEN, () => t('settings_err_notifications')),
  notificationSound: onOff,
  panelReturns: onOff,
  badge: onOff,
};

export type SettingsSource = 'sync' | 'managed' | 'input';

/** A value that was not applied, kept where it was, and reported with why. */
export interface SettingsProblem {
  key: string;
  source: SettingsSource;
  value: unknown;
  message: string;
}

type FieldResult<K extends SettingsKey> =
  | { ok: true; value: Settings[K] }
  | { ok: false; message: string };

export function validateField<K extends SettingsKey>(key: K, value: unknown): FieldResult<K> {
  const result = v.safeParse(FIELD_SCHEMAS[key], value);
  if (result.success) return { ok: true, value: result.output as Settings[K] };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  const message = issue.message || t('settings_err_invalid');
  return { ok: false, message: path ? `${path}: ${message}` : message };
}

/**
 * Explicit migrations: MIGRATIONS[n] turns a version-n record into version n+1.
 * v0 is the unversioned shape, where `environment` was one string (domain or base URL).
 */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  0: (raw) =>
    typeof raw.environment === 'string'
      ? { ...raw, environment: environmentFromString(raw.environment) }
      : raw,
};

/** Brings a stored record up to SETTINGS_VERSION; a record from a newer build is read as is. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  const stored = raw[VERSION_KEY];
  let version = typeof stored === 'number' && Number.isInteger(stored) ? stored : 0;
  let record = { ...raw };
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (step) record = step(record);
    version += 1;
  }
  record[VERSION_KEY] = Math.max(version, SETTINGS_VERSION);
  return record;
}

/** A policy writes the environment as a string (see managed_schema.json). */
function normaliseManaged(raw: Record<string, unknown>): Record<string, unknown> {
  return typeof raw.environment === 'string'
    ? { ...raw, environment: environmentFromString(raw.environment) }
    : raw;
}

export interface MergedSettings {
  settings: Settings;
  locked: LockedKeys;
  problems: SettingsProblem[];
}

/**
 * defaults < sync < managed, field by field. An invalid stored value is not applied and is
 * reported (never deleted: the agent or admin sees it and fixes it). An invalid policy value
 * does not lock its key, so the agent is not stuck with a field nobody can set.
 */
export function mergeSettings(
  syncRaw: Record<string, unknown>,
  managedRaw: Record<string, unknown>,
): MergedSettings {
  const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  const locked: LockedKeys = {};
  const problems: SettingsProblem[] = [];
  const layers: [SettingsSource, Record<string, unknown>][] = [
    ['sync', migrate(syncRaw)],
    ['managed', normaliseManaged(managedRaw)],
  ];
  for (const [source, record] of layers) {
    for (const key of SETTINGS_KEYS) {
      if (record[key] === undefined) continue;
      const result = validateField(key, record[key]);
      if (!result.ok) {
        problems.push({ key, source, value: record[key], message: result.message });
        continue;
      }
      settings[key] = result.value;
      if (source === 'managed') locked[key] = true;
    }
  }
  return { settings: settings as unknown as Settings, locked, problems };
}

export type PatchResult =
  | { ok: true; values: Partial<Settings> }
  | { ok: false; problems: SettingsProblem[] };

/** Checks an edit from the options page: known keys only, none locked by policy, all valid. */
export function validatePatch(patch: unknown, locked: LockedKeys): PatchResult {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return {
      ok: false,
      problems: [{ key: '', source: 'input', value: patch, message: t('settings_err_not_object') }],
    };
  }
  const values: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const problem = (message: string) => problems.push({ key, source: 'input', value, message });
    if (!(SETTINGS_KEYS as string[]).includes(key)) problem(t('settings_err_unknown_key', key));
    else if (locked[key as SettingsKey]) problem(t('settings_err_locked', key));
    else {
      const result = validateField(key as SettingsKey, value);
      if (result.ok) values[key] = result.value;
      else problem(result.message);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}
