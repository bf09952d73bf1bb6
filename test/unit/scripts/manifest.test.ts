// Pins what the extension asks the browser for, on the manifests the build really emits: the
// release build (what `npm run package` ships) and the test build (sandbox e2e).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironments } from 'genesys-cloud-service-discovery-web';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseProblems } from '../../../scripts/package';

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: unknown[];
  web_accessible_resources?: { resources: string[]; matches?: string[] }[];
  content_security_policy?: { extension_pages?: string };
  commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
};

const LOOPBACK = /\/\/(127\.0\.0\.1|localhost|\[::1\])[/:]/;
const root = mkdtempSync(join(tmpdir(), 'manifest-test-'));
const built: Record<'release' | 'test', { dir: string; manifest: Manifest }> = {
  release: { dir: join(root, 'release'), manifest: {} },
  test: { dir: join(root, 'test'), manifest: {} },
};

beforeAll(async () => {
  for (const [kind, mode] of [
    ['release', 'production'],
    ['test', 'test'],
  ] as const) {
    const { dir } = built[kind];
    await build({ mode, logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
    built[kind].manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The hosts every Genesys region needs: REST, OAuth, notification websockets. */
function genesysHosts(): string[] {
  return getEnvironments().flatMap(({ publicDomainName: d }) => [
    `https://api.${d}/*`,
    `https://login.${d}/*`,
    `wss://streaming.${d}/*`,
  ]);
}

const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();

describe('release manifest', () => {
  const m = () => built.release.manifest;

  it('asks for the minimal permission set and nothing else', () => {
    // clipboardWrite and offscreen: the auto-copy of a join code writes the clipboard from an
    // offscreen document (the worker has none), which needs clipboardWrite for execCommand.
    expect(sorted(m().permissions)).toEqual([
      'activeTab',
      'clipboardWrite',
      'contextMenus',
      'identity',
      // Desktop notifications (the alerts); the offscreen document also plays the alert tone.
      'notifications',
      'offscreen',
      'scripting',
      'storage',
    ]);
  });

  it('reaches exactly the api., login. and streaming. hosts of every Genesys region', () => {
    expect(sorted(m().host_permissions)).toEqual(sorted(genesysHosts()));
    // Custom base URLs (a company proxy) are granted one origin at a time, at runtime: its
    // https origin and, for notifications, the same host over wss.
    expect(m().optional_host_permissions).toEqual(['https://*/*', 'wss://*/*']);
  });

  it('declares no page-wide content script, no external messaging, no <all_urls>', () => {
    expect(m().content_scripts ?? []).toEqual([]);
    expect(m()).not.toHaveProperty('externally_connectable');
    expect(JSON.stringify(m())).not.toContain('<all_urls>');
    for (const war of m().web_accessible_resources ?? []) {
      for (const match of war.matches ?? []) expect(match).not.toMatch(/^\*:\/\/\*\/|^<all_urls>$/);
    }
  });

  it('exposes only the panel page to web pages, at a per-session URL a page cannot guess', () => {
    // A web-accessible file at a fixed URL lets any page detect the extension; the content
    // script is injected, never fetched.
    expect(m().web_accessible_resources).toEqual([
      {
        resources: ['src/panel/index.html'],
        matches: ['http://*/*', 'https://*/*'],
        use_dynamic_url: true,
      },
    ]);
    expect(existsSync(join(built.release.dir, 'src/panel/index.html'))).toBe(true);
    expect(existsSync(join(built.release.dir, 'src/content/main.js'))).toBe(true);
  });

  it('has a CSP that loads no remote code and never evaluates strings', () => {
    const csp = m().content_security_policy?.extension_pages ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wss?:|\*/);
  });

  it('carries no test-only key and no loopback host', () => {
    expect(m()).not.toHaveProperty('key');
    const hosts = [...(m().host_permissions ?? []), ...(m().optional_host_permissions ?? [])];
    expect(hosts.filter((h) => LOOPBACK.test(h))).toEqual([]);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(releaseProblems(m(), version)).toEqual([]);
  });

  it('names both commands with suggested keys that Chrome does not use itself', () => {
    // Chrome's own Alt+Shift shortcuts: A (focus dialogs), B (bookmarks bar), I (feedback),
    // T (toolbar); an extension key that collides with them is silently not assigned. Chromium
    // 156 on Linux also leaves C and X unassigned (seen with chrome.commands.getAll()).
    const chromeKeys = [
      'Alt+Shift+A',
      'Alt+Shift+B',
      'Alt+Shift+C',
      'Alt+Shift+I',
      'Alt+Shift+T',
      'Alt+Shift+X',
    ];
    const commands = m().commands ?? {};
    expect(Object.keys(commands).sort()).toEqual(['_execute_action', 'start-cobrowse']);
    const keys = Object.values(commands).map((c) => c.suggested_key?.default);
    for (const key of keys) {
      expect(key).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z0-9]$/);
      expect(chromeKeys).not.toContain(key);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('points only at files the build contains', () => {
    const { dir } = built.release;
    const icons = m().icons as Record<string, string>;
    const action = m().action as { default_popup: string; default_icon: Record<string, string> };
    const files = [
      ...Object.values(icons),
      ...Object.values(action.default_icon),
      action.default_popup,
      (m().options_ui as { page: string }).page,
      (m().background as { service_worker: string }).service_worker,
      (m().storage as { managed_schema: string }).managed_schema,
      '_locales/en/messages.json',
    ];
    for (const file of files) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
    expect((m().background as { type?: string }).type).toBe('module');
    expect(m().default_locale).toBe('en');
  });
});

describe('test manifest', () => {
  const m = () => built.test.manifest;

  it('adds the fixed key and loopback hosts the sandbox e2e needs', () => {
    const { key } = JSON.parse(readFileSync('test/e2e/test-key.json', 'utf8'));
    expect(m().key).toBe(key);
    expect((m().host_permissions ?? []).filter((h) => LOOPBACK.test(h)).length).toBeGreaterThan(0);
    expect(releaseProblems(m(), m().version as string).length).toBeGreaterThan(0);
  });

  it('otherwise asks for the same permissions as the release build', () => {
    expect(sorted(m().permissions)).toEqual(sorted(built.release.manifest.permissions));
    const nonLoopback = (m().host_permissions ?? []).filter((h) => !LOOPBACK.test(h));
    expect(sorted(nonLoopback)).toEqual(sorted(built.release.manifest.host_permissions));
  });
});
