// The tab the agent opened the popup over: its page is where hints are read and the overlay
// shows. Undefined when there is none (e.g. a devtools window), which the background accepts.
import browser from 'webextension-polyfill';

export async function activeTabId(): Promise<number | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  } catch {
    return undefined;
  }
}
