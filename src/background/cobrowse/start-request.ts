// Which call starts a cobrowse: the Platform API (profile 'genesys') or the company gateway
// (profile 'gateway'). Both resolve with the same session shape and reject with GenesysError,
// so the cobrowse service and the overlay treat them alike.
import type { Settings } from '../../shared/settings';
import type { CobrowseSession, GenesysClient, GenesysClientDeps, RequestOptions } from '../genesys';
import { createGatewayCobrowse } from './gateway';

export interface StartRequestDeps {
  api: Pick<GenesysClient, 'createCobrowse'>;
  /** The same sign-in the Platform API client uses (Auth.getToken / renewAfterUnauthorized). */
  getToken: GenesysClientDeps['getToken'];
  renewToken?: GenesysClientDeps['renewToken'];
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type StartRequest = (
  conversationId: string,
  options?: Pick<RequestOptions, 'signal' | 'timeoutMs'>,
) => Promise<CobrowseSession>;

/** The create call for these settings (read them per start: the profile may change any time). */
export function createSessionFor(
  settings: Pick<Settings, 'profile' | 'gateway'>,
  deps: StartRequestDeps,
): StartRequest {
  if (settings.profile !== 'gateway') {
    return (conversationId, options) => deps.api.createCobrowse(conversationId, options);
  }
  const { api: _api, ...clientDeps } = deps;
  const { baseUrl, capabilities } = settings.gateway;
  return (conversationId, options) =>
    createGatewayCobrowse({ ...clientDeps, baseUrl }, conversationId, capabilities, options);
}
