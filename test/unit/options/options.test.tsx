// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { send, subscribe } from '../../../src/shared/client';
import type { AuthStatus, ConnectionReport, SettingsView } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import {
  capturePushes,
  fail,
  type Handlers,
  ok,
  sampleError,
  scriptSettingsBackground,
} from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const CLIENT_ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const signedOut: AuthStatus = { signedIn: false, environment: 'mypurecloud.com' };
const signedIn: AuthStatus = {
  signedIn: true,
  user: { id: 'u1', name: 'Ada Agent' },
  org: { id: 'o1', name: 'Acme Support' },
  environment: 'mypurecloud.com',
};

function viewOf(settings: Partial<Settings> = {}, extra: Partial<SettingsView> = {}): SettingsView {
  return {
    settings: { ...structuredClone(DEFAULT_SETTINGS), ...settings },
    locked: {},
    problems: [],
    redirectUri: REDIRECT,
    ...extra,
  };
}

const backgroundWith = (initial: SettingsView, more: Handlers = {}) =>
  scriptSettingsBackground(send, initial, more);

const saveButton = () => screen.getByRole('button', { name: 'Save' });
const clientIdInput = () =>
  screen.getByRole('textbox', { name: 'OAuth client ID' }) as HTMLInputElement;

let permissionsRequest: ReturnType<typeof vi.fn>;
beforeEach(() => {
  vi.mocked(send).mockReset();
  capturePushes(subscribe);
  permissionsRequest = vi.fn(async () => true);
  fakeBrowser.permissions.request = permissionsRequest as never;
  fakeBrowser.permissions.contains = vi.fn(async () => true) as never;
});
afterEach(cleanup);

