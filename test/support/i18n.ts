// The English catalogue for Node-side tests: chrome.i18n.getMessage's substitution rules over
// the real public/_locales/en/messages.json. Imported through vite (not read by URL) so it also
// loads under happy-dom, where import.meta.url is not a file: URL.
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

export const i18n = { getMessage, getUILanguage: () => 'en' };

// t() and the content script read chrome.i18n directly (the content script carries no polyfill).
const g = globalThis as unknown as { chrome?: Record<string, unknown> };
g.chrome = { ...g.chrome, i18n };
