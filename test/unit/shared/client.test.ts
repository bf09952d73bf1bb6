import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { send, subscribe } from '../../../src/shared/client';
import { PORT_VIEWS } from '../../../src/shared/protocol';

describe('send', () => {
  it('sends {type, payload} and returns the background Result as is', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      seen.push(message);
      (sendResponse as (r: unknown) => void)({
        ok: true,
        value: { signedIn: false, environment: 'mypurecloud.com' },
      });
      return true;
    });
    const r = await send('auth.status', {});
    expect(seen).toEqual([{ type: 'auth.status', payload: {} }]);
    expect(r).toEqual({ ok: true, value: { signedIn: false, environment: 'mypurecloud.com' } });
  });

  it('passes an explained failure through', async () => {
    const error = { code: 'bad.credentials', message: 'm', title: 'T', explanation: 'E', fix: 'F' };
    fakeBrowser.runtime.onMessage.addListener((_m, _s, sendResponse) => {
      (sendResponse as (r: unknown) => void)({ ok: false, error });
      return true;
    });
    expect(await send('auth.signIn', {})).toEqual({ ok: false, error });
  });

  it('turns an unreachable background into an explained error', async () => {
    // No listener: the fake, like Chrome, rejects ("Receiving end does not exist").
    const r = await send('auth.status', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('extension.unreachable');
      expect(r.error.title).toBe('The extension could not answer');
      expect(r.error.fix).toMatch(/reload the extension/);
    }
  });

  it('does not trust an answer that is not a Result', async () => {
    fakeBrowser.runtime.onMessage.addListener((_m, _s, sendResponse) => {
      (sendResponse as (r: unknown) => void)({ signedIn: true });
      return true;
    });
    const r = await send('auth.status', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'extension.unreachable', message: 'no answer to auth.status' },
    });
  });
});

describe('subscribe', () => {
  it('listens on the views port until unsubscribed', () => {
    const listeners = new Set<(m: unknown) => void>();
    const port = {
      onMessage: {
        addListener: (l: (m: unknown) => void) => listeners.add(l),
        removeListener: (l: (m: unknown) => void) => listeners.delete(l),
      },
      disconnect: vi.fn(),
    };
    const connect = vi.fn(() => port);
    fakeBrowser.runtime.connect = connect as never;
    const pushes: unknown[] = [];
    const stop = subscribe((p) => pushes.push(p));
    expect(connect).toHaveBeenCalledWith({ name: PORT_VIEWS });
    for (const l of listeners) l({ type: 'auth', status: { signedIn: true, environment: 'x' } });
    stop();
    expect(listeners.size).toBe(0);
    expect(port.disconnect).toHaveBeenCalledOnce();
    expect(pushes).toEqual([{ type: 'auth', status: { signedIn: true, environment: 'x' } }]);
  });
});
