// The service worker's entry. MV3 delivers the event that woke the worker only to listeners
// registered synchronously in the first turn, so every addListener runs here at top level,
// before anything async.

import contentFile from 'virtual:content-script';
import browser from 'webextension-polyfill';
import { maskSecrets } from '../shared/redact';
import { TOKEN_KEY } from './auth';
import { createCobrowseApp } from './cobrowse/app';
import { createCore } from './core';
import { createOrgCheck } from './org-check/service';
import type { HandlerMap } from './router';

const core = createCore();
const cobrowse = createCobrowseApp(core, contentFile);
const orgCheck = createOrgCheck(core);
// Every request of the protocol, answered: this does not compile while one has no handler.
const handlers: HandlerMap = { ...core.handlers, ...cobrowse.handlers, ...orgCheck.handlers };
core.router.register(handlers);

browser.runtime.onMessage.addListener(core.router.listener);
browser.runtime.onConnect.addListener((port) => {
  // Each accepts only its own port name: 'views' (extension pages), 'overlay' (content script).
  core.views.accept(port);
  cobrowse.overlay.accept(port);
});
browser.storage.onChanged.addListener((changes, area) => {
  // A new region or client id (by the agent or a policy) ends the old token's validity.
  if (area === 'sync' || area === 'managed') {
    core.settings.invalidate();
    core.pushAuthStatus();
    cobrowse.settingsChanged();
  }
  if (area === 'session' && TOKEN_KEY in changes) {
    core.auth.tokenChanged?.();
    cobrowse.tokenChanged(changes[TOKEN_KEY] as { oldValue?: unknown; newValue?: unknown });
  }
});

// Triggers: the right-click item (created once per install/update; Chrome keeps it) and the
// keyboard command. The toolbar button opens the popup.
browser.runtime.onInstalled.addListener(() => {
  cobrowse.triggers
    .createMenu(browser.contextMenus)
    .catch((err: unknown) => console.warn(`context menu not created: ${maskSecrets(String(err))}`));
});
browser.contextMenus.onClicked.addListener((info, tab) => {
  cobrowse.triggers
    .onMenuClick(info, tab)
    .catch((err: unknown) => console.warn(maskSecrets(String(err))));
});
browser.commands.onCommand.addListener((command, tab) => {
  cobrowse.triggers
    .onCommand(command, tab)
    .catch((err: unknown) => console.warn(maskSecrets(String(err))));
});
browser.tabs.onRemoved.addListener((tabId) => cobrowse.overlay.forget(tabId));
// The desktop notifications: the body brings the session's tab to the front, the button opens
// the viewer.
browser.notifications.onClicked.addListener((id) => {
  cobrowse.alerts.clicked(id).catch((err: unknown) => console.warn(maskSecrets(String(err))));
});
browser.notifications.onButtonClicked.addListener((id, index) => {
  cobrowse.alerts
    .buttonClicked(id, index)
    .catch((err: unknown) => console.warn(maskSecrets(String(err))));
});

// Only the extension's pages and this worker may read storage.session (the token): content
// scripts must not. TRUSTED_CONTEXTS is Chrome's default; set it explicitly anyway. chrome.*:
// webextension-polyfill neither wraps nor types setAccessLevel. Firefox has no setAccessLevel:
// there storage.session is never exposed to content scripts.
chrome.storage.session
  .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch((err: unknown) => console.warn('storage.session access level not set', err));