describe('options: connection settings', () => {
  it('shows the regions from Genesys with mypurecloud.com by default, and the redirect URI', async () => {
    backgroundWith(viewOf());
    render(<OptionsPage />);
    const region = (await screen.findByRole('combobox', { name: 'Region' })) as HTMLSelectElement;
    expect(region.value).toBe('mypurecloud.com');
    const labels = within(region)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(labels).toContain('us-east-1 — mypurecloud.com');
    expect(labels).toContain('eu-west-1 — mypurecloud.ie');
    expect(labels).toContain('us-east-2 (FedRAMP) — use2.us-gov-pure.cloud');
    expect(screen.getByRole('radio', { name: 'Genesys Cloud region' })).toHaveProperty(
      'checked',
      true,
    );
    const redirect = screen.getByRole('textbox', {
      name: 'Redirect URI to register',
    }) as HTMLInputElement;
    expect(redirect.value).toBe(REDIRECT);
    expect(redirect.readOnly).toBe(true);
  });

  it('copies the redirect URI', async () => {
    backgroundWith(viewOf());
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy redirect URI' }));
    await screen.findByText('Copied to the clipboard.');
    expect(await navigator.clipboard.readText()).toBe(REDIRECT);
  });

  it('shows the extension id a policy names, and copies it', async () => {
    backgroundWith(viewOf());
    render(<OptionsPage />);
    const section = await screen.findByRole('region', { name: 'For your admin' });
    const id = within(section).getByRole('textbox', {
      name: 'Extension ID',
      description: /ExtensionInstallForcelist and ExtensionSettings/,
    }) as HTMLInputElement;
    expect(id.value).toBe(fakeBrowser.runtime.id);
    expect(id.readOnly).toBe(true);
    fireEvent.click(within(section).getByRole('button', { name: 'Copy extension ID' }));
    await screen.findByText('Copied to the clipboard.');
    expect(await navigator.clipboard.readText()).toBe(fakeBrowser.runtime.id);
  });

  it('refuses to save without a client id, says why and focuses the field', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('combobox', { name: 'Region' });
    fireEvent.click(saveButton());
    await screen.findByText(
      'Enter the OAuth client ID your Genesys Cloud admin created for this extension.',
    );
    expect(clientIdInput().getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(clientIdInput()));
    expect(saved).toEqual([]);
  });

  it('refuses a malformed client id with the settings rule', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('combobox', { name: 'Region' });
    fireEvent.input(clientIdInput(), { target: { value: 'not a client id!' } });
    fireEvent.click(saveButton());
    await waitFor(() => expect(clientIdInput().getAttribute('aria-invalid')).toBe('true'));
    expect(saved).toEqual([]);
  });

  it('saves a region and client id and says so', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    const region = await screen.findByRole('combobox', { name: 'Region' });
    fireEvent.change(region, { target: { value: 'mypurecloud.ie' } });
    fireEvent.input(clientIdInput(), { target: { value: ` ${CLIENT_ID} ` } });
    expect(
      screen.getByText('You have unsaved changes: the test uses the saved settings.'),
    ).toBeTruthy();
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved).toEqual([
      { environment: { kind: 'region', domain: 'mypurecloud.ie' }, clientId: CLIENT_ID },
    ]);
    expect(permissionsRequest).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(
        screen.queryByText('You have unsaved changes: the test uses the saved settings.'),
      ).toBeNull(),
    );
  });

  it('asks for host access to a custom https origin before saving it', async () => {
    const order: string[] = [];
    permissionsRequest.mockImplementation(async () => {
      order.push('permissions.request');
      return true;
    });
    const { saved } = backgroundWith(viewOf({ clientId: CLIENT_ID }));
    vi.mocked(send).mockImplementation(
      ((impl) => async (type: string, payload: unknown) => {
        order.push(type);
        return impl(type as never, payload as never);
      })(vi.mocked(send).getMockImplementation() as typeof send) as typeof send,
    );
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Custom base URL' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Base URL' }), {
      target: { value: 'https://gw.example.com/' },
    });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(permissionsRequest).toHaveBeenCalledWith({
      origins: ['https://gw.example.com/*', 'wss://gw.example.com/*'],
    });
    const loads = ['settings.get', 'auth.status', 'orgcheck.status'];
    expect(order.filter((o) => !loads.includes(o))).toEqual([
      'permissions.request',
      'settings.save',
    ]);
    expect(saved).toEqual([
      { environment: { kind: 'custom', baseUrl: 'https://gw.example.com' }, clientId: CLIENT_ID },
    ]);
  });

  it('does not save a custom origin the agent refused access to', async () => {
    permissionsRequest.mockResolvedValue(false);
    const { saved } = backgroundWith(viewOf({ clientId: CLIENT_ID }));
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Custom base URL' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Base URL' }), {
      target: { value: 'https://gw.example.com' },
    });
    fireEvent.click(saveButton());
    await screen.findByText(/The extension was not allowed to reach https:\/\/gw\.example\.com/);
    expect(saved).toEqual([]);
  });

  it('rejects a plain-http custom URL that is not loopback', async () => {
    const { saved } = backgroundWith(viewOf({ clientId: CLIENT_ID }));
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Custom base URL' }));
    const input = screen.getByRole('textbox', { name: 'Base URL' });
    fireEvent.input(input, { target: { value: 'http://gw.example.com' } });
    fireEvent.click(saveButton());
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(permissionsRequest).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('shows policy-locked fields disabled and saves only the rest', async () => {
    const view = viewOf(
      { environment: { kind: 'region', domain: 'mypurecloud.de' } },
      { locked: { environment: true } },
    );
    const { saved } = backgroundWith(view);
    render(<OptionsPage />);
    const region = await screen.findByRole('combobox', { name: 'Region' });
    expect(region).toHaveProperty('disabled', true);
    expect(screen.getByRole('radio', { name: 'Custom base URL' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('group', { name: 'Environment' }).textContent).toContain(
      'Set by your organisation',
    );
    fireEvent.input(clientIdInput(), { target: { value: CLIENT_ID } });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved).toEqual([{ clientId: CLIENT_ID }]);
  });

  it('lists stored values that were not applied', async () => {
    backgroundWith(
      viewOf(
        {},
        {
          problems: [{ key: 'clientId', source: 'managed', value: 7, message: 'not a client id' }],
        },
      ),
    );
    render(<OptionsPage />);
    expect(await screen.findByText(/set by your organisation\s*\): not a client id/)).toBeTruthy();
  });

  it('explains a refused save', async () => {
    backgroundWith(viewOf(), { 'settings.save': () => fail(sampleError) });
    render(<OptionsPage />);
    await screen.findByRole('combobox', { name: 'Region' });
    fireEvent.input(clientIdInput(), { target: { value: CLIENT_ID } });
    fireEvent.click(saveButton());
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    expect(alert.textContent).toContain(sampleError.fix);
    expect(screen.queryByText('Saved.')).toBeNull();
  });

  it('explains settings it cannot load, and retries', async () => {
    let calls = 0;
    backgroundWith(viewOf(), {
      'settings.get': () => (++calls === 1 ? fail(sampleError) : ok(viewOf())),
    });
    render(<OptionsPage />);
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('combobox', { name: 'Region' })).toBeTruthy();
  });
});

const fullReport: ConnectionReport = {
  org: { id: 'o1', name: 'Acme Support' },
  user: { id: 'u1', name: 'Ada Agent' },
  scopes: ['conversations', 'notifications', 'user-basic-info'],
  cobrowse: { message: true, call: true },
  gaps: [],
};

