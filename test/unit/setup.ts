// Unit tests run against @webext-core/fake-browser in place of webextension-polyfill, with
// i18n.getMessage answering from the real English messages.json (the fake has no i18n).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
// Imported through vite (not read by URL) so it also loads under the happy-dom environment,
// where import.meta.url is not a file: URL.
import catalogue from '../../public/_locales/en/messages.json';

const messages: Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
> = catalogue;

export function getMessage(key: string, subs?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  let text = entry.message;
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    const value = ph.content.replace(/\$(\d)/g, (_, n) => list[Number(n) - 1] ?? '');
    text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), value);
  }
  return text.replace(/\$(\d)/g, (_, n) => list[Number(n) - 1] ?? '');
}

Object.assign(fakeBrowser, {
  i18n: { ...(fakeBrowser as { i18n?: object }).i18n, getMessage, getUILanguage: () => 'en' },
});
vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
// t() and the overlay read chrome.i18n directly (the content script carries no polyfill).
const g = globalThis as unknown as { chrome?: Record<string, unknown> };
g.chrome = { ...g.chrome, i18n: { getMessage, getUILanguage: () => 'en' } };

beforeEach(() => {
  fakeBrowser.reset();
});
