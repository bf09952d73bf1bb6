// Which browser `npm run demo` drives, or what it must install or tell the person first. Pure:
// the machine is described by `MachineFacts`; scripts/demo/find-browser.ts gathers them.
//
// Branded Google Chrome ignores --load-extension since version 137, so it cannot load the
// unpacked build; Chromium and Chrome for Testing still take the flag.

export type DemoBrowser = 'chromium' | 'chrome' | 'edge' | 'firefox';
export const DEMO_BROWSERS: readonly DemoBrowser[] = ['chromium', 'chrome', 'edge', 'firefox'];

/** What drives it: Playwright (Chromium family) or puppeteer-core over WebDriver BiDi. */
export type Engine = 'chromium' | 'firefox';
export const engineOf = (b: DemoBrowser): Engine => (b === 'firefox' ? 'firefox' : 'chromium');

export interface MachineFacts {
  /** an executable file */
  exists(path: string): boolean;
  /** the major version a browser binary reports, when it runs */
  majorVersion(path: string): number | undefined;
  /** E2E_CHROMIUM / E2E_FIREFOX: a browser the person named */
  env: { E2E_CHROMIUM?: string; E2E_FIREFOX?: string };
  /** Chrome for Testing binaries found (`npx @puppeteer/browsers install chrome@stable`) */
  chromeForTesting: string[];
  /** running as root, with apt-get (Debian, as .ci/run does) */
  root: boolean;
  apt: boolean;
}

export type Decision =
  | { kind: 'use'; browser: DemoBrowser; path: string; label: string; notes: string[] }
  | { kind: 'install'; browser: DemoBrowser; commands: string[][]; say: string; notes: string[] }
  | { kind: 'instruct'; message: string };

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const EDGE = [
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/microsoft/msedge/msedge',
];
const FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const GOOGLE_CHROME = [
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];
/** The first Chrome that ignores --load-extension. */
export const CHROME_WITHOUT_LOAD_EXTENSION = 137;

const LABEL: Record<DemoBrowser, string> = {
  chromium: 'Chromium',
  chrome: 'Chrome for Testing',
  edge: 'Microsoft Edge',
  firefox: 'Firefox',
};

/** The apt package that gives each browser on Debian, where there is one. */
const APT: Partial<Record<DemoBrowser, string>> = { chromium: 'chromium', firefox: 'firefox-esr' };
const CFT_INSTALL = 'npx @puppeteer/browsers install chrome@stable';

function candidates(b: DemoBrowser, m: MachineFacts): string[] {
  switch (b) {
    case 'chromium':
      return [m.env.E2E_CHROMIUM ?? DEBIAN_CHROMIUM];
    case 'chrome':
      return m.chromeForTesting;
    case 'edge':
      return EDGE;
    case 'firefox':
      return m.env.E2E_FIREFOX ? [m.env.E2E_FIREFOX] : FIREFOXES;
  }
}

/** A branded Google Chrome that would silently not load the extension, said plainly. */
function brandedChromeNote(m: MachineFacts): string | undefined {
  const path = GOOGLE_CHROME.find((p) => m.exists(p));
  if (!path) return undefined;
  const major = m.majorVersion(path);
  if (major !== undefined && major < CHROME_WITHOUT_LOAD_EXTENSION) return undefined;
  return `Google Chrome at ${path}${major ? ` (${major})` : ''} is not used: since Chrome ${CHROME_WITHOUT_LOAD_EXTENSION} it ignores --load-extension, so it cannot load the unpacked build. Chrome for Testing takes it: ${CFT_INSTALL}`;
}

function installOrInstruct(
  b: DemoBrowser,
  m: MachineFacts,
  notes: string[],
  anyBrowser: boolean,
): Decision {
  const pkg = APT[b];
  // A browser the person pointed at by path: installing a package would not put it there.
  const named =
    b === 'chromium' ? m.env.E2E_CHROMIUM : b === 'firefox' ? m.env.E2E_FIREFOX : undefined;
  const missing = named
    ? `${LABEL[b]} was not found at ${named} (${b === 'chromium' ? 'E2E_CHROMIUM' : 'E2E_FIREFOX'}).`
    : anyBrowser
      ? 'No usable browser (Chromium, Chrome for Testing, Edge or Firefox) was found.'
      : `No ${LABEL[b]} was found.`;
  if (pkg && m.root && m.apt && !named)
    return {
      kind: 'install',
      browser: b,
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', pkg],
      ],
      say: `${missing} Installing Debian's ${pkg} (apt-get update, then apt-get install -y ${pkg})…`,
      notes,
    };
  if (b === 'edge')
    return {
      kind: 'instruct',
      message: [...notes, `${missing} Get it from https://www.microsoft.com/edge`].join('\n\n'),
    };
  const command = pkg
    ? `${m.root ? '' : 'sudo '}apt-get update && ${m.root ? '' : 'sudo '}apt-get install -y ${pkg}`
    : CFT_INSTALL;
  const how = named
    ? `Point ${b === 'chromium' ? 'E2E_CHROMIUM' : 'E2E_FIREFOX'} at an installed one, or unset it and install Debian's with:`
    : 'Install it with:';
  const other =
    m.apt || !pkg ? '' : `\n\nWithout apt-get, Chrome for Testing runs the demo: ${CFT_INSTALL}`;
  return {
    kind: 'instruct',
    message: [...notes, `${missing} ${how}\n\n  ${command}${other}`].join('\n\n'),
  };
}

/** The browser to drive: `requested` if given, else the first usable one in DEMO_BROWSERS order. */
export function chooseBrowser(requested: DemoBrowser | undefined, m: MachineFacts): Decision {
  const chromeNote = brandedChromeNote(m);
  const notes = chromeNote ? [chromeNote] : [];
  for (const b of requested ? [requested] : DEMO_BROWSERS) {
    const path = candidates(b, m).find((p) => m.exists(p));
    if (path) return { kind: 'use', browser: b, path, label: LABEL[b], notes };
  }
  if (requested) return installOrInstruct(requested, m, notes, false);
  // Nothing at all: Debian's Chromium where apt-get is, else Chrome for Testing (any Linux).
  return installOrInstruct(m.apt ? 'chromium' : 'chrome', m, notes, true);
}