const gappyReport: ConnectionReport = {
  ...fullReport,
  scopes: ['conversations:readonly', 'user-basic-info'],
  cobrowse: { message: true, call: false },
  gaps: [
    {
      kind: 'scope',
      name: 'conversations',
      explanation: 'The OAuth client lacks the conversations scope.',
      fix: 'Ask your admin to add the scope conversations to the OAuth client.',
    },
    {
      kind: 'permission',
      name: 'conversation:cobrowseVoice:add',
      explanation: 'Your roles do not allow cobrowse on voice calls.',
      fix: 'Ask your admin for Conversation > Cobrowse Voice > Add.',
    },
  ],
};

describe('options: test connection', () => {
  it('reports a full setup as ready', async () => {
    backgroundWith(viewOf({ clientId: CLIENT_ID }), {
      'connection.test': () => ok(fullReport),
    });
    render(<OptionsPage />);
    expect(
      await screen.findByText('Not signed in. Test connection signs you in first.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('region', { name: 'Connection report' });
    expect(within(report).getByText('✓ Ready to start cobrowse sessions')).toBeTruthy();
    expect(within(report).getByText('Acme Support')).toBeTruthy();
    expect(within(report).getByText('Ada Agent')).toBeTruthy();
    const scopes = within(report).getByRole('list', { name: 'Scopes on the token' });
    expect(
      within(scopes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(fullReport.scopes);
    const perms = within(report).getByRole('list', { name: 'Cobrowse permissions' });
    expect(within(perms).getAllByText('✓ present')).toHaveLength(2);
    expect(
      within(report).queryByRole('list', { name: 'What to ask your Genesys Cloud admin for' }),
    ).toBeNull();
  });

  it('names each missing item with what to ask the admin for', async () => {
    backgroundWith(viewOf({ clientId: CLIENT_ID }), {
      'connection.test': () => ok(gappyReport),
    });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('region', { name: 'Connection report' });
    expect(within(report).getByText('✗ 2 thing(s) to fix before you can cobrowse')).toBeTruthy();
    const perms = within(report).getByRole('list', { name: 'Cobrowse permissions' });
    const [message, voice] = within(perms).getAllByRole('listitem');
    expect(message?.textContent).toContain('✓ present');
    expect(voice?.textContent).toContain('Voice (conversation:cobrowseVoice:add)');
    expect(voice?.textContent).toContain('✗ missing');
    const gaps = within(report).getByRole('list', {
      name: 'What to ask your Genesys Cloud admin for',
    });
    const items = within(gaps).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('OAuth scope conversations');
    expect(items[0]?.textContent).toContain(gappyReport.gaps[0]?.fix);
    expect(items[1]?.textContent).toContain('Permission conversation:cobrowseVoice:add');
    expect(items[1]?.textContent).toContain(gappyReport.gaps[1]?.explanation);
  });

  it('says when the permissions could not be read, and names the OAuth client', async () => {
    backgroundWith(viewOf({ clientId: CLIENT_ID }), {
      'connection.test': () =>
        ok({
          ...gappyReport,
          client: { id: CLIENT_ID, name: 'Cobrowse Launcher' },
          permissionsUnknown: true,
        }),
    });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const report = await screen.findByRole('region', { name: 'Connection report' });
    const perms = within(report).getByRole('list', { name: 'Cobrowse permissions' });
    expect(within(perms).getAllByText('? unknown')).toHaveLength(2);
    expect(within(perms).queryByText('✗ missing')).toBeNull();
    expect(report.textContent).toContain('Cobrowse Launcher');
    expect(within(report).getByText(CLIENT_ID)).toBeTruthy();
  });

  it('shows the sign-in the test made and signs out', async () => {
    let status = signedOut;
    backgroundWith(viewOf({ clientId: CLIENT_ID }), {
      'auth.status': () => ok(status),
      'connection.test': () => {
        status = signedIn;
        return ok(fullReport);
      },
      'auth.signOut': () => {
        status = signedOut;
        return ok(signedOut);
      },
    });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Signed in as Ada Agent (Acme Support).')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(
      await screen.findByText('Not signed in. Test connection signs you in first.'),
    ).toBeTruthy();
    expect(vi.mocked(send)).toHaveBeenCalledWith('auth.signOut', {});
    expect(screen.queryByRole('region', { name: 'Connection report' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('explains a failed test', async () => {
    backgroundWith(viewOf({ clientId: CLIENT_ID }), {
      'connection.test': () => fail(sampleError),
    });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    expect(within(alert).getByText(sampleError.contextId as string)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Connection report' })).toBeNull();
  });
});
