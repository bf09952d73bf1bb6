// The behaviours of the real platform that could not be verified, each a sandbox setting with
// the values a real org might show. The e2e behaviour suites run under each value, one
// dimension varied at a time (the rest at their defaults); the org check reports which value an
// org really has.
import { defaultSettings, mergeSettings, type SandboxSettings } from './settings';

export const UNVERIFIED_DIMENSIONS = {
  conflictOnPendingSession: [true, false],
  redeliverOfferOnJoin: [false, true],
  coBrowseEventParticipant: ['split', 'customer', 'agent'],
  issueRefreshTokens: [false, true],
  voiceSignal: ['guest-route', 'none', 'conversation'],
  legacyCobrowseTopic: ['rejected', 'silent', 'carries'],
  viewerWithSession: ['joins', 'creates'],
  deploymentIdPlace: ['selfUri', 'messageChannel'],
  // Unknown for a real org; a short one shows whether anything assumes the offer outlives a test.
  offerTtlSeconds: [120, 30],
} as const satisfies { [K in keyof SandboxSettings]?: readonly SandboxSettings[K][] };

export type UnverifiedDimension = keyof typeof UNVERIFIED_DIMENSIONS;

/** One profile: a dimension set to one of its values, everything else at the default. */
export interface SandboxProfile {
  readonly name: string;
  readonly settings: Partial<SandboxSettings>;
}

/** The default profile, then every non-default value of every dimension. */
export function profiles(): SandboxProfile[] {
  const defaults = defaultSettings() as unknown as Record<string, unknown>;
  const out: SandboxProfile[] = [{ name: 'default', settings: {} }];
  for (const [key, values] of Object.entries(UNVERIFIED_DIMENSIONS)) {
    for (const value of values) {
      if (value === defaults[key]) continue;
      out.push({ name: `${key}=${value}`, settings: { [key]: value } });
    }
  }
  return out;
}

/** Environment variable naming the profile the e2e sandbox starts with (`key=value` or JSON). */
export const PROFILE_ENV = 'SANDBOX_PROFILE';

/**
 * The settings of the profile named in `SANDBOX_PROFILE`: `default`, `key=value` (a value from
 * `profiles()`), or a JSON object of settings. Unset: none. Anything else is an error, never a
 * silently ignored profile.
 */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SandboxSettings> {
  const raw = env[PROFILE_ENV]?.trim();
  if (!raw) return {};
  if (raw.startsWith('{')) return jsonProfile(raw);
  const found = profiles().find((p) => p.name === raw);
  if (!found) {
    const names = profiles().map((p) => p.name);
    throw new Error(`${PROFILE_ENV}=${raw} is not a profile; one of: ${names.join(', ')}`);
  }
  return found.settings;
}

function jsonProfile(raw: string): Partial<SandboxSettings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`${PROFILE_ENV} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    mergeSettings(defaultSettings(), parsed); // throws on an unknown key or a wrong type
  } catch (err) {
    throw new Error(`${PROFILE_ENV}: ${(err as Error).message}`);
  }
  return parsed as Partial<SandboxSettings>;
}
