// The requests this part of the background answers: auth.*, connection.test, settings.*.
// core.ts registers them on the router; cobrowse/app.ts registers the cobrowse ones.
import { REQUEST_PAYLOADS as P, type RequestName } from '../shared/protocol/requests';
import type { SettingsStore } from '../shared/settings-store';
import { type Auth, CLIENT_ID_MISSING, isNeedsSignIn } from './auth';
import { testConnection } from './connection';
import type { GenesysClient } from './genesys';
import type { LearnedStore } from './learned';
import type { Handlers } from './router';

export interface CoreHandlerDeps {
  auth: Auth;
  api: Pick<GenesysClient, 'getTokenInfo' | 'getMe'>;
  settings: SettingsStore;
  /** Absent: the report leaves out what was learned at run time. */
  learned?: Pick<LearnedStore, 'read'>;
}

export type CoreRequest = Extract<
  RequestName,
  `auth.${string}` | `settings.${string}` | 'connection.test'
>;

export function coreHandlers({
  auth,
  api,
  settings,
  learned,
}: CoreHandlerDeps): Handlers<CoreRequest> {
  const view = async () => ({ ...(await settings.load()), redirectUri: auth.redirectUri() });

  return {
    'auth.status': { from: 'pages', payload: P['auth.status'], handle: () => auth.status() },
    'auth.signIn': { from: 'pages', payload: P['auth.signIn'], handle: () => auth.signIn() },
    'auth.signOut': { from: 'pages', payload: P['auth.signOut'], handle: () => auth.signOut() },
    'connection.test': {
      from: 'pages',
      payload: P['connection.test'],
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
        const report = await testConnection(api);
        if (!learned) return report;
        const { boundTo: _binding, ...facts } = await learned.read();
        return { ...report, learned: facts };
      },
    },
    // Pages only: the content script gets its detection rules with the collect push.
    'settings.get': { from: 'pages', payload: P['settings.get'], handle: view },
    'settings.save': {
      from: 'pages',
      // The deep checks (known keys, locks, values) are settings.ts's validatePatch, in save().
      payload: P['settings.save'],
      handle: async (patch) => {
        await settings.save(patch);
        return view();
      },
    },
  };
}
