// Gzip sizes of what the extension ships, per entry. Each JS file is gzipped on its own (level 9,
// as a store or CDN would serve it) and an entry's figure is the sum over every JS file it
// loads: its own script plus the chunks it imports, statically or dynamically. Chunks that
// several entries import (preact, the message protocol...) count in each of those entries'
// figures, and once in the total of all shipped JS.
//
// Entries come from the built manifest: the service worker, the popup and options pages (their
// <script>/<link rel=modulepreload> tags), the panel page (the web-accessible HTML page shown in
// a frame on the agent's page), the pages the worker opens by path (the offscreen document:
// an HTML file of the build, named by no manifest key, whose path the worker's code names),
// declared content scripts (there should be none), and
// the scripts the worker injects on demand: a JS file that nothing imports but whose path an
// entry's code names (scripting.executeScript takes a file path, not an import), reported as
// "content". What is left — shipped, yet neither imported nor named — is "unreferenced": it
// counts in the total (it is in the package) but no context ever loads it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export type EntryName =
  | 'serviceWorker'
  | 'popup'
  | 'options'
  | 'panel'
  | 'workerPages'
  | 'contentDeclared'
  | 'content'
  | 'unreferenced';

export interface FileSize {
  path: string;
  bytes: number;
  gzip: number;
  /** the entries that load this file */
  entries: EntryName[];
}

export interface EntrySize {
  /** the entry's own script(s) */
  roots: string[];
  /** every JS file the entry loads (roots and their import closure) */
  files: string[];
  bytes: number;
  gzip: number;
  /** gzip of the files no other entry loads */
  ownGzip: number;
}

export interface BundleSizes {
  entries: Record<EntryName, EntrySize>;
  files: FileSize[];
  /** every shipped .js file, each counted once */
  totalJs: { files: number; bytes: number; gzip: number };
  /** non-JS assets the pages load (CSS, HTML), for information */
  otherGzip: Record<string, number>;
}

interface Manifest {
  /** Chrome: a service worker; Firefox: an event page's scripts */
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  content_scripts?: { js?: string[] }[];
  web_accessible_resources?: { resources?: string[] }[];
}

export const gzipSize = (content: string | Uint8Array): number =>
  gzipSync(content, { level: 9 }).length;

/** Resolves an import specifier found in `from` (dist-relative) to a dist-relative path. */
export function resolveSpecifier(from: string, specifier: string): string {
  if (specifier.startsWith('/')) return posix.normalize(specifier.slice(1));
  if (specifier.startsWith('./') || specifier.startsWith('../'))
    return posix.normalize(posix.join(posix.dirname(from), specifier));
  return posix.normalize(specifier);
}

// Minified ES modules: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`,
// and `import("./x.js")` (vite wraps dynamic imports in __vitePreload but keeps the literal).
const STATIC_IMPORT = /\b(?:import|export)\b[^"'();]*?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.js)["']\s*\)/g;

/** The JS files `path` imports (statically or dynamically), dist-relative. */
export function importsOf(path: string, source: string): string[] {
  const found = new Set<string>();
  for (const re of [STATIC_IMPORT, DYNAMIC_IMPORT])
    for (const match of source.matchAll(re)) found.add(resolveSpecifier(path, match[1] as string));
  return [...found];
}

/** The module scripts an HTML page loads. */
export function scriptsOfHtml(path: string, html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const text = tag[0];
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(text)?.[1];
    const target =
      tag[1] === 'script'
        ? attr('src')
        : attr('rel') === 'modulepreload'
          ? attr('href')
          : undefined;
    if (target?.endsWith('.js')) found.add(resolveSpecifier(path, target));
  }
  return [...found];
}

