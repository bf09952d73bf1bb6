// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { send, subscribe } from '../../../src/shared/client';
import type { AuthStatus, ConversationList } from '../../../src/shared/protocol';
import { capturePushes, fail, ok, sampleError, scriptBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const signedOut: AuthStatus = { signedIn: false, environment: 'mypurecloud.com' };
const signedIn: AuthStatus = {
  signedIn: true,
  user: { id: 'u1', name: 'Ada Agent' },
  org: { id: 'o1', name: 'Acme Support' },
  environment: 'mypurecloud.ie',
};

// Signed in, the popup also lists conversations; these tests are about the account only.
const noConversations = () => ok<ConversationList>({ conversations: [], unknownHints: [] });

let push: ReturnType<typeof capturePushes>;
beforeEach(() => {
  vi.mocked(send).mockReset();
  push = capturePushes(subscribe);
});
afterEach(cleanup);

describe('popup', () => {
  it('shows the signed-in user, organisation and environment', async () => {
    scriptBackground(send, {
      'auth.status': () => ok(signedIn),
      'conversations.list': noConversations,
    });
    render(<Popup />);
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Checking your sign-in…');
    const account = await screen.findByRole('region', { name: 'Your Genesys Cloud account' });
    expect(within(account).getByText('Ada Agent')).toBeTruthy();
    expect(within(account).getByText('Acme Support')).toBeTruthy();
    expect(within(account).getByText('mypurecloud.ie')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  it('signs in through the background and then shows who signed in', async () => {
    let resolveSignIn: (v: ReturnType<typeof ok<AuthStatus>>) => void = () => {};
    scriptBackground(send, {
      'auth.status': () => ok(signedOut),
      'auth.signIn': () => new Promise((r) => (resolveSignIn = r)),
      'conversations.list': noConversations,
    });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(vi.mocked(send)).toHaveBeenCalledWith('auth.signIn', {});
    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveProperty('disabled', true);
    resolveSignIn(ok(signedIn));
    expect(await screen.findByText('Ada Agent')).toBeTruthy();
  });

  it('explains a failed sign-in and keeps the Sign in button', async () => {
    scriptBackground(send, {
      'auth.status': () => ok(signedOut),
      'auth.signIn': () => fail(sampleError),
    });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    expect(within(alert).getByText(sampleError.explanation)).toBeTruthy();
    expect(alert.textContent).toContain(`What to do: ${sampleError.fix}`);
    expect(within(alert).getByText(sampleError.code)).toBeTruthy();
    expect(within(alert).getByText(sampleError.contextId as string)).toBeTruthy();
    // A permission refusal: the details go to the admin.
    expect(within(alert).getByRole('button', { name: 'Copy details for your admin' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('shows why it cannot tell the sign-in state, and retries', async () => {
    let calls = 0;
    scriptBackground(send, {
      'auth.status': () => (++calls === 1 ? fail(sampleError) : ok(signedIn)),
      'conversations.list': noConversations,
    });
    render(<Popup />);
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Ada Agent')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows the auth pushes of the background', async () => {
    scriptBackground(send, {
      'auth.status': () => ok(signedOut),
      'conversations.list': noConversations,
    });
    render(<Popup />);
    await screen.findByRole('button', { name: 'Sign in' });
    push({ type: 'auth', status: signedIn });
    expect(await screen.findByText('Acme Support')).toBeTruthy();
    push({ type: 'auth', status: signedOut });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('opens the options page from Settings', async () => {
    scriptBackground(send, { 'auth.status': () => ok(signedOut) });
    const open = vi.fn(async () => {});
    fakeBrowser.runtime.openOptionsPage = open;
    render(<Popup />);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(open).toHaveBeenCalledOnce();
  });
});
