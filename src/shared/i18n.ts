// Every visible string comes from _locales. Chrome's i18n API is synchronous and available in
// every extension context, content scripts included. chrome.i18n is used directly, not through
// webextension-polyfill, so the injected content script does not carry the polyfill.

export function t(key: string, substitutions?: string | string[]): string {
  const text = chrome.i18n.getMessage(key, substitutions);
  // A missing key renders as itself, so it is visible in review and caught by the locale test.
  return text || key;
}
