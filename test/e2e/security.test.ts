// Security, in real Chromium: the token lives only in storage.session, out of a content script's
// reach; a web page cannot message the extension; the background refuses other senders and
// malformed shapes (runtime messages, the content script's port and the panel's alike); an
// OAuth redirect with the wrong state is refused; the extension pages' CSP forbids eval and
// remote code.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, tabOf } from '../../tools/browser/agent';
import { createStatuses, freshConversation, startWithCommand } from '../../tools/browser/cobrowse';
import { overlayOn } from '../../tools/browser/overlay';
import { contentWorld } from '../../tools/browser/worlds';
import { useExtension } from './harness/fixture';
import { useSandbox } from './harness/sandbox';

describe('security', () => {
  const ext = useExtension();
  const sandbox = useSandbox(ext);
  let page: Page;
  let conversationId: string;
  let token: string;

  beforeAll(async () => {
    await signIn(ext.current, sandbox.current);
    conversationId = freshConversation(sandbox.current);
    // A started session puts the content script (and its isolated world) on the page.
    ({ page } = await startWithCommand(ext.current, sandbox.current, conversationId));
    token = sandbox.current.requests().findLast((r) => r.token)?.token as string;
  });

  afterAll(async () => {
    await ext.current.request('cobrowse.end', { conversationId }).catch(() => undefined);
  });

  it('keeps the token in storage.session only, never in local or sync storage', async () => {
    const session = ext.current;
    expect(token).toBeTruthy();
    expect(JSON.stringify(await session.sessionStorage())).toContain(token);
    const persisted = await session.evalInWorker(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
    );
    expect(persisted).not.toContain(token);
  });

  it('a content script cannot read storage.session (where the token is)', async () => {
    const world = await contentWorld(page, ext.current.extensionId);
    try {
      // Positive control: this is the extension's content script world.
      expect(await world.evaluate<string>('chrome.runtime.id')).toBe(ext.current.extensionId);
      const read = await world.evaluate<string>(
        'chrome.storage.session.get(null).then((v) => "read: " + JSON.stringify(v), (e) => "refused: " + e.message)',
      );
      expect(read).toMatch(/^refused: /);
      expect(read).not.toContain(token);
    } finally {
      await world.close();
    }
  });

  it('a web page cannot message the extension (no externally_connectable)', async () => {
    const session = ext.current;
    expect(session.manifest.externally_connectable).toBeUndefined();
    const outcome = await page.evaluate(async (id) => {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: a page has no typings for chrome.runtime
        const runtime = (globalThis as any).chrome?.runtime;
        const reply = await runtime.sendMessage(id, { type: 'auth.status', payload: {} });
        return `answered: ${JSON.stringify(reply)}`;
      } catch (e) {
        return `refused: ${(e as Error).message}`;
      }
    }, session.extensionId);
    expect(outcome).toMatch(/^refused: /);
  });

  it('the background refuses a content script asking for what only extension pages may', async () => {
    const world = await contentWorld(page, ext.current.extensionId);
    try {
      const ask = (message: unknown) =>
        world.evaluate<{ ok: boolean; error?: { code: string } }>(
          `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
        );
      // No request is open to content scripts (the overlay talks over its own port).
      for (const type of ['auth.status', 'settings.get']) {
        expect(await ask({ type, payload: {} })).toMatchObject({
          ok: false,
          error: { code: 'sender.refused' },
        });
      }
      expect(
        await ask({ type: 'cobrowse.start', payload: { conversationId, origin: 'popup' } }),
      ).toMatchObject({ ok: false, error: { code: 'sender.refused' } });
      expect(await ask({ hello: 'no type' })).toMatchObject({
        ok: false,
        error: { code: 'request.malformed' },
      });
    } finally {
      await world.close();
    }
  });

  it('the background refuses malformed payloads from extension pages too', async () => {
    const reply = await ext.current.sendMessage<{ ok: boolean; error?: { code: string } }>(
      'cobrowse.start',
      { conversationId: 'not-a-uuid', origin: 'popup' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'request.malformed' } });
  });

  it('the content script’s port takes no action, and a panel port not from the panel page is refused', async () => {
    const world = await contentWorld(page, ext.current.extensionId);
    const other = freshConversation(sandbox.current);
    try {
      // From the content script's world (what a compromised page-side script could at most
      // reach): actions over its own port, then a 'panel' port, refused for its sender (not the
      // panel page in a sub-frame) before any key is looked at. The key check itself is proved
      // in panel-attacks (a page-made frame of the panel page) and the bridge's unit tests.
      const outcome = await world.evaluate<string>(`new Promise((resolve) => {
        const content = chrome.runtime.connect({ name: 'overlay' });
        content.postMessage({ type: 'hello' });
        content.postMessage({ type: 'action', action: 'start', conversationId: ${JSON.stringify(other)}, options: {} });
        content.postMessage({ type: 'action', action: 'end' });
        const forged = chrome.runtime.connect({ name: 'panel' });
        forged.onMessage.addListener(() => resolve('panel got a message'));
        forged.onDisconnect.addListener(() => resolve('panel refused'));
        forged.postMessage({ type: 'hello', key: '00000000-0000-4000-8000-000000000000' });
        forged.postMessage({ type: 'action', action: 'end' });
      })`);
      expect(outcome).toBe('panel refused');
      expect(createStatuses(sandbox.current, other)).toEqual([]);
      expect(createStatuses(sandbox.current, conversationId)).toEqual([200]);
      // Positive control: the session is still live, and the agent's End in the real panel
      // (the frame holding the key) ends it.
      const panel = await overlayOn(page, ext.current);
      await expect.poll(() => panel.status()).toBe(ext.current.message('ov_status_offered'));
      await panel.button(ext.current.message('ov_end')).click();
      await expect.poll(() => panel.status()).toBe(ext.current.message('ov_status_ended'));
    } finally {
      await world.close();
    }
  });

  it('extension pages: eval and new Function throw, remote scripts are blocked by the CSP', async () => {
    const session = ext.current;
    expect(
      String(
        (session.manifest.content_security_policy as { extension_pages?: string })?.extension_pages,
      ),
    ).not.toMatch(/https?:|unsafe-eval/);
    const popup = await session.openPopup();
    try {
      const result = await popup.evaluate(async (remote) => {
        const attempt = (fn: () => unknown) => {
          try {
            fn();
            return 'ran';
          } catch (e) {
            return (e as Error).name;
          }
        };
        const violation = new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) =>
            resolve(e.effectiveDirective),
          );
        });
        const script = document.createElement('script');
        script.src = remote;
        document.head.append(script);
        // In a task of the page's own (DevTools' evaluation itself is allowed to eval).
        const later = <T>(fn: () => T) => new Promise<T>((r) => setTimeout(() => r(fn()), 0));
        return {
          // biome-ignore lint/security/noGlobalEval: the point is that it must throw
          evaluated: await later(() => attempt(() => eval('1'))),
          constructed: await later(() => attempt(() => new Function('return 1'))),
          remote: await violation,
          ownScriptsOnly: [...document.scripts].every(
            (s) => !s.src || s.src.startsWith(location.origin) || s.src === remote,
          ),
        };
      }, `${sandbox.current.url}/remote.js`);
      expect(result).toEqual({
        evaluated: 'EvalError',
        constructed: 'EvalError',
        remote: 'script-src-elem',
        ownScriptsOnly: true,
      });
    } finally {
      await popup.close();
    }
    const inWorker = await session.evalInWorker(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              // biome-ignore lint/security/noGlobalEval: the point is that it must throw
              eval('1');
              resolve('ran');
            } catch (e) {
              resolve((e as Error).name);
            }
          }, 0),
        ),
    );
    expect(inWorker).toBe('EvalError');
  });

  it('an OAuth redirect with a wrong state is refused: no code exchange, not signed in', async () => {
    const session = ext.current;
    const s = sandbox.current;
    await session.request('auth.signOut', {});
    const exchanges = () => s.requests({ method: 'POST', route: '/oauth/token' }).length;
    const before = exchanges();
    // The login page's form carries the flow's state back; a forged one comes back instead,
    // with a real code (what an attacker's redirect would look like).
    s.settings({ autoApprove: false });
    s.endLoginSessions();
    const loginWindow = session.context.waitForEvent('page', {
      predicate: (p) => p.url().startsWith(`${s.url}/oauth/authorize`),
    });
    const replied = session.sendMessage<{ ok: boolean; error?: { code: string } }>(
      'auth.signIn',
      {},
    );
    const login = await loginWindow;
    await login
      .locator('input[type="hidden"][name="state"]')
      .evaluate((input: HTMLInputElement) => {
        input.value = 'not-the-state-this-flow-sent';
      });
    await login.getByRole('radio', { name: 'Dana Whitfield' }).check();
    await login.getByRole('button', { name: 'Allow' }).click();
    expect(await replied).toMatchObject({ ok: false, error: { code: 'state.mismatch' } });
    expect(exchanges()).toBe(before);
    expect(await session.request('auth.status', {})).toMatchObject({ signedIn: false });
    // Positive control: the real redirect (its own state) signs in.
    await signIn(session, s);
    expect(exchanges()).toBe(before + 1);
  });

  it('logged no errors but the refusals it provoked', async () => {
    const tab = await tabOf(ext.current, page);
    expect(tab.id).toBeGreaterThan(0);
    ext.current.expectNoErrors([/Content Security Policy|remote\.js|EvalError|unsafe-eval/i]);
  });
});
