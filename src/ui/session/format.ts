// Times in the browser's UI language. Formatters are cached: Intl construction is costly and
// the countdown re-renders every second.
import browser from 'webextension-polyfill';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'hm' | 'hms'): Intl.DateTimeFormat {
  const lang = browser.i18n.getUILanguage();
  const key = `${lang}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      hour: '2-digit',
      minute: '2-digit',
      ...(kind === 'hms' ? { second: '2-digit' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** "14:05" (or "02:05 PM"): for "valid until". */
export const formatTime = (ms: number): string => formatter('hm').format(ms);
/** With seconds: for timeline steps, which can be seconds apart. */
export const formatTimeSeconds = (ms: number): string => formatter('hms').format(ms);