/** Sizes of a built extension given as dist-relative path → content. */
export function analyzeBundle(files: ReadonlyMap<string, string | Uint8Array>): BundleSizes {
  const text = (path: string) => {
    const content = files.get(path);
    if (content === undefined) throw new Error(`the build has no ${path}`);
    return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  };
  const manifest = JSON.parse(text('manifest.json')) as Manifest;
  const jsFiles = [...files.keys()].filter((p) => p.endsWith('.js')).sort();
  const imports = new Map(jsFiles.map((p) => [p, importsOf(p, text(p))]));

  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      if (!files.has(next)) throw new Error(`${next} is imported but not in the build`);
      seen.add(next);
      stack.push(...(imports.get(next) ?? []));
    }
    return [...seen].sort();
  };
  const pageScripts = (page: string | undefined) => (page ? scriptsOfHtml(page, text(page)) : []);

  const roots: Record<EntryName, string[]> = {
    serviceWorker: manifest.background?.service_worker
      ? [manifest.background.service_worker]
      : (manifest.background?.scripts ?? []),
    popup: pageScripts(manifest.action?.default_popup),
    options: pageScripts(manifest.options_ui?.page ?? manifest.options_page),
    panel: (manifest.web_accessible_resources ?? [])
      .flatMap((w) => w.resources ?? [])
      .filter((r) => r.endsWith('.html'))
      .flatMap((page) => pageScripts(page)),
    workerPages: [],
    contentDeclared: (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []),
    content: [],
    unreferenced: [],
  };
  const pages = new Set(
    [manifest.action?.default_popup, manifest.options_ui?.page ?? manifest.options_page]
      .concat((manifest.web_accessible_resources ?? []).flatMap((w) => w.resources ?? []))
      .filter((p): p is string => Boolean(p)),
  );
  const workerCode = closure(roots.serviceWorker).map(text).join('\n');
  roots.workerPages = [...files.keys()]
    .filter((p) => p.endsWith('.html') && !pages.has(p) && workerCode.includes(p))
    .sort()
    .flatMap((page) => pageScripts(page));
  const reached = new Set(
    (
      ['serviceWorker', 'popup', 'options', 'panel', 'workerPages', 'contentDeclared'] as const
    ).flatMap((e) => closure(roots[e])),
  );
  const importedByAny = new Set([...imports.values()].flat());
  const orphans = jsFiles.filter((p) => !reached.has(p) && !importedByAny.has(p));
  const named = (p: string) => [...reached].some((r) => text(r).includes(p));
  roots.content = orphans.filter(named);
  const contentFiles = new Set(closure(roots.content));
  roots.unreferenced = orphans.filter((p) => !contentFiles.has(p));

  const gz = new Map(jsFiles.map((p) => [p, gzipSize(files.get(p) as string | Uint8Array)]));
  const raw = (p: string) => {
    const c = files.get(p) as string | Uint8Array;
    return typeof c === 'string' ? Buffer.byteLength(c) : c.length;
  };
  const closures = Object.fromEntries(
    (Object.keys(roots) as EntryName[]).map((e) => [e, closure(roots[e])]),
  ) as Record<EntryName, string[]>;
  const loaders = (p: string) =>
    (Object.keys(closures) as EntryName[]).filter((e) => closures[e].includes(p));
  const sum = (list: string[], f: (p: string) => number) => list.reduce((a, p) => a + f(p), 0);

  const entries = Object.fromEntries(
    (Object.keys(roots) as EntryName[]).map((e) => {
      const list = closures[e];
      const own = list.filter((p) => loaders(p).length === 1);
      return [
        e,
        {
          roots: roots[e],
          files: list,
          bytes: sum(list, raw),
          gzip: sum(list, (p) => gz.get(p) as number),
          ownGzip: sum(own, (p) => gz.get(p) as number),
        },
      ];
    }),
  ) as Record<EntryName, EntrySize>;

  const otherGzip = Object.fromEntries(
    [...files.keys()]
      .filter((p) => /\.(css|html)$/.test(p))
      .sort()
      .map((p) => [p, gzipSize(files.get(p) as string | Uint8Array)]),
  );
  return {
    entries,
    files: jsFiles.map((p) => ({
      path: p,
      bytes: raw(p),
      gzip: gz.get(p) as number,
      entries: loaders(p),
    })),
    totalJs: {
      files: jsFiles.length,
      bytes: sum(jsFiles, raw),
      gzip: sum(jsFiles, (p) => gz.get(p) as number),
    },
    otherGzip,
  };
}

/** Reads every file of a built extension directory into the map analyzeBundle() takes. */
export function readDist(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}
