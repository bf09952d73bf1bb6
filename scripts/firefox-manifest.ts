// The Firefox build's manifest, generated from manifest.json (never kept by hand), and the
// build modes that choose it. Firefox's MV3 differs from Chrome's in what these change:
// - the background is an event page (`background.scripts`), not a service worker
//   (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/background);
// - an add-on needs `browser_specific_settings.gecko.id`, which also fixes its
//   identity.getRedirectURL() (`https://<sha1 of the id>.extensions.allizom.org/`);
// - no offscreen documents (the event page has a DOM: it copies and plays the tone itself), no
//   `use_dynamic_url` (a moz-extension:// origin is already random per profile), no
//   `minimum_chrome_version`, no `key`, and managed settings come from the enterprise policy's
//   `3rdparty` section, not a `storage.managed_schema`.
import { createHash } from 'node:crypto';

/** The add-on id: the same for the release and the test build, so the redirect URI is one. */
export const GECKO_ID = 'cobrowse-launcher@genesys-cloud-extensions.example';
/** Firefox ESR 140: the oldest that knows data_collection_permissions (and all else used). */
export const GECKO_MIN_VERSION = '140.0';
const GECKO_ANDROID_MIN_VERSION = '142.0';

/**
 * Firefox's install-time data consent (Firefox 140+; older versions ignore it), which AMO
 * requires of new add-ons (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/):
 * the agent's sign-in goes to Genesys Cloud, a third party to the add-on's publisher.
 */
const DATA_COLLECTION = { required: ['authenticationInfo'] };
/** Permissions Chrome knows and Firefox does not. */
const CHROME_ONLY_PERMISSIONS = new Set(['offscreen']);
/** Top-level keys Firefox ignores with a warning. */
const CHROME_ONLY_KEYS = ['minimum_chrome_version', 'key'];

export type Browser = 'chrome' | 'firefox';

/**
 * `vite build --mode <mode>`: `test`, `org-check` and `production` are Chrome's; `firefox`,
 * `firefox-test`. `test`: the e2e build (shorter clocks). `local`: the fixed key and loopback
 * access, for the test builds and the org check's (which keeps the release clocks: it talks to
 * a real org, and its redirect URI must be one the admin registers once).
 */
export function buildMode(mode: string): {
  browser: Browser;
  test: boolean;
  local: boolean;
  outDir: string;
} {
  const browser: Browser = mode.startsWith('firefox') ? 'firefox' : 'chrome';
  const test = mode === 'test' || mode === 'firefox-test';
  const base = browser === 'firefox' ? 'dist-firefox' : 'dist';
  const outDir = test ? `${base}-test` : mode === 'org-check' ? 'dist-org-check' : base;
  return { browser, test, local: test || mode === 'org-check', outDir };
}

/** What Firefox's identity.getRedirectURL() answers for an add-on id. */
export function firefoxRedirectUri(addonId: string): string {
  return `https://${createHash('sha1').update(addonId).digest('hex')}.extensions.allizom.org/`;
}

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  permissions?: string[];
  storage?: unknown;
  web_accessible_resources?: Record<string, unknown>[];
};

/** The Firefox manifest of a Chrome MV3 manifest (a new object; the input is not changed). */
export function firefoxManifest(chrome: Manifest): Manifest {
  const {
    background,
    permissions = [],
    storage: _managedSchema,
    web_accessible_resources: resources = [],
    ...rest
  } = structuredClone(chrome);
  for (const key of CHROME_ONLY_KEYS) delete rest[key];
  if (!background?.service_worker)
    throw new Error('manifest.json has no background.service_worker');
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    permissions: permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.has(p)),
    web_accessible_resources: resources.map(({ use_dynamic_url: _dynamic, ...r }) => r),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        data_collection_permissions: DATA_COLLECTION,
      },
      // Firefox for Android knows the data consent from 142; AMO lists an add-on for Android
      // only when its publisher opts in, this key only keeps the linter's minimum consistent.
      gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
    },
  };
}
