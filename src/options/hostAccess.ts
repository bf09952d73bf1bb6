// Runtime host access for a custom base URL (the sandbox or a company proxy). Region hosts are
// in the manifest; a custom https origin is granted one at a time through the browser's own
// prompt, which Chrome shows only from a user gesture: call this first thing in a click handler,
// before any other await.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { type Environment, hostPermissionPatterns } from '../shared/settings';

export type HostAccess = { ok: true } | { ok: false; message: string };

export function requestHostAccess(env: Environment): Promise<HostAccess> {
  const origins = hostPermissionPatterns(env);
  if (env.kind !== 'custom' || origins.length === 0) return Promise.resolve({ ok: true });
  const origin = new URL(env.baseUrl).origin;
  // Plain http is only ever loopback (the sandbox); only the test build may reach it, through
  // its manifest. Nothing to prompt for: either this build has it or it never can.
  if (new URL(env.baseUrl).protocol === 'http:') {
    return browser.permissions
      .contains({ origins: origins.slice(0, 1) })
      .then((has) =>
        has ? { ok: true } : { ok: false, message: t('options_errLoopback', origin) },
      );
  }
  return browser.permissions.request({ origins }).then(
    (granted): HostAccess =>
      granted ? { ok: true } : { ok: false, message: t('options_errHostDenied', origin) },
    (err: unknown): HostAccess => ({
      ok: false,
      message: t('options_errHostFailed', [
        origin,
        err instanceof Error ? err.message : String(err),
      ]),
    }),
  );
}
