// The settings glue: reads storage.sync and storage.managed, merges them with the pure rules in
// settings.ts, and writes the agent's edits back to storage.sync. Storage areas are injected so
// tests (and any context) can hand in their own.
import browser from 'webextension-polyfill';
import { t } from './i18n';
import type { SessionError } from './session';
import {
  type LockedKeys,
  type MergedSettings,
  mergeSettings,
  migrate,
  type Settings,
  type SettingsProblem,
  VERSION_KEY,
  validatePatch,
} from './settings';
import type { StorageAreaLike } from './storage';

/** The part of a storage area the store uses. */
export type SettingsArea = Pick<StorageAreaLike, 'get' | 'set'>;

export interface SettingsStoreDeps {
  sync: SettingsArea;
  managed: Pick<StorageAreaLike, 'get'>;
}

/** Refused save: the problems say which key and why; nothing was written. */
export class SettingsError extends Error {
  constructor(readonly problems: SettingsProblem[]) {
    super(problems.map((p) => (p.key ? `${p.key}: ${p.message}` : p.message)).join('\n'));
    this.name = 'SettingsError';
  }

  toSessionError(): SessionError {
    const lockedOnly = this.problems.every((p) => p.message === t('settings_err_locked', p.key));
    return {
      code: lockedOnly ? 'settings.locked' : 'settings.invalid',
      // A local refusal: no server words; the explanation lists each field and why.
      message: '',
      title: t(lockedOnly ? 'options_locked_by_policy' : 'settings_err_invalid_title'),
      explanation: t('settings_err_save_why', this.message),
      fix: t(lockedOnly ? 'settings_err_locked_fix' : 'settings_err_invalid_fix'),
    };
  }
}

export interface SettingsStore {
  load(): Promise<MergedSettings>;
  /** Validates and writes only the given keys; refuses locked or invalid ones (SettingsError). */
  save(patch: Partial<Settings>): Promise<MergedSettings>;
}

async function readManaged(
  managed: SettingsStoreDeps['managed'],
): Promise<Record<string, unknown>> {
  try {
    return (await managed.get(null)) ?? {};
  } catch {
    // No policy at all (Firefox without a managed manifest, or a browser without policy
    // support): the same as an empty policy.
    return {};
  }
}

export function createSettingsStore(
  deps: SettingsStoreDeps = { sync: browser.storage.sync, managed: browser.storage.managed },
): SettingsStore {
  const load = async (): Promise<MergedSettings> => {
    const [sync, managed] = await Promise.all([deps.sync.get(null), readManaged(deps.managed)]);
    return mergeSettings(sync ?? {}, managed);
  };

  const save = async (patch: Partial<Settings>): Promise<MergedSettings> => {
    const current = await load();
    const checked = validatePatch(patch, current.locked as LockedKeys);
    if (!checked.ok) throw new SettingsError(checked.problems);
    // Write the migrated record's version together with the new values, but leave every other
    // stored key as it is (an invalid stored value stays visible until the agent replaces it).
    const stored = migrate((await deps.sync.get(null)) ?? {});
    const migratedKeys = Object.fromEntries(
      Object.entries(stored).filter(([key]) => key !== VERSION_KEY),
    );
    await deps.sync.set({ ...migratedKeys, ...checked.values, [VERSION_KEY]: stored[VERSION_KEY] });
    return load();
  };

  return { load, save };
}

/** A settings store whose merged settings are read once and kept until invalidate(). */
export interface CachedSettingsStore extends SettingsStore {
  /** storage.sync or storage.managed changed: the next load() reads them again. */
  invalidate(): void;
}

/**
 * The background reads the settings many times per start; storage.onChanged (sync, managed)
 * calls invalidate(). A load that began before an invalidate() is not kept: it may predate the
 * change.
 */
export function cachedSettingsStore(inner: SettingsStore): CachedSettingsStore {
  let cached: Promise<MergedSettings> | undefined;
  let generation = 0;
  const load = (): Promise<MergedSettings> => {
    if (cached) return cached;
    const mine = generation;
    const loading = inner.load();
    cached = loading;
    loading.then(
      () => {
        if (mine !== generation && cached === loading) cached = undefined;
      },
      () => {
        if (cached === loading) cached = undefined;
      },
    );
    return loading;
  };
  const invalidate = () => {
    generation++;
    cached = undefined;
  };
  return {
    load,
    async save(patch) {
      invalidate();
      const saved = await inner.save(patch);
      invalidate();
      return saved;
    },
    invalidate,
  };
}
