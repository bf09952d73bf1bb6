// Launches Debian Chromium with the built extension loaded unpacked, in a fresh profile, and
// gives tests handles on its pages, its service worker and the errors it logs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  type Worker,
} from 'playwright-core';
import type { RequestName, RequestOf, ResponseOf, Result } from '../../src/shared/protocol';
import { CdpConnection, collectTargetErrors, devtoolsPort, listTargets } from './cdp';
import { onExit } from './cleanup';
import { waitFor } from './wait';
import { startXvfb, type Xvfb } from './xvfb';
import type { Region } from './xwd-png';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? '/tmp/e2e-screenshots';

export interface LaunchOptions {
  /** A real window (default: new headless). Under Xvfb unless `display` is given. */
  headful?: boolean;
  /** An X display to use instead of a private Xvfb (e.g. your own, to watch). */
  display?: string;
  /** The unpacked extension (default: $E2E_DIST, else dist-test/). */
  dist?: string;
  /**
   * Host names that resolve to 127.0.0.1, e.g. `intranet.test`: a page served from one is plain
   * http and NOT a secure context (a loopback address is one), as an agent's intranet tool is.
   */
  hostAliases?: string[];
  /** The Chromium-family browser to run (default: $E2E_CHROMIUM, else Debian's). */
  executable?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id> */
  origin: string;
  userDataDir: string;
  /** --remote-debugging-port, for targets Playwright does not expose (see realinput.ts) */
  devtoolsPort: number;
  /** DISPLAY when headful */
  display?: string;
  /** A PNG of the whole screen (or a region), windows outside pages included; on our own Xvfb. */
  screenImage?: (region?: Region) => Buffer;
  /** The unpacked build's directory and manifest. */
  dist: string;
  manifest: ChromeManifest;
  /** A message of the build's default locale, as the UI shows it (tests select by these names). */
  message(key: string): string;
  serviceWorker: Worker;
  /** Opens an extension page (path relative to the extension root) in a new tab. */
  openPage(path: string): Promise<Page>;
  openOptions(): Promise<Page>;
  /** The popup's document, opened as an ordinary tab. */
  openPopup(): Promise<Page>;
  /** Sends a runtime message from an extension page, as the popup/options do; returns the raw reply. */
  sendMessage<R = unknown>(type: string, payload?: unknown): Promise<R>;
  /** A typed request of the message protocol; throws with the explained error when not ok. */
  request<N extends RequestName>(type: N, payload: RequestOf<N>): Promise<ResponseOf<N>>;
  /** Runs a function in the extension's service worker. */
  evalInWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Everything in chrome.storage.session, read from the worker (a trusted context). */
  sessionStorage(): Promise<Record<string, unknown>>;
  /** Stops the service worker the way Chrome does when it is idle (DevTools ServiceWorker domain). */
  stopWorker(): Promise<void>;
  /** Stops the worker and starts it again; resolves once the new instance runs. */
  restartWorker(): Promise<void>;
  /** Console errors and uncaught exceptions of extension pages and the worker so far. */
  readonly errors: string[];
  /** Fails with the collected errors, minus those a test expects (e.g. a deliberate 401). */
  expectNoErrors(allowed?: RegExp[]): void;
  /** What chrome://extensions knows: load state, manifest errors, install warnings, runtime errors. */
  extensionReport(): Promise<ExtensionReport>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface ChromeManifest {
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  commands?: Record<string, { suggested_key?: { default?: string } }>;
  [key: string]: unknown;
}

export interface ExtensionReport {
  state: string;
  manifestErrors: string[];
  installWarnings: string[];
  runtimeErrors: string[];
}

/** Exact flags: the harness owns the command line (see README: no --disable-features). */
function chromiumArgs(
  userDataDir: string,
  dist: string,
  headful: boolean,
  hostAliases: string[] = [],
): string[] {
  return [
    `--user-data-dir=${userDataDir}`,
    // Playwright drives the browser over the pipe; the port serves targets it does not manage.
    '--remote-debugging-pipe',
    '--remote-debugging-port=0',
    ...(headful ? [] : ['--headless']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-dev-shm-usage',
    '--password-store=basic',
    '--window-position=0,0',
    '--window-size=1280,800',
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    ...(hostAliases.length > 0
      ? [`--host-resolver-rules=${hostAliases.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`]
      : []),
    'about:blank',
  ];
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const dist = resolve(options.dist ?? process.env.E2E_DIST ?? 'dist-test');
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as ChromeManifest;
  const headful = options.headful ?? process.env.E2E_HEADFUL === '1';
  const userDataDir = mkdtempSync(join(tmpdir(), 'e2e-profile-'));
  const forgetProfile = onExit(() => rmSync(userDataDir, { recursive: true, force: true }));
  // Developer mode turns on chrome://extensions' error console, read by extensionReport().
  mkdirSync(join(userDataDir, 'Default'));
  writeFileSync(
    join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
  );

  let xvfb: Xvfb | undefined;
  let context: BrowserContext | undefined;
  try {
    let display = options.display ?? (headful ? process.env.E2E_DISPLAY : undefined);
    if (headful && !display) {
      xvfb = await startXvfb();
      display = xvfb.display;
    }
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executable ?? CHROMIUM,
      headless: !headful,
      // Playwright's defaults include --disable-extensions and a --disable-features list; the
      // extension must run in a browser configured like an agent's, so we pass every flag ourselves.
      ignoreDefaultArgs: true,
      args: chromiumArgs(userDataDir, dist, headful, options.hostAliases),
      viewport: null,
      env: display ? { ...process.env, DISPLAY: display } : process.env,
      timeout: 30_000,
    });
    return await attach(context, {
      dist,
      manifest,
      userDataDir,
      xvfb,
      display,
      headful,
      forgetProfile,
    });
  } catch (error) {
    await context?.close().catch(() => {});
    await xvfb?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    forgetProfile();
    throw error;
  }
}

