// The requests this part of the background answers: auth.*, connection.test, settings.*.
// core.ts registers them on the router; cobrowse-app.ts registers the cobrowse ones.
import * as v from 'valibot';
import type { Settings } from '../shared/settings';
import type { SettingsStore } from '../shared/settings-store';
import { type Auth, CLIENT_ID_MISSING, isNeedsSignIn } from './auth';
import { testConnection } from './connection';
import type { GenesysClient } from './genesys';
import { EMPTY_PAYLOAD, type HandlerMap } from './router';

export interface CoreHandlerDeps {
  auth: Auth;
  api: Pick<GenesysClient, 'getTokenInfo' | 'getMe'>;
  settings: SettingsStore;
}

export function coreHandlers({ auth, api, settings }: CoreHandlerDeps): HandlerMap {
  const view = async () => ({ ...(await settings.load()), redirectUri: auth.redirectUri() });

  return {
    'auth.status': { from: 'pages', payload: EMPTY_PAYLOAD, handle: () => auth.status() },
    'auth.signIn': { from: 'pages', payload: EMPTY_PAYLOAD, handle: () => auth.signIn() },
    'auth.signOut': { from: 'pages', payload: EMPTY_PAYLOAD, handle: () => auth.signOut() },
    'connection.test': {
      from: 'pages',
      payload: EMPTY_PAYLOAD,
      handle: async () => {
        // "Test connection" signs in if needed (a missing client id is reported, not prompted).
        try {
          await auth.getToken();
        } catch (err) {
          if (!isNeedsSignIn(err) || (err as { code?: string }).code === CLIENT_ID_MISSING) {
            throw err;
          }
          await auth.signIn();
        }
        return testConnection(api);
      },
    },
    // Pages only: the content script gets its detection rules with the collect push.
    'settings.get': { from: 'pages', payload: EMPTY_PAYLOAD, handle: view },
    'settings.save': {
      from: 'pages',
      // The deep checks (known keys, locks, values) are settings.ts's validatePatch, in save().
      payload: v.record(v.string(), v.unknown()) as unknown as v.GenericSchema<
        unknown,
        Partial<Settings>
      >,
      handle: async (patch) => {
        await settings.save(patch);
        return view();
      },
    },
  };
}
