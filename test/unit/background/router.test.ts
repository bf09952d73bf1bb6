import { fakeBrowser } from '@webext-core/fake-browser';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { type Auth, AuthError } from '../../../src/background/auth';
import type { GenesysClient } from '../../../src/background/genesys';
import { coreHandlers } from '../../../src/background/handlers';
import {
  createBroadcaster,
  createRouter,
  EMPTY_PAYLOAD,
  type PortLike,
  type Sender,
} from '../../../src/background/router';
import type { AuthStatus, Push } from '../../../src/shared/protocol';
import { createSettingsStore } from '../../../src/shared/settings-store';

const ID = 'test-extension-id';
const PAGE: Sender = {
  id: ID,
  url: `chrome-extension://${ID}/src/options/index.html`,
  tab: { index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};
const POPUP: Sender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const CONTENT: Sender = {
  id: ID,
  url: 'https://crm.example.com/case/1',
  tab: { index: 1, highlighted: false, active: true, pinned: false, incognito: false },
  frameId: 0,
};
const OTHER: Sender = {
  id: 'another-extension',
  url: 'chrome-extension://another-extension/x.html',
};

function router() {
  const r = createRouter({
    extensionId: () => ID,
    extensionUrl: () => `chrome-extension://${ID}/`,
  });
  return r;
}

const signedOut: AuthStatus = { signedIn: false, environment: 'mypurecloud.com' };

describe('router', () => {
  it('answers a known request from an extension page with { ok: true, value }', async () => {
    const r = router();
    const handle = vi.fn(async () => signedOut);
    r.register({ 'auth.status': { from: 'pages', payload: EMPTY_PAYLOAD, handle } });
    expect(await r.handle({ type: 'auth.status', payload: {} }, PAGE)).toEqual({
      ok: true,
      value: signedOut,
    });
    expect(await r.handle({ type: 'auth.status', payload: {} }, POPUP)).toEqual({
      ok: true,
      value: signedOut,
    });
  });

  it('refuses another extension, and content scripts for page-only requests', async () => {
    const r = router();
    const handle = vi.fn(async () => signedOut);
    r.register({
      'auth.status': { from: 'pages', payload: EMPTY_PAYLOAD, handle },
      'settings.get': { from: 'extension', payload: EMPTY_PAYLOAD, handle: handle as never },
    });
    const fromContent = await r.handle({ type: 'auth.status', payload: {} }, CONTENT);
    expect(fromContent).toMatchObject({
      ok: false,
      error: { code: 'sender.refused', title: 'Request refused' },
    });
    expect(await r.handle({ type: 'settings.get', payload: {} }, OTHER)).toMatchObject({
      ok: false,
      error: { code: 'sender.refused' },
    });
    expect(handle).not.toHaveBeenCalled();
    // The same request a content script may make is answered.
    expect(await r.handle({ type: 'settings.get', payload: {} }, CONTENT)).toMatchObject({
      ok: true,
    });
  });

  it('refuses malformed envelopes, unknown types and wrong payloads without calling a handler', async () => {
    const r = router();
    const handle = vi.fn(async () => signedOut);
    r.register({ 'auth.status': { from: 'pages', payload: EMPTY_PAYLOAD, handle } });
    for (const message of [null, 'auth.status', { payload: {} }, 42]) {
      expect(await r.handle(message, PAGE)).toMatchObject({
        ok: false,
        error: { code: 'request.malformed' },
      });
    }
    expect(await r.handle({ type: 'toString', payload: {} }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'request.unknown' },
    });
    expect(await r.handle({ type: 'auth.status', payload: 'x' }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'request.malformed' },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('turns a thrown error into an explained { ok: false } and never rejects', async () => {
    const r = router();
    r.register({
      'auth.signIn': {
        from: 'pages',
        payload: EMPTY_PAYLOAD,
        handle: () => Promise.reject(new AuthError('state.mismatch')),
      },
      'auth.signOut': {
        from: 'pages',
        payload: EMPTY_PAYLOAD,
        handle: () => {
          throw new RangeError('boom');
        },
      },
    });
    expect(await r.handle({ type: 'auth.signIn', payload: {} }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'state.mismatch', title: 'Sign-in answer refused' },
    });
    expect(await r.handle({ type: 'auth.signOut', payload: {} }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'RangeError: boom' },
    });
  });

  it('lets other services register their handlers, but never twice for one name', () => {
    const r = router();
    const spec = { from: 'pages' as const, payload: EMPTY_PAYLOAD, handle: async () => signedOut };
    r.register({ 'auth.status': spec });
    expect(() => r.register({ 'auth.status': spec })).toThrow(/already registered/);
  });

  it('validates a payload with the handler’s schema', async () => {
    const r = router();
    const handle = vi.fn(async () => ({}) as never);
    r.register({
      'settings.save': {
        from: 'pages',
        payload: v.object({ clientId: v.string() }) as never,
        handle,
      },
    });
    expect(await r.handle({ type: 'settings.save', payload: { clientId: 3 } }, PAGE)).toMatchObject(
      {
        ok: false,
        error: { code: 'request.malformed', message: expect.stringContaining('clientId') },
      },
    );
  });
});

describe('core handlers through the router', () => {
  function setup(auth: Partial<Auth> = {}, api: Partial<GenesysClient> = {}) {
    const r = router();
    const fullAuth: Auth = {
      getToken: async () => 'tok',
      renewAfterUnauthorized: async () => 'tok',
      signIn: async () => ({ ...signedOut, signedIn: true }),
      signOut: async () => signedOut,
      status: async () => signedOut,
      redirectUri: () => 'https://abc.chromiumapp.org/',
      ...auth,
    };
    r.register(
      coreHandlers({
        auth: fullAuth,
        api: {
          getTokenInfo: async () => ({
            organization: { id: 'o', name: 'Org' },
            authorizedScope: [],
          }),
          getMe: async () => ({ id: 'u', name: 'U', version: 1 }),
          ...api,
        },
        settings: createSettingsStore(),
      }),
    );
    return r;
  }

  it('settings.get returns merged settings, locked keys and the redirect URI to register', async () => {
    await fakeBrowser.storage.managed.set({ clientId: 'policy-client' });
    const result = await setup().handle({ type: 'settings.get', payload: {} }, PAGE);
    expect(result).toMatchObject({
      ok: true,
      value: {
        settings: { clientId: 'policy-client' },
        locked: { clientId: true },
        problems: [],
        redirectUri: 'https://abc.chromiumapp.org/',
      },
    });
  });

  it('settings.save refuses a locked key with an explained error', async () => {
    await fakeBrowser.storage.managed.set({ clientId: 'policy-client' });
    const result = await setup().handle(
      { type: 'settings.save', payload: { clientId: 'mine' } },
      PAGE,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'settings.locked', title: 'Set by your organisation' },
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('settings.save and settings.get are refused from a content script', async () => {
    const result = await setup().handle(
      { type: 'settings.save', payload: { clientId: 'x' } },
      CONTENT,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'sender.refused' } });
    // Detection rules reach the content script with the collect push, not through settings.get.
    expect(await setup().handle({ type: 'settings.get', payload: {} }, CONTENT)).toMatchObject({
      ok: false,
      error: { code: 'sender.refused' },
    });
  });

  it('connection.test signs in first when needed', async () => {
    const signIn = vi.fn(async () => ({ ...signedOut, signedIn: true }));
    const r = setup({ getToken: () => Promise.reject(new AuthError('needs.signin')), signIn });
    const result = await r.handle({ type: 'connection.test', payload: {} }, PAGE);
    expect(signIn).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ ok: true, value: { org: { name: 'Org' } } });
  });

  it('connection.test reports a missing client id instead of opening a sign-in window', async () => {
    const signIn = vi.fn(async () => signedOut);
    const r = setup({ getToken: () => Promise.reject(new AuthError('client.id.missing')), signIn });
    const result = await r.handle({ type: 'connection.test', payload: {} }, PAGE);
    expect(signIn).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'client.id.missing', title: 'No OAuth client ID' },
    });
  });
});

