// The custom gateway profile, for companies that front Genesys Cloud with their own service. Same sign-in (bearer token, one renewal on 401), same timeout,
// same ErrorBody parsing and session checks as the Platform API client; only the address and
// the body differ. Its errors are tagged `via: 'gateway'` so the catalogue names what the
// gateway needs (scope cobrowse:session:create, the capabilities in Options).
import type { Capability } from '../../shared/settings';
import {
  assertUuid,
  type CobrowseSession,
  createGenesysClient,
  type GenesysClientDeps,
  GenesysError,
  parseCobrowseSession,
  type RequestOptions,
} from '../genesys';

export interface GatewayDeps extends Omit<GenesysClientDeps, 'baseUrl'> {
  /** The gateway's base URL (Settings.gateway.baseUrl); empty means not configured. */
  baseUrl: string;
}

/** The body the gateway expects (the webchat cobrowse request: type, initiator, capabilities). */
export function gatewayBody(capabilities: readonly Capability[]) {
  return { type: 'cobrowse', initiatorType: 'agent', capabilities: [...capabilities] } as const;
}

export const gatewayPath = (conversationId: string) =>
  `/api/v2/conversations/webchat/${encodeURIComponent(assertUuid(conversationId))}/cobrowse`;

function fromGateway(err: GenesysError): GenesysError {
  return new GenesysError({ ...err.init(), via: 'gateway' });
}

/**
 * POST {gateway}/api/v2/conversations/webchat/{conversationId}/cobrowse with
 * {"type":"cobrowse","initiatorType":"agent","capabilities":[...]}. Resolves with the session
 * (the same shape as the Platform API's answer); rejects with a GenesysError tagged `via: 'gateway'`.
 */
export async function createGatewayCobrowse(
  deps: GatewayDeps,
  conversationId: string,
  capabilities: readonly Capability[],
  options: Pick<RequestOptions, 'signal' | 'timeoutMs'> = {},
): Promise<CobrowseSession> {
  const base = deps.baseUrl.trim();
  if (!base) {
    throw new GenesysError({
      code: 'gateway.not.configured',
      message: 'The gateway profile is on but no gateway base URL is set',
    });
  }
  const path = gatewayPath(conversationId);
  const client = createGenesysClient({ ...deps, baseUrl: () => base });
  try {
    return parseCobrowseSession(
      await client.request('POST', path, { ...options, body: gatewayBody(capabilities) }),
    );
  } catch (err) {
    throw err instanceof GenesysError ? fromGateway(err) : err;
  }
}
