// The Firefox build in Debian's firefox-esr, headful under Xvfb, against the sandbox: the
// options page's redirect URI, sign-in through the real identity.launchWebAuthFlow window, the
// start-cobrowse shortcut pressed with xdotool, the panel showing the sandbox's session, the
// customer accepting and declining, and what a page's own script can reach of the panel.
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { firefoxRedirectUri, GECKO_ID } from '../../../scripts/firefox-manifest';
import { PANEL_INIT } from '../../../src/shared/panel-link';
import { createRequests, sandboxSession } from '../../../tools/browser/agent';
import { byRole, firefoxPanel } from '../../../tools/browser/firefox-panel';
import { embedPanelWithForgedKey } from '../../../tools/browser/page-attacks';
import { xdotoolChord } from '../../../tools/browser/realinput';
import { waitFor } from '../../../tools/browser/wait';
import { FIREFOX_EXTENSION_REDIRECT } from '../../../tools/sandbox/seed';
import { pressStartOn, SEED, useFirefox, useFirefoxSandbox } from './harness';

const agent = SEED.conversations.agent;
const isLive = (s: { state: string }) => s.state === 'offered' || s.state === 'active';

describe('Firefox: the add-on from the same sources', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);
  const pages: Page[] = [];
  const keep = (page: Page) => {
    pages.push(page);
    return page;
  };

  afterEach(async () => {
    const s = sandbox.current;
    for (const live of s.sessions().filter(isLive)) {
      await ff.current
        .request('cobrowse.end', { conversationId: live.conversationId })
        .catch(() => undefined);
    }
    await s.waitFor(() => !s.sessions().some(isLive));
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  /** The start-cobrowse shortcut, pressed for real on the agent tool's page of a conversation. */
  async function startByKey(conversationId: string) {
    const page = keep(await pressStartOn(ff.current, sandbox.current, conversationId));
    const issued = await sandboxSession(sandbox.current, conversationId);
    const panel = await firefoxPanel(page, ff.current);
    await expect.poll(() => panel.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    return { page, panel, issued };
  }

  it('the options page shows Firefox’s redirect URI, which the sandbox’s client has registered', async () => {
    const options = keep(await ff.current.openOptions());
    const field = await options.waitForSelector(byRole('textbox', m('options_redirect_uri')));
    const shown = await field?.evaluate((el) => (el as HTMLInputElement).value);
    expect(shown).toBe(firefoxRedirectUri(GECKO_ID));
    expect(shown).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    expect(shown).toBe(FIREFOX_EXTENSION_REDIRECT);
  });

  it('signs in through the launchWebAuthFlow window; the popup shows the user and org', async () => {
    const session = ff.current;
    const popup = keep(await session.openPopup());
    const authTarget = session.browser.waitForTarget(
      (t) => t.url().startsWith(`${sandbox.current.url}/oauth/authorize`),
      { timeout: 20_000 },
    );
    await (await popup.waitForSelector(byRole('button', m('popup_sign_in'))))?.click();
    const login = await (await authTarget).page();
    if (!login) throw new Error('the sign-in window has no page');
    await (await login.waitForSelector(byRole('radio', 'Dana Whitfield')))?.click();
    await (await login.waitForSelector(byRole('button', 'Allow')))?.click();

    // Plain text has no role: puppeteer's text selector (the smallest element with that text).
    await popup.waitForSelector('::-p-text(Dana Whitfield)', { timeout: 20_000 });
    await popup.waitForSelector(`::-p-text(${SEED.org.name})`, { timeout: 20_000 });
    expect(await session.request('auth.status', {})).toMatchObject({
      signedIn: true,
      user: { id: SEED.users.agent, name: 'Dana Whitfield' },
      org: { id: SEED.org.id, name: SEED.org.name },
    });
  });

  it('the start-cobrowse shortcut, pressed with xdotool, starts; the panel shows the sandbox’s session', async () => {
    const { panel, issued } = await startByKey(agent.messagingOnline);
    expect(issued.joinCode).toMatch(/^\d{6}$/);
    expect(await panel.sessionId()).toBe(issued.id);
    expect(await panel.status()).toBe(m('ov_status_offered'));
  });

  it('the popup’s shortcut opens the real popup over the page; Start, clicked for real, starts', async () => {
    const session = ff.current;
    const page = keep(
      await session.openWebPage(
        `${sandbox.current.url}/sandbox/agent-tool/${agent.messagingOnline}`,
      ),
    );
    const key = session.manifest.commands?._execute_action?.suggested_key?.default;
    if (!key) throw new Error('no _execute_action shortcut');
    await session.pressKeys(page, xdotoolChord(key));
    // The page's conversation is preselected, so Start is enabled.
    const start = await session.popupControl('button', m('popup_start'));
    await session.clickAt(start.x, start.y);

    const issued = await sandboxSession(sandbox.current, agent.messagingOnline);
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
  });

  it('a real right-click on a link, "Start cobrowse" chosen by keys: the linked conversation', async () => {
    const session = ff.current;
    // Every conversation of the agent is on this page; the link names one.
    const page = keep(await session.openWebPage(`${sandbox.current.url}/sandbox/agent-tool`));
    const link = await page.waitForSelector(
      `xpath///tr[contains(., ${JSON.stringify(agent.voice)})]//a`,
    );
    const box = await link?.boundingBox();
    if (!box) throw new Error('the link is not on screen');
    await session.rightClickInPage(page, box.x + box.width / 2, box.y + box.height / 2);
    // Firefox's link menu ends with the add-on's item: Up from nothing selected reaches it.
    const items = await session.contextMenuItems();
    expect(items).toContain('Open Link in New Tab');
    expect(items.at(-1)).toBe(m('popup_start'));
    await session.pressKeys(page, 'Up');
    await session.pressKeys(page, 'Return');

    const issued = await sandboxSession(sandbox.current, agent.voice);
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
  });

  it('accept: the panel says active and offers the viewer', async () => {
    const { panel } = await startByKey(agent.messagingOnline);
    sandbox.current.customer(agent.messagingOnline, 'accept');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    await panel.control('button', m('ov_open_viewer'));
  });

  it('decline: the panel says declined and offers to offer again', async () => {
    const { panel, issued } = await startByKey(agent.messagingOnline);
    sandbox.current.customer(agent.messagingOnline, 'decline');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_declined'));
    await panel.control('button', m('ov_offer_again'));
    expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('declined');
  });

  it('expiry: the offer runs out before the customer accepts; the panel says expired', async () => {
    const s = sandbox.current;
    const ttl = s.settings().offerTtlSeconds;
    s.settings({ offerTtlSeconds: 3 });
    try {
      const { panel, issued } = await startByKey(agent.messagingOnline);
      await sandboxSession(s, agent.messagingOnline, ['expired']);
      await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_expired'));
      expect(s.sessions().find((x) => x.id === issued.id)?.state).toBe('expired');
    } finally {
      s.settings({ offerTtlSeconds: ttl });
    }
  });

  it('customer offline: asked, "Send when the customer is back", sent on their return', async () => {
    const session = ff.current;
    const id = agent.messagingOffline;
    const page = keep(await session.openWebPage(`${sandbox.current.url}/sandbox/agent-tool/${id}`));
    const key = session.manifest.commands?.['start-cobrowse']?.suggested_key?.default ?? '';
    await session.pressKeys(page, xdotoolChord(key));
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_offline_text'));
    const creates = () => createRequests(sandbox.current, id).length;
    const before = creates();

    await (await panel.control('button', m('ov_send_when_back'))).click();
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_waiting'));
    expect(creates()).toBe(before);

    sandbox.current.customer(id, 'go-online');
    const issued = await sandboxSession(sandbox.current, id);
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
    // The code's row may render a frame after the status line: wait for it as the others do.
    await expect.poll(() => panel.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    expect(issued.delivered).toBe(true);
    expect(creates()).toBe(before + 1);
  });

  it('the event page terminated mid-offer: the code stays, and an accept while it is stopped arrives', async () => {
    const session = ff.current;
    const s = sandbox.current;
    const creates = () =>
      s
        .requests({ method: 'POST', route: '/api/v2/conversations/{conversationId}/cobrowse' })
        .filter((r) => r.path.includes(agent.messagingOnline)).length;
    const before = creates();
    const { panel, issued } = await startByKey(agent.messagingOnline);
    expect(await session.backgroundState()).toBe('running');

    // Terminated as about:debugging does, and the customer accepts while nothing of the add-on
    // runs. The panel's port closed with the page; its reconnect wakes the event page, whose
    // REST reconcile finds the accept.
    await session.stopBackground();
    s.customer(agent.messagingOnline, 'accept');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    expect(await panel.joinCode()).toBe(issued.joinCode);
    await panel.control('button', m('ov_open_viewer'));
    expect(await session.backgroundState()).toBe('running');
    // Never a second POST.
    expect(creates()).toBe(before + 1);
  });

  it('auto-copy "code": the event page itself copies the join code (no offscreen document); a real paste shows it', async () => {
    const session = ff.current;
    await session.request('settings.save', { autoCopy: 'code' });
    try {
      const { page, issued } = await startByKey(agent.messagingOnline);
      const recorded = await waitFor(
        async () => {
          const key = `cobrowse.session.${agent.messagingOnline}`;
          const stored = await session.evalInExtension(
            async (k) =>
              (
                (await (
                  globalThis as unknown as {
                    browser: { storage: { session: { get(k: string): Promise<never> } } };
                  }
                ).browser.storage.session.get(k)) as Record<
                  string,
                  { snapshot?: { autoCopy?: unknown } }
                >
              )[k]?.snapshot?.autoCopy,
            key,
          );
          return stored;
        },
        { message: 'the auto-copy recorded' },
      );
      expect(recorded).toMatchObject({ joinCode: issued.joinCode, what: 'code', ok: true });
      // The clipboard, read back the agent's way: Ctrl+V, for real, into a field of the page.
      await page.evaluate(() => {
        const box = document.createElement('textarea');
        box.id = 'paste-here';
        document.body.prepend(box);
        box.focus();
      });
      await session.pressKeys(page, 'ctrl+v');
      await expect
        .poll(() => page.$eval('#paste-here', (el) => (el as HTMLTextAreaElement).value))
        .toBe(issued.joinCode);
    } finally {
      await session.request('settings.save', { autoCopy: 'off' });
    }
  });

  it('a page script finds no session data: not in the DOM, nor its frames; its own it reads (control)', async () => {
    const { page, issued } = await startByKey(agent.messagingOnline);
    const found = await page.evaluate(() => {
      // Positive control: the page's own open shadow root and own frame, which it can read.
      const own = document.createElement('div');
      own.attachShadow({ mode: 'open' }).innerHTML = '<p>planted-in-shadow</p>';
      document.body.append(own);
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>planted-in-frame</p>';
      document.body.append(frame);
      return new Promise<{ text: string; reads: string[] }>((resolve) => {
        frame.addEventListener('load', () => {
          const text: string[] = [document.documentElement.outerHTML];
          const visit = (root: Document | ShadowRoot) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.shadowRoot) {
                text.push(el.shadowRoot.innerHTML);
                visit(el.shadowRoot);
              }
            }
          };
          visit(document);
          const reads: string[] = [];
          for (let i = 0; i < window.frames.length; i++) {
            try {
              text.push((window.frames[i] as Window).document.documentElement.outerHTML);
              reads.push('read');
            } catch (e) {
              reads.push((e as Error).name);
            }
          }
          for (const entry of performance.getEntries()) text.push(entry.name);
          resolve({ text: text.join('\n'), reads });
        });
      });
    });
    expect(found.text).toContain('planted-in-shadow');
    expect(found.text).toContain('planted-in-frame');
    // Only the page's own frame is listed: the panel's sits in a closed shadow root.
    expect(found.reads).toEqual(['read']);
    for (const secret of [issued.joinCode, issued.id]) expect(found.text).not.toContain(secret);
  });

  it('a page embedding the panel page with a forged key gets no view; the real panel goes on', async () => {
    const session = ff.current;
    const { page, panel, issued } = await startByKey(agent.messagingOnline);
    // A moz-extension:// host is random per profile, but say the page learnt it.
    await page.evaluate(embedPanelWithForgedKey, {
      src: `${session.origin}/src/panel/index.html`,
      init: PANEL_INIT,
      id: 'forged',
    });
    const embedded = await waitFor(
      async () => {
        const handle = await page.$('iframe#forged');
        const frame = await handle?.contentFrame();
        const title = await frame?.evaluate(() => document.title).catch(() => undefined);
        // Positive control: it is our panel page, running (it set its title).
        return title === m('ov_dialog_name') ? frame : undefined;
      },
      { message: 'the page’s own panel frame running' },
    );
    sandbox.current.customer(agent.messagingOnline, 'accept');
    await expect.poll(() => panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    expect(await panel.joinCode()).toBe(issued.joinCode);
    expect(await embedded.evaluate(() => document.getElementById('app')?.childElementCount)).toBe(
      0,
    );
    expect(await embedded.evaluate(() => document.body.textContent)).not.toContain(issued.joinCode);
  });

  it('logged no errors: not in the pages it opened, not in any context of the add-on', async () => {
    expect(ff.current.errors).toEqual([]);
    expect(await ff.current.extensionErrors()).toEqual([]);
  });
});
