// The behaviour matrix's profiles: every unverified behaviour is a dimension whose values include
// the sandbox's default, each non-default value is one profile, and SANDBOX_PROFILE either names
// one exactly or fails with a message saying what it accepts (never a silently ignored profile).
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../tools/sandbox/index';
import {
  PROFILE_ENV,
  profileFromEnv,
  profiles,
  UNVERIFIED_DIMENSIONS,
} from '../../tools/sandbox/profiles';
import { defaultSettings } from '../../tools/sandbox/settings';

const env = (value: string) => ({ [PROFILE_ENV]: value });

describe('profiles()', () => {
  it('lists the default first, then each non-default value of each dimension once', () => {
    const defaults = defaultSettings() as unknown as Record<string, unknown>;
    const all = profiles();
    expect(all[0]).toEqual({ name: 'default', settings: {} });
    const expected = Object.entries(UNVERIFIED_DIMENSIONS).flatMap(([key, values]) =>
      values.filter((v) => v !== defaults[key]).map((v) => `${key}=${v}`),
    );
    expect(all.slice(1).map((p) => p.name)).toEqual(expected);
    expect(new Set(all.map((p) => p.name)).size).toBe(all.length);
    // One dimension varied at a time.
    for (const p of all.slice(1)) expect(Object.keys(p.settings)).toHaveLength(1);
  });

  it("each dimension's values include the sandbox's default (the guess the suites make)", () => {
    const defaults = defaultSettings() as unknown as Record<string, unknown>;
    for (const [key, values] of Object.entries(UNVERIFIED_DIMENSIONS)) {
      expect(values as readonly unknown[], key).toContain(defaults[key]);
      expect(values.length, key).toBeGreaterThan(1);
    }
  });

  it('a sandbox started under each profile runs with exactly its values', async () => {
    for (const p of profiles()) {
      const sandbox = await startSandbox({ port: 0, settings: profileFromEnv(env(p.name)) });
      try {
        expect(sandbox.settings(), p.name).toEqual({ ...defaultSettings(), ...p.settings });
      } finally {
        await sandbox.close();
      }
    }
  });
});

describe('SANDBOX_PROFILE', () => {
  it('unset or blank: no change; "default": no change', () => {
    expect(profileFromEnv({})).toEqual({});
    expect(profileFromEnv(env('  '))).toEqual({});
    expect(profileFromEnv(env('default'))).toEqual({});
  });

  it('key=value names one profile; a JSON object sets any settings', () => {
    expect(profileFromEnv(env('conflictOnPendingSession=false'))).toEqual({
      conflictOnPendingSession: false,
    });
    expect(profileFromEnv(env('offerTtlSeconds=30'))).toEqual({ offerTtlSeconds: 30 });
    expect(profileFromEnv(env('{"redeliverOfferOnJoin":true,"latencyMs":20}'))).toEqual({
      redeliverOfferOnJoin: true,
      latencyMs: 20,
    });
  });

  it.each([
    // A typo in the key, a value the dimension does not have, the default value by name (not a
    // profile: "default" is), a setting that is not a dimension, a wrong case.
    'conflictOnPendingSesion=false',
    'offerTtlSeconds=45',
    'conflictOnPendingSession=true',
    'latencyMs=20',
    'redeliverOfferOnJoin=TRUE',
    'redeliverOfferOnJoin',
  ])('%s is an error that lists the profiles', (name) => {
    expect(() => profileFromEnv(env(name))).toThrow(
      `${PROFILE_ENV}=${name} is not a profile; one of: default, conflictOnPendingSession=false`,
    );
  });

  it.each([
    ['{"redeliverOfferOnJoin":true', 'SANDBOX_PROFILE is not valid JSON'],
    [
      '{"redeliverOfferOnJoin":"yes"}',
      'SANDBOX_PROFILE: setting "redeliverOfferOnJoin" must be a boolean',
    ],
    ['{"refreshTokens":true}', 'SANDBOX_PROFILE: unknown setting "refreshTokens"'],
    ['{"coBrowseEventParticipant":"both"}', 'SANDBOX_PROFILE: coBrowseEventParticipant must be'],
  ])('a JSON profile %s is an error naming the variable and the problem', (raw, message) => {
    expect(() => profileFromEnv(env(raw))).toThrow(message);
  });
});
