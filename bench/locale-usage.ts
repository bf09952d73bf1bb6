// Which messages of the locale files nothing uses, and which are duplicated. Pure: given the
// raw text of each messages.json and of every source file, it reports
//   - keys named twice in one file (JSON.parse keeps the last silently),
//   - keys whose English text is the same as another key's (one message, two keys),
//   - keys no source file names. A key counts as used when a source names it as a whole word
//     (t('ov_end'), __MSG_ext_name__) or when it matches a key built at run time: a template
//     literal such as `err_${id}_title` or `ov_step_${step}` becomes the pattern
//     ^err_[a-z0-9_]+_title$ / ^ov_step_[a-z0-9_]+$.

export interface LocaleUsage {
  /** per locale, keys that appear more than once in that file */
  duplicateKeys: Record<string, string[]>;
  /** groups of keys with the same English message */
  duplicateTexts: string[][];
  /** keys of the default locale that no source names or builds */
  unused: string[];
  /** the run-time key patterns found in the sources, as regular expression sources */
  dynamicPatterns: string[];
}

// `prefix_${...}` … with snake_case literal parts; the first part must end in "_".
const TEMPLATE = /`([a-z][a-z0-9]*_[a-z0-9_]*)((?:\$\{[^}`]+\}[a-z0-9_]*)+)`/g;

/** Top-level keys in the order the file lists them, duplicates kept (nested ones skipped). */
export function keysInFile(raw: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      const text = raw.slice(i + 1, j);
      if (depth === 1 && /^\s*:/.test(raw.slice(j + 1, j + 40))) keys.push(text);
      i = j;
    }
  }
  return keys;
}

/** Run-time key patterns built by template literals in the sources. */
export function dynamicKeyPatterns(sources: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const text of sources)
    for (const m of text.matchAll(TEMPLATE)) {
      const rest = (m[2] as string).replace(/\$\{[^}`]+\}/g, '\u0000');
      patterns.add(`^${m[1]}${rest.replaceAll('\u0000', '[a-z0-9_]+')}$`);
    }
  return [...patterns].sort();
}

export function localeUsage(input: {
  /** locale → raw messages.json text */
  locales: Record<string, string>;
  defaultLocale: string;
  /** every source file that may name a message (code, HTML, manifest), as text */
  sources: readonly string[];
}): LocaleUsage {
  const duplicateKeys: Record<string, string[]> = {};
  for (const [locale, raw] of Object.entries(input.locales)) {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const key of keysInFile(raw)) (seen.has(key) ? twice : seen).add(key);
    if (twice.size > 0) duplicateKeys[locale] = [...twice].sort();
  }
  const defaults = JSON.parse(input.locales[input.defaultLocale] ?? '{}') as Record<
    string,
    { message?: string }
  >;
  const byText = new Map<string, string[]>();
  for (const [key, { message }] of Object.entries(defaults)) {
    if (typeof message !== 'string') continue;
    byText.set(message, [...(byText.get(message) ?? []), key]);
  }
  const duplicateTexts = [...byText.values()].filter((keys) => keys.length > 1);

  const dynamicPatterns = dynamicKeyPatterns(input.sources);
  const dynamic = dynamicPatterns.map((p) => new RegExp(p));
  const words = new Set<string>();
  for (const text of input.sources)
    for (const m of text.matchAll(/[A-Za-z0-9_]+/g)) words.add(m[0]);
  const unused = Object.keys(defaults)
    .filter((key) => !words.has(key) && !words.has(`__MSG_${key}__`))
    .filter((key) => !dynamic.some((re) => re.test(key)))
    .sort();
  return { duplicateKeys, duplicateTexts, unused, dynamicPatterns };
}
