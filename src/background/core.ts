// The background's services, created once per service-worker start: settings, auth, the
// Genesys client, the message router and the views broadcaster. index.ts wires them to the
// browser's events; other background modules (cobrowse) receive them from there.
import browser from 'webextension-polyfill';
import { clip, maskSecrets } from '../shared/redact';
import { endpoints } from '../shared/settings';
import {
  type CachedSettingsStore,
  cachedSettingsStore,
  createSettingsStore,
} from '../shared/settings-store';
import { type Auth, createAuth } from './auth';
import { bindingOf } from './auth/token-store';
import { createGenesysClient, type GenesysClient } from './genesys';
import { type CoreRequest, coreHandlers } from './handlers';
import { createLearnedStore, type LearnedStore } from './learned';
import {
  type Broadcaster,
  createBroadcaster,
  createRouter,
  type Handlers,
  type Router,
} from './router';

export interface Core {
  /** Kept in memory; index.ts invalidates it on every storage.sync / managed change. */
  settings: CachedSettingsStore;
  auth: Auth;
  api: GenesysClient;
  router: Router;
  /** auth.*, connection.test and settings.* (index.ts registers the whole table). */
  handlers: Handlers<CoreRequest>;
  views: Broadcaster;
  /** What the extension learned at run time about the org (Test connection reports it). */
  learned: LearnedStore;
  /** Pushes the current auth status to every view (after sign-in/out, settings changes). */
  pushAuthStatus(): void;
}

export function createCore(): Core {
  const settings = cachedSettingsStore(createSettingsStore());
  const currentSettings = async () => (await settings.load()).settings;
  const extensionId = () => browser.runtime.id;
  const extensionUrl = () => browser.runtime.getURL('');
  const router = createRouter({ extensionId, extensionUrl });
  const learned = createLearnedStore({
    storage: browser.storage.session,
    binding: async () => bindingOf(await currentSettings()),
    log: (message) => console.warn(`[learned] ${maskSecrets(message)}`),
  });
  const views = createBroadcaster({ extensionId, extensionUrl });

  // auth and api need each other (the client asks auth for tokens; auth revokes through the
  // client): the closures below resolve `auth` at call time, after both exist.
  let auth: Auth | undefined;
  const authNow = () => {
    if (!auth) throw new Error('auth is not initialised');
    return auth;
  };
  const api = createGenesysClient({
    getToken: () => authNow().getToken(),
    renewToken: (stale) => authNow().renewAfterUnauthorized(stale),
    baseUrl: async () => endpoints((await currentSettings()).environment).api,
  });

  const pushAuthStatus = () => {
    authNow()
      .status()
      .then((status) => views.broadcast({ type: 'auth', status }))
      .catch((err) => console.warn(`auth status push failed: ${maskSecrets(String(err))}`));
  };

  auth = createAuth({
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    getRedirectURL: () => browser.identity.getRedirectURL(),
    storage: browser.storage.session,
    memoryCache: true,
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => Date.now(),
    getSettings: currentSettings,
    // A token of a previous environment is revoked there, by a client bound to that base.
    revoke: (token, apiBase) =>
      apiBase
        ? createGenesysClient({
            getToken: async () => token,
            baseUrl: () => apiBase,
            timeoutMs: 5_000,
          }).revokeToken(token)
        : api.revokeToken(token),
    loadProfile: async (token) => {
      const [info, me] = await Promise.all([api.getTokenInfo({ token }), api.getMe({ token })]);
      // Shown in every view's status line: bounded, whatever the server sends.
      return {
        user: { id: clip(me.id, 200), name: clip(me.name ?? '', 200) },
        org: { id: clip(info.organization.id, 200), name: clip(info.organization.name ?? '', 200) },
      };
    },
    onChange: pushAuthStatus,
    onTokenSet: (outcome) => learned.note({ kind: 'token', ...outcome }),
  });

  // A view that connects gets the current auth status at once, not on the next change.
  views.onConnected((port) => {
    authNow()
      .status()
      .then((status) => port.postMessage({ type: 'auth', status }))
      .catch(() => undefined);
  });

  const handlers = coreHandlers({ auth, api, settings, learned });
  return { settings, auth, api, router, handlers, views, learned, pushAuthStatus };
}