async function attach(
  context: BrowserContext,
  env: {
    dist: string;
    manifest: ChromeManifest;
    userDataDir: string;
    xvfb?: Xvfb;
    display?: string;
    headful: boolean;
    forgetProfile: () => void;
  },
): Promise<ExtensionSession> {
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: 15_000,
    }));
  // Node's URL gives chrome-extension: URLs an opaque origin, so take the host ourselves.
  const extensionId = new URL(serviceWorker.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  const port = await devtoolsPort(env.userDataDir);

  const locale = JSON.parse(
    readFileSync(join(env.dist, '_locales', 'en', 'messages.json'), 'utf8'),
  ) as Record<string, { message: string }>;

  const errors: string[] = [];
  const isOurs = (url: string | undefined) => Boolean(url?.startsWith(origin));
  context.on('console', (message) => {
    if (message.type() === 'error' && isOurs(message.page()?.url())) {
      errors.push(`[page ${message.page()?.url()}] ${message.text()}`);
    }
  });
  context.on('weberror', (webError) => {
    if (isOurs(webError.page()?.url())) {
      errors.push(`[page ${webError.page()?.url()}] uncaught ${webError.error().message}`);
    }
  });
  // Playwright reports the worker's console but not its uncaught exceptions: listen over CDP.
  const workerTarget = await waitFor(
    async () =>
      (await listTargets(port)).find(
        (target) => target.type === 'service_worker' && target.url.startsWith(origin),
      ),
    { message: 'the service worker DevTools target' },
  );
  const workerCdp = await CdpConnection.connect(workerTarget.webSocketDebuggerUrl as string);
  const workerErrors = await collectTargetErrors(workerCdp);

  // One quiet extension page hosts message sending and the DevTools ServiceWorker domain.
  let helperPage: Page | undefined;
  let helperCdp: CDPSession | undefined;
  const workerStatus = new Map<string, string>();
  let workerVersionId: string | undefined;
  /** Set when DevTools reports the worker stopped: a page's port may wake it a moment later. */
  let sawStopped = false;
  async function helper(): Promise<{ page: Page; cdp: CDPSession }> {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await context.newPage();
      // A packaged resource is an extension page with chrome.runtime, but runs none of our UI.
      await helperPage.goto(`${origin}/manifest.json`);
      helperCdp = await context.newCDPSession(helperPage);
      helperCdp.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const version of event.versions) {
          if (!version.scriptURL.startsWith(origin)) continue;
          workerVersionId = version.versionId;
          workerStatus.set(version.versionId, version.runningStatus);
          if (version.runningStatus === 'stopped') sawStopped = true;
        }
      });
      await helperCdp.send('ServiceWorker.enable');
    }
    return { page: helperPage, cdp: helperCdp as CDPSession };
  }

  async function openPage(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${origin}/${path.replace(/^\//, '')}`);
    return page;
  }

  async function waitForWorker(status: 'running' | 'stopped') {
    await waitFor(
      () => workerVersionId !== undefined && workerStatus.get(workerVersionId) === status,
      { message: `service worker ${status}` },
    );
  }

  async function stopWorker() {
    const { cdp } = await helper();
    await waitFor(() => workerVersionId, { message: 'service worker version' });
    sawStopped = false;
    await cdp.send('ServiceWorker.stopWorker', { versionId: workerVersionId as string });
    // The stop itself, not the status now: an open panel reconnecting (its port dropped with
    // the worker) may start the worker again before a poll would see it stopped.
    await waitFor(() => sawStopped, { message: 'service worker stopped' });
  }

  const session: ExtensionSession = {
    context,
    extensionId,
    origin,
    userDataDir: env.userDataDir,
    devtoolsPort: port,
    display: env.display,
    screenImage: env.xvfb?.screenshot,
    dist: env.dist,
    manifest: env.manifest,
    message(key) {
      const text = locale[key]?.message;
      if (text === undefined) throw new Error(`no message "${key}" in the built _locales/en`);
      return text;
    },
    serviceWorker,
    openPage,
    openOptions: () => openPage(env.manifest.options_ui?.page ?? 'options.html'),
    openPopup: () => openPage(env.manifest.action?.default_popup ?? 'popup.html'),
    async sendMessage<R>(type: string, payload: unknown = {}) {
      const { page } = await helper();
      return page.evaluate((message) => chrome.runtime.sendMessage(message) as Promise<R>, {
        type,
        payload,
      }) as Promise<R>;
    },
    async request(type, payload) {
      const reply = await session.sendMessage<Result<never>>(type, payload);
      if (reply?.ok === true) return reply.value;
      throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
    },
    evalInWorker: (fn, arg) =>
      serviceWorker.evaluate(fn as (arg: unknown) => never, arg) as Promise<never>,
    sessionStorage: () => serviceWorker.evaluate(() => chrome.storage.session.get(null)),
    stopWorker,
    async restartWorker() {
      await stopWorker();
      const { cdp } = await helper();
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `${origin}/` });
      await waitForWorker('running');
    },
    get errors() {
      return [...errors, ...workerErrors.map((error) => `[worker] ${error}`)];
    },
    expectNoErrors(allowed = []) {
      const unexpected = session.errors.filter(
        (error) => !allowed.some((pattern) => pattern.test(error)),
      );
      if (unexpected.length > 0) {
        throw new Error(`Extension logged errors:\n${unexpected.join('\n')}`);
      }
    },
    async extensionReport() {
      const page = await context.newPage();
      try {
        await page.goto('chrome://extensions');
        // chrome://extensions itself reads this through its private API; so do we.
        const info = await page.evaluate(async (id) => {
          // biome-ignore lint/suspicious/noExplicitAny: developerPrivate has no public typings
          const api = (chrome as any).developerPrivate;
          const all = await api.getExtensionsInfo({
            includeDisabled: true,
            includeTerminated: true,
          });
          // biome-ignore lint/suspicious/noExplicitAny: as above
          return all.find((e: any) => e.id === id) ?? null;
        }, extensionId);
        if (!info)
          return { state: 'MISSING', manifestErrors: [], installWarnings: [], runtimeErrors: [] };
        const messages = (list: { message: string }[] | undefined) =>
          (list ?? []).map((e) => e.message);
        return {
          state: info.state,
          manifestErrors: messages(info.manifestErrors),
          installWarnings: (info.installWarnings ?? []) as string[],
          runtimeErrors: messages(info.runtimeErrors),
        };
      } finally {
        await page.close();
      }
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      // A background tab paints no frames in headless mode: bring it forward first.
      await page.bringToFront();
      await page.screenshot({ path, timeout: 5_000 });
      return path;
    },
    async close() {
      workerCdp.close();
      // Bounded: a wedged browser must not hang the run; Playwright kills it on exit anyway.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        context.close().catch(() => {}),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 15_000);
        }),
      ]);
      clearTimeout(timer);
      await env.xvfb?.close();
      rmSync(env.userDataDir, { recursive: true, force: true, maxRetries: 3 });
      env.forgetProfile();
    },
  };
  return session;
}
