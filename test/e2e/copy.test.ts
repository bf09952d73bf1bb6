// Copy that never lies, in real Chromium under Xvfb: the agent's page is a plain-http intranet
// tool (`intranet.test`, resolved to 127.0.0.1, so NOT a secure context) that also withholds
// clipboard-write by Permissions-Policy, where the async Clipboard API in the panel frame is
// refused; the session is started with the real shortcut (activeTab, as for an agent). Copy in
// the panel, on a secure page and in the popup puts the join code on the clipboard (read back
// in a trusted page); the auto-copy option puts the code or the filled invitation there as the
// code arrives. A page script cannot make the extension copy its own text, nor read the code
// through the clipboard. Only the reader's origin is granted clipboard access.
import type { Frame, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_INIT } from '../../src/shared/panel-link';
import { openPopupOver, sandboxSession } from '../../tools/browser/agent';
import { freshConversation, sessionWhere } from '../../tools/browser/cobrowse';
import { overlayOn, popupSession, waitForPanelFrame } from '../../tools/browser/overlay';
import { RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import { useFixturePages } from './harness/fixture-pages';
import { panelReady } from './harness/panel-start';
import { useAgentSuite } from './harness/suite';

const INTRANET = 'intranet.test';
/** What the clipboard holds before each test: a copy that did not happen leaves it. */
const SENTINEL = 'another-customer-4411-do-not-paste';
/** The text a hostile page wants on the agent's clipboard. */
const EVIL = 'evil-text-from-the-page-93c1';
const WITHHOLD_CLIPBOARD = { 'permissions-policy': 'clipboard-write=()' };

/** An agent's page showing one conversation id, so the shortcut starts at once. */
const casePage = (conversationId: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet case</title></head>
<body><main><h1>Case</h1><p>Conversation ID: <code>${conversationId}</code></p>
<label for="chat">Reply</label><textarea id="chat"></textarea></main>
<script>${script}</script></body></html>`;

describe('copy that never lies', () => {
  const { ext, sandbox, m, open, endAfter } = useAgentSuite({
    launch: { headful: true, hostAliases: [INTRANET] },
  });
  const fixtures = useFixturePages();
  let reader: Page;

  beforeAll(async () => {
    // Only the reader's origin may read (and reset) the clipboard: not the agent's pages, not
    // the extension's.
    await ext.current.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: sandbox.current.url,
    });
    reader = await ext.current.context.newPage();
    // A quiet page of that origin (the customer page reloads itself as sessions change).
    await reader.goto(`${sandbox.current.url}/clipboard-reader`);
  });

  afterEach(async () => {
    await ext.current.request('settings.save', { autoCopy: 'off', invitationTemplate: '' });
  });

  async function clipboard(): Promise<string> {
    await reader.bringToFront();
    return reader.evaluate(() => navigator.clipboard.readText());
  }
  async function setClipboard(text: string) {
    await reader.bringToFront();
    await reader.evaluate((t) => navigator.clipboard.writeText(t), text);
    expect(await clipboard()).toBe(text);
  }

  /** A fresh conversation on its page at `origin`, started with the real shortcut. */
  async function startOn(
    where: 'intranet' | 'secure',
    { customerName = 'Priya Clipboard', script = '' } = {},
  ) {
    const id = endAfter(freshConversation(sandbox.current, { customerName }));
    const name = `case-${id}.html`;
    const secure = fixtures.page(name, casePage(id, script), WITHHOLD_CLIPBOARD);
    const url = where === 'secure' ? secure : `http://${INTRANET}:${fixtures.port()}/${name}`;
    const page = await open(url);
    const input = RealInput.for(ext.current);
    await input.focusBrowser(page);
    // The shortcut acts on the focused window's active tab: the clipboard reader was in front a
    // moment ago, so wait until this page has the focus before pressing.
    await waitFor(async () => (await page.evaluate(() => document.hasFocus())) || undefined, {
      message: 'the case page focused',
    });
    const key = ext.current.manifest.commands?.['start-cobrowse']?.suggested_key?.default;
    await input.key(xdotoolChord(key as string));
    const issued = await sandboxSession(sandbox.current, id);
    const overlay = await overlayOn(page, ext.current);
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    const frame = await waitForPanelFrame(page);
    return { id, page, overlay, frame, joinCode: issued.joinCode };
  }

  /** What the async Clipboard API does in the panel frame (the way Copy used to write). */
  const apiWrite = (frame: Frame) =>
    frame.evaluate(() =>
      navigator.clipboard.writeText('api-probe').then(
        () => 'written',
        (e: Error) => e.name,
      ),
    );

  it('Copy on a plain-http page that withholds clipboard-write: the code is on the clipboard', async () => {
    await setClipboard(SENTINEL);
    const { page, overlay, frame, joinCode } = await startOn('intranet');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    // Positive control: here the Clipboard API is refused in the panel frame.
    expect(await apiWrite(frame)).toBe('NotAllowedError');
    expect(await clipboard()).toBe(SENTINEL);

    await page.bringToFront();
    await panelReady(frame);
    await overlay.button(m('ov_copy_code')).click();
    await overlay.button(m('ui_copied')).waitFor();
    expect(await clipboard()).toBe(joinCode);
  });

  it('Copy on a secure (loopback) page: the code is on the clipboard', async () => {
    await setClipboard(SENTINEL);
    const { page, overlay, frame, joinCode } = await startOn('secure');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await page.bringToFront();
    await panelReady(frame);
    await overlay.button(m('ov_copy_code')).click();
    await overlay.button(m('ui_copied')).waitFor();
    expect(await clipboard()).toBe(joinCode);
  });

  it('Copy in the popup over the intranet page: the code is on the clipboard', async () => {
    const { page, joinCode } = await startOn('intranet');
    await setClipboard(SENTINEL);
    await page.bringToFront();
    const popup = await openPopupOver(ext.current, page);
    try {
      const session = popupSession(popup, ext.current);
      await expect.poll(() => session.joinCode(), { timeout: 20_000 }).toBe(joinCode);
      await popup.bringToFront();
      await session.button(m('ov_copy_code')).click();
      await session.button(m('ui_copied')).waitFor();
      expect(await clipboard()).toBe(joinCode);
    } finally {
      await popup.close();
    }
  });

  it('auto-copy "code": the join code is on the clipboard as it arrives, and recorded', async () => {
    await ext.current.request('settings.save', { autoCopy: 'code' });
    await setClipboard(SENTINEL);
    const { id, joinCode } = await startOn('intranet');
    const stored = await sessionWhere(
      ext.current,
      id,
      (s) => s.autoCopy !== undefined,
      'the auto-copy recorded',
    );
    expect(stored.autoCopy).toMatchObject({ joinCode, what: 'code', ok: true });
    expect(await clipboard()).toBe(joinCode);
  });

  it('auto-copy "invitation": the admin’s template, filled, is on the clipboard', async () => {
    await ext.current.request('settings.save', {
      autoCopy: 'invitation',
      invitationTemplate: 'Open our chat and enter {code}. Valid {minutes} min.',
    });
    await setClipboard(SENTINEL);
    const { id, joinCode } = await startOn('intranet');
    const stored = await sessionWhere(
      ext.current,
      id,
      (s) => s.autoCopy !== undefined,
      'the auto-copy recorded',
    );
    expect(stored.autoCopy).toMatchObject({ joinCode, what: 'invitation', ok: true });
    const copied = await clipboard();
    const match = /^Open our chat and enter (\d{6})\. Valid (\d+) min\.$/.exec(copied);
    expect(match?.[1]).toBe(joinCode);
    // Whole minutes left on the offer when it was copied (rounded up).
    const left = ((stored.offerEndsAt as number) - (stored.autoCopy?.at as number)) / 60_000;
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(Math.ceil(left));
    expect(Number(match?.[2])).toBeLessThanOrEqual(Math.ceil(left) + 1);
  });

  it('auto-copy "invitation" with no template: the built-in English text, filled', async () => {
    await ext.current.request('settings.save', { autoCopy: 'invitation' });
    await setClipboard(SENTINEL);
    const { id, joinCode } = await startOn('intranet');
    await sessionWhere(ext.current, id, (s) => s.autoCopy !== undefined, 'the auto-copy recorded');
    const copied = await clipboard();
    const pattern = m('invitation_default')
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace('{code}', '(\\d{6})')
      .replace('{minutes}', '\\d+');
    expect(new RegExp(`^${pattern}$`).exec(copied)?.[1]).toBe(joinCode);
  });

  it('a page script cannot make the extension copy its text, nor read the code from the clipboard', async () => {
    await ext.current.request('settings.save', { autoCopy: 'code' });
    await setClipboard(SENTINEL);
    // The page's own code, in its main world: it listens for copies, then attacks.
    const listen = `window.copies = 0; document.addEventListener('copy', () => window.copies++, true);
      window.messages = 0; window.addEventListener('message', () => window.messages++);`;
    const { id, page, overlay, joinCode } = await startOn('intranet', {
      script: listen,
    });
    await sessionWhere(ext.current, id, (s) => s.autoCopy?.ok === true, 'the auto-copy done');
    // Positive control: the auto-copy really put the code on the clipboard.
    expect(await clipboard()).toBe(joinCode);

    await page.bringToFront();
    const attack = await page.evaluate(
      async ({ evil, init }) => {
        const tried: Record<string, string> = {};
        // Every window the page can address, and its own (where a content script would hear).
        const targets = [
          window,
          ...Array.from({ length: window.frames.length }, (_, i) => window.frames[i] as Window),
        ];
        for (const target of targets) {
          target.postMessage({ type: 'offscreen.copy', text: evil }, '*');
          target.postMessage({ type: 'copy', text: evil }, '*');
          target.postMessage({ type: init, key: 'k'.repeat(32) }, '*');
        }
        tried.frames = String(window.frames.length);
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
          ?.runtime;
        tried.runtime = typeof runtime?.sendMessage;
        try {
          tried.read = await navigator.clipboard.readText();
        } catch (e) {
          tried.read = `refused: ${(e as Error).name || String(e)}`;
        }
        return tried;
      },
      { evil: EVIL, init: PANEL_INIT },
    );
    // The attack ran (its messages were posted: the page heard its own), the panel frame is not
    // even addressable (closed shadow root), the page has no extension messaging, and its
    // clipboard read was refused (a plain-http page has no Clipboard API at all).
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { messages: number }).messages))
      .toBe(3);
    expect(attack.frames).toBe('0');
    expect(attack.runtime).toBe('undefined');
    expect(attack.read).toMatch(/^refused: /);
    expect(attack.read).not.toContain(joinCode);
    // Nothing the page sent was copied: the clipboard still holds the extension's copy.
    expect(await clipboard()).toBe(joinCode);
    // The panel is still the session's (the forged init changed nothing).
    expect(await overlay.joinCode()).toBe(joinCode);
    // The extension's copies happened in its own documents: the page heard no copy event…
    expect(await page.evaluate(() => (window as unknown as { copies: number }).copies)).toBe(0);
    // …while its listener does hear a copy made in the page (positive control).
    await page.bringToFront();
    await page.getByRole('textbox', { name: 'Reply' }).fill('page text');
    await page.getByRole('textbox', { name: 'Reply' }).selectText();
    await page.keyboard.press('Control+C');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { copies: number }).copies))
      .toBe(1);
  });

  it('the offscreen clipboard takes text from the worker only, not from an extension page', async () => {
    await setClipboard(SENTINEL);
    const session = ext.current;
    const copyFromWorker = (text: string) =>
      session.evalInWorker(async (t) => {
        const exists = await chrome.offscreen.hasDocument();
        if (!exists) {
          await chrome.offscreen.createDocument({
            url: 'src/offscreen/index.html',
            reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
            justification: 'test',
          });
        }
        return chrome.runtime.sendMessage({ type: 'offscreen.copy', text: t });
      }, text);
    try {
      // Positive control: the worker's own request is copied.
      expect(await copyFromWorker('from-the-worker')).toEqual({ ok: true });
      expect(await clipboard()).toBe('from-the-worker');
      // An extension page (a document of this extension, not the worker) is not heard: the
      // clipboard keeps the worker's text (the background's router answers it with a refusal).
      const helper = await session.openPage('manifest.json');
      const direct = await helper.evaluate(
        (evil) =>
          chrome.runtime.sendMessage({ type: 'offscreen.copy', text: evil }).then(
            (answer) => JSON.stringify(answer ?? null),
            (e: Error) => e.message,
          ),
        EVIL,
      );
      await helper.close();
      expect(direct).not.toContain('"ok":true');
      expect(await clipboard()).toBe('from-the-worker');
    } finally {
      await session.evalInWorker(() => chrome.offscreen.closeDocument().catch(() => undefined));
    }
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
