// @vitest-environment happy-dom
// The options page's notification settings: the defaults shown, a save that sends only what
// changed, and each control locked alone by a policy.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  alertsFormFromSettings,
  alertsPatch,
  isAlertsDirty,
} from '../../../src/options/alerts-form';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { send, subscribe } from '../../../src/shared/client';
import type { SettingsView } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS, type LockedKeys, type Settings } from '../../../src/shared/settings';
import { capturePushes, scriptSettingsBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const CLIENT_ID = '6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';

function viewOf(settings: Partial<Settings> = {}, locked: LockedKeys = {}): SettingsView {
  return {
    settings: { ...structuredClone(DEFAULT_SETTINGS), clientId: CLIENT_ID, ...settings },
    locked,
    problems: [],
    redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  };
}

const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const SOUND = 'Play a short sound with each notification';
const RETURNS = 'Bring a closed panel back as a small pill when the session changes';
const BADGE = "Show the session's state on the toolbar button";

beforeEach(() => {
  vi.mocked(send).mockReset();
  capturePushes(subscribe);
});
afterEach(cleanup);

describe('options: notifications', () => {
  it('shows the defaults: only off the session’s tab, no sound, the panel returns, the badge on', async () => {
    scriptSettingsBackground(send, viewOf());
    render(<OptionsPage />);
    await screen.findByRole('group', { name: 'Desktop notifications' });
    expect(radio("Only when I am not looking at the session's tab").checked).toBe(true);
    expect(box(SOUND).checked).toBe(false);
    expect(box(RETURNS).checked).toBe(true);
    expect(box(BADGE).checked).toBe(true);
  });

  it('saves only what the agent changed', async () => {
    const { saved } = scriptSettingsBackground(send, viewOf());
    render(<OptionsPage />);
    await screen.findByRole('group', { name: 'Desktop notifications' });
    fireEvent.click(radio('Always'));
    fireEvent.click(box(SOUND));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(saved).toHaveLength(1);
    // The connection fields always go with a save; of the alert settings, only the changes.
    expect(saved[0]).toMatchObject({ notifications: 'always', notificationSound: true });
    expect(saved[0]).not.toHaveProperty('panelReturns');
    expect(saved[0]).not.toHaveProperty('badge');
  });

  it('a policy locks each control alone, with the reason beside it', async () => {
    scriptSettingsBackground(
      send,
      viewOf({ notifications: 'off', badge: false }, { notifications: true, badge: true }),
    );
    render(<OptionsPage />);
    const group = await screen.findByRole('group', { name: 'Desktop notifications' });
    expect(group).toHaveProperty('disabled', true);
    expect(radio('Never').checked).toBe(true);
    expect(group.getAttribute('aria-describedby')).toContain('notifications-locked');
    expect(box(BADGE).disabled).toBe(true);
    expect(box(BADGE).getAttribute('aria-describedby')).toBe('badge-locked');
    expect(box(SOUND).disabled).toBe(false);
    expect(box(RETURNS).disabled).toBe(false);
  });
});

describe('alerts form', () => {
  const saved = { ...structuredClone(DEFAULT_SETTINGS) };

  it('is dirty only with a change, and the patch leaves out locked keys', () => {
    const form = alertsFormFromSettings(saved);
    expect(isAlertsDirty(form, saved)).toBe(false);
    const edited = { ...form, notifications: 'off' as const, badge: false };
    expect(isAlertsDirty(edited, saved)).toBe(true);
    expect(alertsPatch(edited, {}, saved)).toEqual({ notifications: 'off', badge: false });
    expect(alertsPatch(edited, { badge: true }, saved)).toEqual({ notifications: 'off' });
  });
});
