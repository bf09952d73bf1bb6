// The toolbar badge as Chrome holds it for the extension's action (read in the service worker).
import type { ExtensionSession } from './browser';

export function badgeText(session: ExtensionSession): Promise<string> {
  return session.evalInWorker(() => chrome.action.getBadgeText({}));
}

export function badgeTitle(session: ExtensionSession): Promise<string> {
  return session.evalInWorker(() => chrome.action.getTitle({}));
}
