// Popup opened → conversation list rendered.
//
// How: the popup document is opened by the worker with tabs.create({active: false}) in the window
// whose active tab is an agent page, so the popup's own "active tab" query finds that page — as
// when the agent clicks the toolbar button over it — and the background reads its hints. (The
// real toolbar popup is not a Playwright page and cannot get an init script before it loads.)
// A context init script, active only in the popup document, records performance.now() — ms
// since the document's navigation start — when the radio group first holds a radio.
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { waitFor } from '../tools/browser/wait';
import { KEEP_NAMES_SHIM } from './page-probe';
import type { Bench } from './setup';
import { summarize } from './stats';
import type { Measured } from './targets';
import { liveWorker } from './worker';

declare global {
  interface Window {
    __benchPopup?: { listAt: number | null; radios: number };
  }
}

function popupProbe(popupPath: string): string {
  const body = (path: string) => {
    if (location.protocol !== 'chrome-extension:' || location.pathname !== path) return;
    const marks = { listAt: null as number | null, radios: 0 };
    window.__benchPopup = marks;
    const check = () => {
      const radios = document.querySelectorAll('[role="radiogroup"] input[type="radio"]');
      if (radios.length === 0) return false;
      marks.listAt = performance.now();
      marks.radios = radios.length;
      return true;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  };
  return `(() => { ${KEEP_NAMES_SHIM} (${body.toString()})(${JSON.stringify(popupPath)}); })();`;
}

export async function measurePopup(
  { session, sandbox }: Bench,
  samples: number,
): Promise<Measured> {
  const popupPath = `/${session.manifest.action?.default_popup ?? 'popup.html'}`;
  const popupUrl = `${session.origin}${popupPath}`;
  await session.context.addInitScript(popupProbe(popupPath));
  const agentPage = await session.context.newPage(); // the active tab the popup opens over
  // The in-house tool's list page: every conversation of the agent, none with a session of its
  // own on this tab (a tab showing a session opens the popup on that session, not the list).
  await agentPage.goto(`${sandbox.url}/sandbox/agent-tool`);
  const times: number[] = [];
  const before = loadavg();
  let radios = 0;
  try {
    for (let i = 0; i < samples; i++) {
      await agentPage.bringToFront();
      const opened = session.context.waitForEvent('page', {
        predicate: (p) => p.url().startsWith(popupUrl),
        timeout: 10_000,
      });
      await (await liveWorker(session)).evaluate(async (url) => {
        await chrome.tabs.create({ url, active: false });
      }, popupUrl);
      const popup: Page = await opened;
      try {
        const marks = await waitFor(
          () => popup.evaluate(() => (window.__benchPopup?.listAt ? window.__benchPopup : null)),
          { timeout: 15_000, message: 'the popup conversation list' },
        );
        times.push(marks.listAt as number);
        radios = marks.radios;
      } finally {
        await popup.close();
      }
    }
  } finally {
    await agentPage.close();
  }
  return {
    summary: summarize(times),
    load: { before, after: loadavg() },
    detail: {
      method:
        'popup document in a background tab over an agent page (tabs.create active:false); navigation start → first radio in the radio group (MutationObserver)',
      radios,
      samples: times.map((t) => Math.round(t * 10) / 10),
    },
  };
}
