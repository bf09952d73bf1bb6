// @vitest-environment happy-dom
// The options page's start settings: the gateway profile (base URL, capabilities, host access),
// the offline default, detection rules, and each one locked by policy.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { send, subscribe } from '../../../src/shared/client';
import type { SettingsView } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS, type LockedKeys, type Settings } from '../../../src/shared/settings';
import { capturePushes, scriptSettingsBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const CLIENT_ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const GW = 'https://cobrowse-gw.example.com';

function viewOf(settings: Partial<Settings> = {}, locked: LockedKeys = {}): SettingsView {
  return {
    settings: { ...structuredClone(DEFAULT_SETTINGS), clientId: CLIENT_ID, ...settings },
    locked,
    problems: [],
    redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  };
}

const backgroundWith = (initial: SettingsView) => scriptSettingsBackground(send, initial);

const saveButton = () => screen.getByRole('button', { name: 'Save' });
const gatewayRadio = () => screen.getByRole('radio', { name: 'Company gateway' });
const gatewayUrl = () =>
  screen.getByRole('textbox', { name: 'Gateway base URL' }) as HTMLInputElement;
const capability = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

let permissionsRequest: ReturnType<typeof vi.fn>;
let permissionsContains: ReturnType<typeof vi.fn>;
beforeEach(() => {
  vi.mocked(send).mockReset();
  capturePushes(subscribe);
  permissionsRequest = vi.fn(async () => true);
  permissionsContains = vi.fn(async () => true);
  fakeBrowser.permissions.request = permissionsRequest as never;
  fakeBrowser.permissions.contains = permissionsContains as never;
});
afterEach(cleanup);

describe('options: where start requests go', () => {
  it('starts on the Platform API, with the gateway fields hidden', async () => {
    backgroundWith(viewOf());
    render(<OptionsPage />);
    const platform = await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    expect(platform).toHaveProperty('checked', true);
    expect(screen.queryByRole('textbox', { name: 'Gateway base URL' })).toBeNull();
  });

  it('saves the company gateway with its base URL and the capabilities ticked, after host access', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    fireEvent.click(gatewayRadio());
    const group = screen.getByRole('group', { name: 'Capabilities to request' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((c) => (c as HTMLInputElement).checked),
    ).toEqual([true, true, true]);
    fireEvent.input(gatewayUrl(), { target: { value: ` ${GW}/ ` } });
    fireEvent.click(capability(/^Mouse/));
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(permissionsRequest).toHaveBeenCalledWith({
      origins: ['https://cobrowse-gw.example.com/*'],
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      profile: 'gateway',
      gateway: { baseUrl: GW, capabilities: ['screen', 'keyboard'] },
    });
    expect(saved[0]).not.toHaveProperty('detectionRules');
    expect(saved[0]).not.toHaveProperty('whenCustomerOffline');
  });

  it('refuses the gateway without a base URL and focuses the field', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    fireEvent.click(gatewayRadio());
    fireEvent.click(saveButton());
    await screen.findByText(/Enter the gateway's base URL/);
    expect(gatewayUrl().getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(gatewayUrl()));
    expect(saved).toEqual([]);
  });

  it('needs at least one capability', async () => {
    const { saved } = backgroundWith(
      viewOf({ profile: 'gateway', gateway: { baseUrl: GW, capabilities: ['screen'] } }),
    );
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /^Screen/ }));
    fireEvent.click(saveButton());
    await screen.findByText('Choose at least one capability: screen, mouse or keyboard.');
    expect(saved).toEqual([]);
  });

  it('refuses a plain-http gateway that is not loopback, before any prompt', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    fireEvent.click(gatewayRadio());
    fireEvent.input(gatewayUrl(), { target: { value: 'http://gw.example.com' } });
    fireEvent.click(saveButton());
    await waitFor(() => expect(gatewayUrl().getAttribute('aria-invalid')).toBe('true'));
    expect(permissionsRequest).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('a loopback gateway needs the test build (no prompt; says so when this build lacks it)', async () => {
    permissionsContains.mockResolvedValue(false);
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    fireEvent.click(gatewayRadio());
    fireEvent.input(gatewayUrl(), { target: { value: 'http://127.0.0.1:8787' } });
    fireEvent.click(saveButton());
    await screen.findByText(/http:\/\/127\.0\.0\.1:8787 is a local address/);
    expect(permissionsContains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(permissionsRequest).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('does not save a gateway the agent refused access to', async () => {
    permissionsRequest.mockResolvedValue(false);
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    await screen.findByRole('radio', { name: 'Genesys Cloud Platform API' });
    fireEvent.click(gatewayRadio());
    fireEvent.input(gatewayUrl(), { target: { value: GW } });
    fireEvent.click(saveButton());
    await screen.findByText(/not allowed to reach https:\/\/cobrowse-gw\.example\.com/);
    expect(saved).toEqual([]);
  });

  it('one prompt for a custom environment and the gateway together', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Custom base URL' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Base URL' }), {
      target: { value: 'https://genesys-proxy.example.com' },
    });
    fireEvent.click(gatewayRadio());
    fireEvent.input(gatewayUrl(), { target: { value: GW } });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(permissionsRequest).toHaveBeenCalledTimes(1);
    expect(permissionsRequest).toHaveBeenCalledWith({
      origins: [
        'https://genesys-proxy.example.com/*',
        'wss://genesys-proxy.example.com/*',
        'https://cobrowse-gw.example.com/*',
      ],
    });
    expect(saved).toHaveLength(1);
  });
});