describe('views broadcaster', () => {
  const POPUP_URL = `chrome-extension://${ID}/src/popup/index.html`;
  function port(name: string, id: string | undefined, url = POPUP_URL) {
    const disconnectListeners: (() => void)[] = [];
    const p = {
      name,
      sender: { id, url } as { id?: string; url?: string },
      received: [] as unknown[],
      disconnected: false,
      postMessage(message: unknown) {
        if (p.disconnected) throw new Error('Attempting to use a disconnected port object');
        p.received.push(message);
      },
      disconnect() {
        p.disconnected = true;
      },
      onDisconnect: { addListener: (cb: () => void) => disconnectListeners.push(cb) },
      /** the view closes */
      close() {
        p.disconnected = true;
        for (const cb of disconnectListeners) cb();
      },
    };
    return p satisfies PortLike;
  }

  const push: Push = { type: 'auth', status: signedOut };

  it('pushes to every connected view of this extension and forgets closed ones', () => {
    const views = createBroadcaster({
      extensionId: () => ID,
      extensionUrl: () => `chrome-extension://${ID}/`,
    });
    const a = port('views', ID);
    const b = port('views', ID);
    views.accept(a);
    views.accept(b);
    views.broadcast(push);
    expect(a.received).toEqual([push]);
    expect(b.received).toEqual([push]);
    a.close();
    views.broadcast(push);
    expect(a.received).toHaveLength(1);
    expect(b.received).toHaveLength(2);
    expect(views.size).toBe(1);
  });

  it('disconnects a port from elsewhere and ignores other port names', () => {
    const views = createBroadcaster({
      extensionId: () => ID,
      extensionUrl: () => `chrome-extension://${ID}/`,
    });
    const foreign = port('views', 'another-extension');
    const other = port('overlay', ID);
    views.accept(foreign);
    views.accept(other);
    views.broadcast(push);
    expect(foreign.disconnected).toBe(true);
    expect(foreign.received).toEqual([]);
    expect(other.received).toEqual([]);
    expect(other.disconnected).toBe(false);
    expect(views.size).toBe(0);
  });

  it("refuses a content script's views port (this extension's id, a web page's URL)", () => {
    const views = createBroadcaster({
      extensionId: () => ID,
      extensionUrl: () => `chrome-extension://${ID}/`,
    });
    views.onConnected((p) => p.postMessage(push));
    const content = port('views', ID, 'https://crm.example.com/case/1');
    const noUrl = port('views', ID, undefined);
    noUrl.sender.url = undefined;
    views.accept(content);
    views.accept(noUrl);
    views.broadcast(push);
    expect(content.disconnected).toBe(true);
    expect(content.received).toEqual([]);
    expect(noUrl.disconnected).toBe(true);
    expect(noUrl.received).toEqual([]);
    expect(views.size).toBe(0);
  });

  it('tells new views the current state through onConnected', () => {
    const views = createBroadcaster({
      extensionId: () => ID,
      extensionUrl: () => `chrome-extension://${ID}/`,
    });
    views.onConnected((p) => p.postMessage(push));
    const a = port('views', ID);
    views.accept(a);
    expect(a.received).toEqual([push]);
  });

  it('drops a port whose postMessage throws', () => {
    const views = createBroadcaster({
      extensionId: () => ID,
      extensionUrl: () => `chrome-extension://${ID}/`,
    });
    const a = port('views', ID);
    views.accept(a);
    a.disconnected = true; // closed without the disconnect event having run yet
    views.broadcast(push);
    expect(views.size).toBe(0);
  });
});
