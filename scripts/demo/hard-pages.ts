// Pages that make an on-page panel hard to use: right-to-left text, CSS zoom on <html>, hostile
// !important rules, the page's own modal dialog, the dark colour scheme, and 200 % browser zoom
// in an 800 px window. The tour serves each from a path of the sandbox's origin (answered by
// the browser context's route, not the sandbox) and photographs the panel on it.
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionSession } from '../../tools/browser/browser';

export interface HardPage {
  name: string;
  /** What makes it hard, for the report. */
  what: string;
  html(conversationId: string): string;
  /** Set up after the page loaded (e.g. open its dialog); undone by the returned function. */
  arrange?(page: Page, session: ExtensionSession): Promise<() => Promise<void>>;
}

function agentPage(conversationId: string, { html = 'lang="en"', head = '', body = '' } = {}) {
  return `<!doctype html>
<html ${html}><head><meta charset="utf-8"><title>Support desk</title>${head}</head>
<body style="font: 16px system-ui; margin: 24px">
  <h1>Support desk</h1>
  <p>Conversation ID: <code>${conversationId}</code></p>
  ${body}
</body></html>`;
}

export const HARD_PAGES: HardPage[] = [
  {
    name: 'rtl',
    what: 'a right-to-left page (dir="rtl", Arabic)',
    html: (id) =>
      agentPage(id, {
        html: 'lang="ar" dir="rtl"',
        body: '<p>مرحبا، كيف يمكنني مساعدتك اليوم؟</p>',
      }),
  },
  {
    name: 'css-zoom',
    what: 'a page with html { zoom: 2 }',
    html: (id) => agentPage(id, { head: '<style>html { zoom: 2 }</style>' }),
  },
  {
    name: 'hostile-css',
    what: 'hostile !important CSS on divs, iframes and everything else',
    html: (id) =>
      agentPage(id, {
        head: `<style>
          div, iframe { all: unset !important; display: none !important; }
          * { filter: blur(1px) !important; }
          html > *:not(head):not(body) { transform: scale(0) !important; visibility: hidden !important; }
        </style>`,
      }),
  },
  {
    name: 'modal-dialog',
    what: "the page's own modal <dialog> opened over the panel",
    html: (id) =>
      agentPage(id, {
        body: '<dialog id="modal"><p>Transfer the customer?</p><button>Not now</button></dialog>',
      }),
    async arrange(page) {
      await page.evaluate(() =>
        (document.getElementById('modal') as HTMLDialogElement).showModal(),
      );
      return async () => {
        await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).close());
      };
    },
  },
  {
    name: 'dark',
    what: 'the dark colour scheme',
    html: (id) => agentPage(id, { head: '<meta name="color-scheme" content="light dark">' }),
    async arrange(page) {
      await page.emulateMedia({ colorScheme: 'dark' });
      return async () => {
        await page.emulateMedia({ colorScheme: null });
      };
    },
  },
  {
    name: 'zoom-200-800px',
    what: '200 % browser zoom in an 800 px window',
    html: (id) => agentPage(id),
    async arrange(page, session) {
      // The agent's own zoom (Ctrl+=): the tab's browser zoom, in a window resized to 800 px.
      const url = page.url();
      const [tab] = await session.evalInWorker(
        async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u),
        url,
      );
      if (!tab?.id) throw new Error(`no tab at ${url}`);
      const ids = { tabId: tab.id, windowId: tab.windowId };
      await session.evalInWorker(async ({ tabId, windowId }) => {
        await chrome.windows.update(windowId, { width: 800, height: 800 });
        await chrome.tabs.setZoom(tabId, 2);
      }, ids);
      return async () => {
        await session.evalInWorker(async ({ tabId, windowId }) => {
          await chrome.tabs.setZoom(tabId, 0);
          await chrome.windows.update(windowId, { width: 1280, height: 800 });
        }, ids);
      };
    },
  },
];

/** Serves the hard pages at `${origin}/demo-pages/<name>.html` in this browser context. */
export async function serveHardPages(
  context: BrowserContext,
  origin: string,
  conversationFor: (name: string) => string,
): Promise<(name: string) => string> {
  await context.route(`${origin}/demo-pages/*`, async (route) => {
    const name = new URL(route.request().url()).pathname
      .split('/')
      .pop()
      ?.replace(/\.html$/, '');
    const page = HARD_PAGES.find((p) => p.name === name);
    if (!page) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: page.html(conversationFor(page.name)),
    });
  });
  return (name) => `${origin}/demo-pages/${name}.html`;
}