describe('options: offline default and detection rules', () => {
  it('saves the offline default', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    const group = await screen.findByRole('group', {
      name: "When the customer's Messenger is offline",
    });
    expect(within(group).getByRole('radio', { name: 'Ask me each time' })).toHaveProperty(
      'checked',
      true,
    );
    fireEvent.click(within(group).getByRole('radio', { name: 'Send when the customer is back' }));
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved).toEqual([
      {
        environment: DEFAULT_SETTINGS.environment,
        clientId: CLIENT_ID,
        whenCustomerOffline: 'send-when-back',
      },
    ]);
  });

  it('adds a rule (focus on its pattern), explains a bad one in the detection module’s words, saves the fixed one', async () => {
    const { saved } = backgroundWith(viewOf());
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add rule' }));
    const pattern = screen.getByRole('textbox', { name: 'Rule 1 pattern' }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(pattern));
    fireEvent.input(pattern, { target: { value: 'conv=[0-9a-f-]{36}' } });
    fireEvent.click(saveButton());
    await screen.findByText(/needs exactly one capture group/);
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
    fireEvent.input(pattern, { target: { value: 'conv=([0-9a-f-]{36})' } });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved[0]?.detectionRules).toEqual([{ kind: 'regex', value: 'conv=([0-9a-f-]{36})' }]);
  });

  it('refuses an unsafe regex and an invalid selector', async () => {
    const { saved } = backgroundWith(
      viewOf({
        detectionRules: [
          { kind: 'regex', value: '(?:\\w+)+=([0-9a-f-]{36})' },
          { kind: 'selector', value: 'div[data-id' },
        ],
      }),
    );
    render(<OptionsPage />);
    await screen.findByRole('textbox', { name: 'Rule 2 pattern' });
    fireEvent.click(saveButton());
    await screen.findByText(/repeats a group that itself repeats/);
    await screen.findByText('This is not a valid CSS selector.');
    expect(saved).toEqual([]);
  });

  it('switches a rule to a selector and removes another (focus returns to Add rule)', async () => {
    const { saved } = backgroundWith(
      viewOf({
        detectionRules: [
          { kind: 'regex', value: 'id=([0-9a-f-]{36})' },
          { kind: 'regex', value: 'c=([0-9a-f-]{36})' },
        ],
      }),
    );
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove rule 1' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add rule' })),
    );
    expect(screen.queryByRole('textbox', { name: 'Rule 2 pattern' })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Rule 1 type' }), {
      target: { value: 'selector' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Rule 1 pattern' }), {
      target: { value: '[data-conversation-id]' },
    });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved[0]?.detectionRules).toEqual([
      { kind: 'selector', value: '[data-conversation-id]' },
    ]);
  });
});

describe('options: start settings locked by policy', () => {
  const policy = viewOf(
    {
      profile: 'gateway',
      gateway: { baseUrl: GW, capabilities: ['screen'] },
      detectionRules: [{ kind: 'selector', value: '#conversation-id' }],
      whenCustomerOffline: 'send-anyway',
    },
    { profile: true, gateway: true, detectionRules: true, whenCustomerOffline: true },
  );

  it('shows each policy value disabled and "Set by your organisation", and saves only the rest', async () => {
    const { saved } = backgroundWith(policy);
    render(<OptionsPage />);
    const profile = await screen.findByRole('group', { name: 'Start requests go to' });
    const gateway = screen.getByRole('group', { name: 'Gateway' });
    const offline = screen.getByRole('group', { name: "When the customer's Messenger is offline" });
    const rules = screen.getByRole('group', { name: 'Detection rules' });
    for (const group of [profile, gateway, offline, rules]) {
      expect(group.textContent).toContain('Set by your organisation');
    }
    expect(gatewayRadio()).toHaveProperty('disabled', true);
    expect(gatewayRadio()).toHaveProperty('checked', true);
    expect(gatewayUrl().value).toBe(GW);
    expect(gatewayUrl()).toHaveProperty('disabled', true);
    expect(capability(/^Screen/)).toHaveProperty('disabled', true);
    expect(capability(/^Mouse/).checked).toBe(false);
    expect(within(offline).getByRole('radio', { name: 'Send anyway' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(offline).getByRole('radio', { name: 'Ask me each time' })).toHaveProperty(
      'disabled',
      true,
    );
    const rule = screen.getByRole('textbox', { name: 'Rule 1 pattern' }) as HTMLInputElement;
    expect(rule.value).toBe('#conversation-id');
    expect(rule.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Add rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove rule 1' })).toBeNull();

    fireEvent.input(screen.getByRole('textbox', { name: 'OAuth client ID' }), {
      target: { value: 'another-client' },
    });
    fireEvent.click(saveButton());
    await screen.findByText('Saved.');
    expect(saved).toEqual([
      { environment: DEFAULT_SETTINGS.environment, clientId: 'another-client' },
    ]);
    // The policy's gateway still needs host access: asked on the agent's save.
    expect(permissionsRequest).toHaveBeenCalledWith({
      origins: ['https://cobrowse-gw.example.com/*'],
    });
  });

  it('no Save button when the policy sets every option', async () => {
    backgroundWith(
      viewOf(
        { profile: 'genesys' },
        {
          environment: true,
          clientId: true,
          profile: true,
          gateway: true,
          detectionRules: true,
          whenCustomerOffline: true,
          autoCopy: true,
          invitationTemplate: true,
        },
      ),
    );
    render(<OptionsPage />);
    await screen.findByRole('group', { name: 'Start requests go to' });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
