import { describe, expect, it } from 'vitest';
import { analyzeBundle, gzipSize, importsOf, scriptsOfHtml } from '../../../bench/sizes';

// A miniature of what vite + crxjs emit: a loader for the worker, hashed chunks in assets/,
// pages whose scripts are tags, and an on-demand content script nobody imports.
const build = new Map<string, string>([
  [
    'manifest.json',
    JSON.stringify({
      background: { service_worker: 'service-worker-loader.js' },
      action: { default_popup: 'src/popup/index.html' },
      options_ui: { page: 'src/options/index.html' },
      web_accessible_resources: [{ resources: ['src/panel/index.html'], use_dynamic_url: true }],
    }),
  ],
  ['service-worker-loader.js', "import './assets/index.ts-AAA.js';\n"],
  [
    'assets/index.ts-AAA.js',
    'import{m as a}from"./messages-BBB.js";const f=()=>import("./lazy-CCC.js");chrome.scripting.executeScript({files:["assets/main.ts-DDD.js"]});chrome.offscreen.createDocument({url:"src/offscreen/index.html"});',
  ],
  ['assets/messages-BBB.js', `export const m=${JSON.stringify('x'.repeat(500))};`],
  ['assets/lazy-CCC.js', 'export default 1;'],
  ['assets/main.ts-DDD.js', 'import"./preact-EEE.js";document.title="overlay";'],
  ['assets/preact-EEE.js', `export const h=${JSON.stringify('p'.repeat(300))};`],
  ['assets/popup-FFF.js', 'import{h}from"./preact-EEE.js";import{m}from"./messages-BBB.js";'],
  [
    'src/popup/index.html',
    '<script type="module" crossorigin src="/assets/popup-FFF.js"></script><link rel="modulepreload" crossorigin href="/assets/preact-EEE.js"><link rel="stylesheet" href="/assets/p.css">',
  ],
  ['src/options/index.html', '<script type="module" src="../../assets/options-GGG.js"></script>'],
  ['assets/options-GGG.js', 'export{};'],
  ['assets/p.css', 'body{margin:0}'],
  // The panel page, web-accessible, shown in a frame on the agent's page.
  ['src/panel/index.html', '<script type="module" src="/assets/panel-HHH.js"></script>'],
  ['assets/panel-HHH.js', 'import{h}from"./preact-EEE.js";'],
  // A page the worker opens by path (the offscreen document), named by no manifest key.
  ['src/offscreen/index.html', '<script type="module" src="/assets/offscreen-III.js"></script>'],
  ['assets/offscreen-III.js', 'document.title="offscreen";'],
  // Emitted by the build but loaded by nothing: shipped dead weight.
  ['assets/main.ts-OLD.js', 'import"./preact-EEE.js";'],
]);

describe('bench bundle sizes', () => {
  it('finds static, side-effect and dynamic imports, resolved from the importing file', () => {
    expect(
      importsOf('assets/index.ts-AAA.js', build.get('assets/index.ts-AAA.js') as string),
    ).toEqual(['assets/messages-BBB.js', 'assets/lazy-CCC.js']);
    expect(importsOf('service-worker-loader.js', "import './assets/x.js';")).toEqual([
      'assets/x.js',
    ]);
  });

  it('reads module scripts and modulepreloads from a page, not stylesheets', () => {
    expect(
      scriptsOfHtml('src/popup/index.html', build.get('src/popup/index.html') as string),
    ).toEqual(['assets/popup-FFF.js', 'assets/preact-EEE.js']);
    expect(
      scriptsOfHtml('src/options/index.html', build.get('src/options/index.html') as string),
    ).toEqual(['assets/options-GGG.js']);
  });

  it('attributes chunks to every entry that loads them and counts each file once in the total', () => {
    const sizes = analyzeBundle(build);
    const gz = (p: string) => gzipSize(build.get(p) as string);
    expect(sizes.entries.serviceWorker.files).toEqual([
      'assets/index.ts-AAA.js',
      'assets/lazy-CCC.js',
      'assets/messages-BBB.js',
      'service-worker-loader.js',
    ]);
    // The injected script is a root of its own: nothing imports it, the worker names its path.
    expect(sizes.entries.content.roots).toEqual(['assets/main.ts-DDD.js']);
    expect(sizes.entries.content.files).toEqual(['assets/main.ts-DDD.js', 'assets/preact-EEE.js']);
    expect(sizes.entries.content.gzip).toBe(
      gz('assets/main.ts-DDD.js') + gz('assets/preact-EEE.js'),
    );
    // preact is shared by popup and content: in both entries, in neither's own share.
    expect(sizes.entries.content.ownGzip).toBe(gz('assets/main.ts-DDD.js'));
    expect(sizes.files.find((f) => f.path === 'assets/preact-EEE.js')?.entries).toEqual([
      'popup',
      'panel',
      'content',
      'unreferenced',
    ]);
    expect(sizes.entries.contentDeclared.files).toEqual([]);
    // The web-accessible panel page is an entry of its own, apart from the content script.
    expect(sizes.entries.panel.files).toEqual(['assets/panel-HHH.js', 'assets/preact-EEE.js']);
    expect(sizes.entries.panel.ownGzip).toBe(gz('assets/panel-HHH.js'));
    // The page the worker opens by path is its own entry, not dead weight.
    expect(sizes.entries.workerPages.files).toEqual(['assets/offscreen-III.js']);
    expect(sizes.entries.unreferenced.roots).toEqual(['assets/main.ts-OLD.js']);
    expect(sizes.entries.unreferenced.ownGzip).toBe(gz('assets/main.ts-OLD.js'));
    const js = [...build.keys()].filter((p) => p.endsWith('.js'));
    expect(sizes.totalJs).toEqual({
      files: js.length,
      bytes: js.reduce((a, p) => a + Buffer.byteLength(build.get(p) as string), 0),
      gzip: js.reduce((a, p) => a + gz(p), 0),
    });
    expect(Object.keys(sizes.otherGzip)).toEqual([
      'assets/p.css',
      'src/offscreen/index.html',
      'src/options/index.html',
      'src/panel/index.html',
      'src/popup/index.html',
    ]);
  });

  it("counts a Firefox event page's background scripts as the worker's roots", () => {
    const manifest = JSON.parse(build.get('manifest.json') as string);
    manifest.background = { scripts: ['service-worker-loader.js'], type: 'module' };
    const firefox = new Map(build).set('manifest.json', JSON.stringify(manifest));
    const sizes = analyzeBundle(firefox);
    expect(sizes.entries.serviceWorker.roots).toEqual(['service-worker-loader.js']);
    expect(sizes.entries.serviceWorker.files).toEqual(
      analyzeBundle(build).entries.serviceWorker.files,
    );
  });

  it('fails loudly when an import points at a file the build lacks', () => {
    const broken = new Map(build);
    broken.set('assets/lazy-CCC.js', 'import"./gone-ZZZ.js";');
    expect(() => analyzeBundle(broken)).toThrow(/gone-ZZZ\.js is imported but not in the build/);
  });
});
