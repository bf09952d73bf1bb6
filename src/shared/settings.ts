// Settings: built-in defaults < the agent's options (storage.sync) < admin policy
// (storage.managed). This file holds the shape and defaults; validation, migration and the
// merge live beside it (settings-merge.ts) so views and the background share one reading.

export type Environment =
  | { kind: 'region'; domain: string }
  /** The sandbox or a company proxy: one origin serving both login and api paths. */
  | { kind: 'custom'; baseUrl: string };

export type Capability = 'screen' | 'mouse' | 'keyboard';

export interface DetectionRule {
  kind: 'regex' | 'selector';
  /** regex: one capture group holding the id; selector: a CSS selector whose text or value holds it */
  value: string;
}

export interface Settings {
  environment: Environment;
  clientId: string;
  /** 'gateway' sends the forum thread's request 2 to gateway.baseUrl instead of the Platform API. */
  profile: 'genesys' | 'gateway';
  gateway: { baseUrl: string; capabilities: Capability[] };
  detectionRules: DetectionRule[];
  /** What to do when the customer's Messenger is offline at start. */
  whenCustomerOffline: 'ask' | 'send-when-back' | 'send-anyway';
}

export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = {
  environment: { kind: 'region', domain: 'mypurecloud.com' },
  clientId: '',
  profile: 'genesys',
  gateway: { baseUrl: '', capabilities: ['screen', 'mouse', 'keyboard'] },
  detectionRules: [],
  whenCustomerOffline: 'ask',
};

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
