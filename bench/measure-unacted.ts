// "Nothing runs on a page the agent has not acted on", checked three ways:
// 1. the release manifest declares no content script (and the worker registers none at runtime);
// 2. a page opened at the start of the run and never acted on has, by the end of the run (after
//    every trigger on other tabs), no isolated world of the extension and no overlay element;
// 3. the detector is proven able to see one: the worker injects a no-op function into a control
//    tab, and that tab's watcher must report an extension world (else the check proves nothing).
import type { Page } from 'playwright-core';
import { panelFrame } from '../tools/browser/overlay';
import { waitFor } from '../tools/browser/wait';
import { watchExtensionWorlds } from './page-probe';
import type { Bench } from './setup';
import type { Measured } from './targets';
import { liveWorker } from './worker';

interface Manifest {
  content_scripts?: unknown[];
}

export async function startUnactedWatch(bench: Bench, url: string) {
  const { session } = bench;
  const page = await session.context.newPage();
  const watch = await watchExtensionWorlds(session.context, page, session.origin);
  await page.goto(url);

  return async function finish(releaseManifest: Manifest): Promise<Measured> {
    const declared = releaseManifest.content_scripts ?? [];
    const registered = await (await liveWorker(session)).evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
    );
    // The panel is a frame of the extension's page: the page has none it did not ask for.
    const overlayInPage = panelFrame(page) !== undefined;
    const worlds = watch.extensionWorlds();
    const control = await detectorControl(bench, url);
    await watch.detach();
    await page.close();
    const detail = {
      declaredContentScripts: declared.length,
      registeredContentScripts: registered,
      extensionWorldsInUnactedPage: worlds.length,
      panelFrameInUnactedPage: overlayInPage,
      detectorSawInjectedControl: control,
      contextsSeenInUnactedPage: watch.all().length,
    };
    if (control !== true)
      return {
        notMeasured: `the CDP detector did not see a deliberate injection (${control})`,
        detail,
      };
    return {
      ok: declared.length === 0 && registered.length === 0 && worlds.length === 0 && !overlayInPage,
      detail,
    };
  };
}

async function detectorControl({ session }: Bench, url: string): Promise<true | string> {
  const page: Page = await session.context.newPage();
  const watch = await watchExtensionWorlds(session.context, page, session.origin);
  try {
    // Its own URL: the worker finds the tab by URL and must not touch the unacted page.
    await page.goto(`${url}${url.includes('?') ? '&' : '?'}bench-control`);
    const pageUrl = page.url();
    // A string, not a function: tsx would wrap the nested `func` in a helper the worker lacks.
    await (await liveWorker(session)).evaluate(`(async (target) => {
      // Match patterns take no port: compare URLs (readable under the loopback host permission).
      const tab = (await chrome.tabs.query({})).find((t) => t.url === target);
      if (tab?.id === undefined) throw new Error('no tab at ' + target);
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => 1 });
    })(${JSON.stringify(pageUrl)})`);
    await waitFor(() => watch.extensionWorlds().length > 0, {
      timeout: 5_000,
      message: 'an extension world in the control tab',
    });
    return true;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] as string) : String(error);
  } finally {
    await watch.detach();
    await page.close();
  }
}
