// The service worker's entry. MV3 delivers the event that woke the worker only to listeners
// registered synchronously in the first turn, so every addListener runs here at top level,
// before anything async.
import browser from 'webextension-polyfill';
import { createCore } from './core';

const core = createCore();
// Other background services register here too, e.g. core.router.register(cobrowseHandlers(core)).

browser.runtime.onMessage.addListener(core.router.listener);
browser.runtime.onConnect.addListener((port) => core.views.accept(port));
browser.storage.onChanged.addListener((_changes, area) => {
  // A new region or client id (by the agent or a policy) ends the old token's validity.
  if (area === 'sync' || area === 'managed') core.pushAuthStatus();
});

// Only the extension's pages and this worker may read storage.session (the token): content
// scripts must not. TRUSTED_CONTEXTS is Chrome's default; set it explicitly anyway.
chrome.storage.session
  .setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch((err: unknown) => console.warn('storage.session access level not set', err));
