// The org check's edges in the worker: the guest route (no token), the stored token set, its own
// notification socket and the agent viewer's address, all for the environment in the settings.
import browser from 'webextension-polyfill';
import type { Settings } from '../../shared/settings';
import { endpoints } from '../../shared/settings';
import { TOKEN_KEY } from '../auth';
import { guestCall } from '../cobrowse/end';
import { viewerUrl } from '../cobrowse/viewer';
import type { CheckDeps } from './context';
import { openWatch } from './watch';

const GUEST_TIMEOUT_MS = 15_000;

export function browserDeps(
  settings: () => Promise<Settings>,
): Pick<CheckDeps, 'guest' | 'storedRefreshToken' | 'openWatch' | 'viewerUrl'> {
  return {
    guest: async (method, path) => {
      const base = endpoints((await settings()).environment).api;
      const fetcher = (input: RequestInfo | URL, init?: RequestInit) =>
        globalThis.fetch(input, init);
      return (await guestCall(fetcher, method, `${base}${path}`, GUEST_TIMEOUT_MS)).status;
    },
    // Whether the last token answer carried a refresh token: the stored set keeps it when it did.
    storedRefreshToken: async () => {
      const stored = (await browser.storage.session.get(TOKEN_KEY))[TOKEN_KEY] as
        | { refreshToken?: unknown }
        | undefined;
      return stored ? typeof stored.refreshToken === 'string' : undefined;
    },
    openWatch: (uri, who, signal) =>
      openWatch(
        {
          WebSocket,
          setTimeout: (fn, ms) => setTimeout(fn, ms),
          clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
        },
        uri,
        who,
        signal,
      ),
    viewerUrl: async (id) =>
      viewerUrl(endpoints((await settings()).environment).apps, id, browser.i18n.getUILanguage()),
  };
}
