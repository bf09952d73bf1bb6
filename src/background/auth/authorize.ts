// One run of the OAuth authorization code flow with PKCE: the browser's auth window (interactive
// or silent), the redirect checked against its state, then the code exchanged for tokens.
import { endpoints, type Settings } from '../../shared/settings';
import {
  authorizeUrl,
  challengeS256,
  createState,
  createVerifier,
  parseRedirect,
  type RandomFill,
} from '../pkce';
import { AuthError, authorizeError, CLIENT_ID_MISSING, NEEDS_SIGN_IN } from './errors';
import { exchangeCode, type TokenEndpointDeps, type TokenSet } from './token-endpoint';

export interface AuthorizeDeps {
  launchWebAuthFlow: (details: {
    url: string;
    interactive: boolean;
  }) => Promise<string | undefined>;
  getRedirectURL: () => string;
  random?: RandomFill;
}

export async function authorize(
  deps: AuthorizeDeps,
  tokenDeps: TokenEndpointDeps,
  settings: Settings,
  interactive: boolean,
): Promise<TokenSet> {
  const redirectUri = deps.getRedirectURL();
  if (!settings.clientId) throw new AuthError(CLIENT_ID_MISSING);
  const verifier = createVerifier(deps.random);
  const state = createState(deps.random);
  const loginBase = endpoints(settings.environment).login;
  const url = authorizeUrl({
    loginBase,
    clientId: settings.clientId,
    redirectUri,
    challenge: await challengeS256(verifier),
    state,
  });
  let redirected: string | undefined;
  try {
    redirected = await deps.launchWebAuthFlow({ url, interactive });
  } catch (err) {
    // Chrome rejects when the window is closed (also after Genesys showed an error page
    // there, e.g. "OAuth client ID or redirect URI is invalid"), or when a silent flow needs
    // interaction. The browser's words are kept so the details show which.
    const detail = err instanceof Error ? err.message : String(err);
    throw new AuthError(interactive ? 'access_denied' : NEEDS_SIGN_IN, detail);
  }
  if (!redirected) throw new AuthError(interactive ? 'access_denied' : NEEDS_SIGN_IN);
  const outcome = parseRedirect(redirected, state);
  if (outcome.kind === 'error') {
    throw authorizeError(outcome.error, outcome.description);
  }
  if (outcome.kind === 'state-mismatch') throw new AuthError('state.mismatch');
  if (outcome.kind === 'no-code') {
    throw new AuthError('malformed.response', `no code in ${redirected.split('?')[0]}`);
  }
  return exchangeCode(tokenDeps, {
    loginBase,
    clientId: settings.clientId,
    redirectUri,
    code: outcome.code,
    verifier,
  });
}
