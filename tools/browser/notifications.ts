// The extension's desktop notifications as the worker sees them (chrome.notifications), and a
// click on a notification's button as Chrome reports it to the worker: headless Chromium shows
// no notification to click (real-input-notification.test.ts clicks the real one under Xvfb).
import type { ExtensionSession } from './browser';

/** The notification id the extension gives a conversation's alerts. */
export const notificationOf = (conversationId: string) => `cobrowse:${conversationId}`;

/** The ids of the extension's notifications Chrome holds now. */
export const notificationIds = (session: ExtensionSession): Promise<string[]> =>
  session.evalInWorker(async () => Object.keys(await chrome.notifications.getAll()));

/** chrome.notifications.onButtonClicked with Chrome's data: every listener runs as for a click. */
export const pressNotificationButton = (session: ExtensionSession, id: string, index: number) =>
  session.evalInWorker(
    ({ id, index }) => {
      (
        chrome.notifications.onButtonClicked as unknown as {
          dispatch(id: string, index: number): void;
        }
      ).dispatch(id, index);
    },
    { id, index },
  );

/** A page of the viewer for this conversation (the agent viewer the extension opens). */
export const isViewerFor = (conversationId: string) => (url: string) =>
  url.includes('/cobrowse-next/viewer.html') && url.includes(`conversationId=${conversationId}`);
