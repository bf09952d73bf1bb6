// Runtime host access for a custom base URL or a company gateway (the sandbox or a company
// proxy). Region hosts are in the manifest; a custom https origin is granted through the
// browser's own prompt, which Chrome shows only from a user gesture: call these first thing in
// a click handler, before any other await. Several origins go into ONE prompt for that reason.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import {
  type Environment,
  hostPermissionPatterns,
  isValidBaseUrl,
  type Settings,
} from '../shared/settings';

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

export type AccessField = 'environment' | 'gateway';

/** A custom environment's origin (region hosts are in the manifest: nothing to ask). */
export function environmentNeed(env: Environment | undefined): AccessNeed<'environment'>[] {
  if (env?.kind !== 'custom' || !isValidBaseUrl(env.baseUrl)) return [];
  return [{ field: 'environment', baseUrl: env.baseUrl, patterns: hostPermissionPatterns(env) }];
}

/** The gateway's origin, when start requests go to it. */
export function gatewayNeed(
  settings: Pick<Settings, 'profile' | 'gateway'>,
): AccessNeed<'gateway'>[] {
  const { baseUrl } = settings.gateway;
  if (settings.profile !== 'gateway' || !isValidBaseUrl(baseUrl)) return [];
  return [{ field: 'gateway', baseUrl, patterns: gatewayHostPatterns(baseUrl) }];
}

/** Every origin the settings in force (policy-set ones included) need to work. */
export function settingsAccessNeeds(
  settings: Pick<Settings, 'environment' | 'profile' | 'gateway'>,
): AccessNeed<AccessField>[] {
  return [...environmentNeed(settings.environment), ...gatewayNeed(settings)];
}

const isLoopback = (n: AccessNeed) => new URL(n.baseUrl).protocol === 'http:';

/**
 * Whether the extension may reach a need's origin now. A loopback http origin is checked by its
 * http pattern only: the test build's manifest lists no ws://localhost.
 */
export function hasAccess(need: AccessNeed): Promise<boolean> {
  const origins = isLoopback(need) ? need.patterns.slice(0, 1) : need.patterns;
  return browser.permissions.contains({ origins });
}

/** The needs the extension lacks access for; a failed check counts as granted (no false alarm). */
export async function missingAccess<F extends string>(
  needs: AccessNeed<F>[],
): Promise<AccessNeed<F>[]> {
  const has = await Promise.all(needs.map((n) => hasAccess(n).catch(() => true)));
  return needs.filter((_, i) => !has[i]);
}

/**
 * Asks once for every https origin and checks each loopback http one (only the test build may
 * reach those, through its manifest: nothing to prompt for). Resolves with a message per field
 * that lacks access; empty when all is granted.
 */
export function requestAccess<F extends string>(
  needs: AccessNeed<F>[],
  deniedKey = 'options_err_host_denied',
): Promise<Partial<Record<F, string>>> {
  const https = needs.filter((n) => !isLoopback(n));
  const http = needs.filter(isLoopback);
  const origin = (n: AccessNeed<F>) => new URL(n.baseUrl).origin;
  // Started synchronously, before any await: the prompt still has the click's gesture.
  const prompt: Promise<Partial<Record<F, string>>> = https.length
    ? browser.permissions.request({ origins: [...new Set(https.flatMap((n) => n.patterns))] }).then(
        (granted) =>
          granted ? {} : Object.fromEntries(https.map((n) => [n.field, t(deniedKey, origin(n))])),
        (err: unknown) =>
          Object.fromEntries(
            https.map((n) => [
              n.field,
              t('options_err_host_failed', [
                origin(n),
                err instanceof Error ? err.message : String(err),
              ]),
            ]),
          ),
      )
    : Promise.resolve({});
  const loopback = http.map((n) =>
    hasAccess(n).then((has) => (has ? {} : { [n.field]: t('options_err_loopback', origin(n)) })),
  );
  return Promise.all([prompt, ...loopback]).then((parts) => Object.assign({}, ...parts));
}

export function requestHostAccess(env: Environment): Promise<HostAccess> {
  const needs = environmentNeed(env);
  if (needs.length === 0) return Promise.resolve({ ok: true });
  return requestAccess(needs).then(
    (errors): HostAccess =>
      errors.environment ? { ok: false, message: errors.environment } : { ok: true },
  );
}
