// Runtime host access for a custom base URL or a company gateway (the sandbox or a company
// proxy). Region hosts are in the manifest; a custom https origin is granted through the
// browser's own prompt, which Chrome shows only from a user gesture: call these first thing in
// a click handler, before any other await. Several origins go into ONE prompt for that reason.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { type Environment, hostPermissionPatterns } from '../shared/settings';

export type HostAccess = { ok: true } | { ok: false; message: string };

/** A base URL the save needs to reach, and the patterns that cover it. */
export interface AccessNeed<F extends string = string> {
  field: F;
  baseUrl: string;
  patterns: string[];
}

/** The gateway is called over https (or loopback http) only: no websocket pattern. */
export function gatewayHostPatterns(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  return [`${url.protocol}//${url.hostname}/*`];
}

/**
 * Asks once for every https origin and checks each loopback http one (only the test build may
 * reach those, through its manifest: nothing to prompt for). Resolves with a message per field
 * that lacks access; empty when all is granted.
 */
export function requestAccess<F extends string>(
  needs: AccessNeed<F>[],
): Promise<Partial<Record<F, string>>> {
  const https = needs.filter((n) => new URL(n.baseUrl).protocol !== 'http:');
  const http = needs.filter((n) => new URL(n.baseUrl).protocol === 'http:');
  const origin = (n: AccessNeed<F>) => new URL(n.baseUrl).origin;
  // Started synchronously, before any await: the prompt still has the click's gesture.
  const prompt: Promise<Partial<Record<F, string>>> = https.length
    ? browser.permissions.request({ origins: [...new Set(https.flatMap((n) => n.patterns))] }).then(
        (granted) =>
          granted
            ? {}
            : Object.fromEntries(
                https.map((n) => [n.field, t('options_errHostDenied', origin(n))]),
              ),
        (err: unknown) =>
          Object.fromEntries(
            https.map((n) => [
              n.field,
              t('options_errHostFailed', [
                origin(n),
                err instanceof Error ? err.message : String(err),
              ]),
            ]),
          ),
      )
    : Promise.resolve({});
  const loopback = http.map((n) =>
    browser.permissions
      .contains({ origins: n.patterns.slice(0, 1) })
      .then((has) => (has ? {} : { [n.field]: t('options_errLoopback', origin(n)) })),
  );
  return Promise.all([prompt, ...loopback]).then((parts) => Object.assign({}, ...parts));
}

export function requestHostAccess(env: Environment): Promise<HostAccess> {
  const patterns = hostPermissionPatterns(env);
  if (env.kind !== 'custom' || patterns.length === 0) return Promise.resolve({ ok: true });
  return requestAccess([{ field: 'environment', baseUrl: env.baseUrl, patterns }]).then(
    (errors): HostAccess =>
      errors.environment ? { ok: false, message: errors.environment } : { ok: true },
  );
}
