// @vitest-environment happy-dom
// The options page offers host access the settings in force need, policy-locked ones included:
// an admin-set custom environment or gateway has no Save that would ever ask for it.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { send, subscribe } from '../../../src/shared/client';
import type { SettingsView } from '../../../src/shared/protocol';
import {
  DEFAULT_SETTINGS,
  type LockedKeys,
  SETTINGS_KEYS,
  type Settings,
} from '../../../src/shared/settings';
import { capturePushes, scriptSettingsBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const CLIENT_ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const PROXY = 'https://genesys-proxy.example.com';
const GW = 'https://cobrowse-gw.example.com';
const ALL_LOCKED = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, true])) as LockedKeys;

/** What an admin policy sets: a custom environment and the company gateway, every key locked. */
const policyView = (locked: LockedKeys = ALL_LOCKED): SettingsView => ({
  settings: {
    ...structuredClone(DEFAULT_SETTINGS),
    clientId: CLIENT_ID,
    environment: { kind: 'custom', baseUrl: PROXY },
    profile: 'gateway',
    gateway: { baseUrl: GW, capabilities: ['screen'] },
  } satisfies Settings,
  locked,
  problems: [],
  redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
});

const grantButton = () => screen.queryByRole('button', { name: 'Grant access' });

// The browser's host permissions as a set: contains() reads it, a granted request adds to it.
let granted: Set<string>;
let answer: boolean;
const contains = vi.fn(async ({ origins = [] }: { origins?: string[] }) =>
  origins.every((o) => granted.has(o)),
);
const request = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
  if (answer) for (const o of origins) granted.add(o);
  return answer;
});

beforeEach(() => {
  granted = new Set();
  answer = true;
  contains.mockClear();
  request.mockClear();
  vi.mocked(send).mockReset();
  capturePushes(subscribe);
  fakeBrowser.permissions.contains = contains as never;
  fakeBrowser.permissions.request = request as never;
});
afterEach(cleanup);

describe('options: host access the settings in force need', () => {
  it('offers access to a locked policy origin, asks for exactly its patterns, then goes away', async () => {
    scriptSettingsBackground(send, policyView());
    render(<OptionsPage />);
    const notice = await screen.findByText(
      `Access to ${GW} is needed to reach the company gateway.`,
    );
    expect(notice.closest('[role="status"]')).not.toBeNull();
    screen.getByText(`Access to ${PROXY} is needed to reach Genesys Cloud.`);
    // Every key is locked: no Save, so this button is the only way to the prompt.
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();

    fireEvent.click(grantButton() as HTMLElement);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({
      origins: [
        'https://genesys-proxy.example.com/*',
        'wss://genesys-proxy.example.com/*',
        'https://cobrowse-gw.example.com/*',
      ],
    });
    await waitFor(() => expect(grantButton()).toBeNull());
    expect(screen.queryByText(/is needed to reach/)).toBeNull();
  });

  it('offers it for unlocked settings too', async () => {
    scriptSettingsBackground(send, policyView({}));
    granted.add(`${PROXY}/*`).add('wss://genesys-proxy.example.com/*');
    render(<OptionsPage />);
    await screen.findByText(`Access to ${GW} is needed to reach the company gateway.`);
    expect(screen.queryByText(/needed to reach Genesys Cloud/)).toBeNull();
    fireEvent.click(grantButton() as HTMLElement);
    expect(request).toHaveBeenCalledWith({ origins: ['https://cobrowse-gw.example.com/*'] });
    await waitFor(() => expect(grantButton()).toBeNull());
  });

  it('keeps the notice and says so when the agent declines the prompt', async () => {
    answer = false;
    scriptSettingsBackground(send, policyView());
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Grant access' }));
    await screen.findByText(
      `The extension was not allowed to reach ${GW}. Choose Grant access again and then Allow in the browser's prompt.`,
    );
    expect(grantButton()).not.toBeNull();
  });

  it('shows no notice when the origins are already granted', async () => {
    for (const o of [`${PROXY}/*`, 'wss://genesys-proxy.example.com/*', `${GW}/*`]) granted.add(o);
    scriptSettingsBackground(send, policyView());
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: 'Genesys Cloud connection' });
    await waitFor(() => expect(contains).toHaveBeenCalledTimes(2));
    // Let the checks' answers reach the page before looking for the notice.
    await act(async () => {
      await Promise.all(contains.mock.results.map((r) => r.value));
    });
    expect(grantButton()).toBeNull();
    expect(screen.queryByText(/is needed to reach/)).toBeNull();
  });
});
