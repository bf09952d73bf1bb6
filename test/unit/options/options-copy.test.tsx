// @vitest-environment happy-dom
// The options page's copy settings: what is copied when a join code arrives and the invitation
// text (refused with the settings' words, saved when valid), each locked by policy.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { send, subscribe } from '../../../src/shared/client';
import type { SettingsView } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS, type LockedKeys, type Settings } from '../../../src/shared/settings';
import { capturePushes, scriptSettingsBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

function viewOf(settings: Partial<Settings> = {}, locked: LockedKeys = {}): SettingsView {
  return {
    settings: { ...structuredClone(DEFAULT_SETTINGS), clientId: 'client-1', ...settings },
    locked,
    problems: [],
    redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  };
}

beforeEach(() => {
  vi.mocked(send).mockReset();
  capturePushes(subscribe);
});
afterEach(cleanup);

const template = () =>
  screen.getByRole('textbox', { name: 'Invitation text' }) as HTMLTextAreaElement;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('options: copying the join code', () => {
  it('saves the choice and a valid invitation text; shows the built-in text', async () => {
    const { saved } = scriptSettingsBackground(send, viewOf());
    render(<OptionsPage />);
    const group = await screen.findByRole('group', { name: 'When a join code arrives' });
    expect((screen.getByRole('radio', { name: 'Copy nothing' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(group.textContent).toContain('Copy the invitation text');
    expect(document.body.textContent).toContain(
      'Built-in text: To share your screen with me, open the chat on our website and enter this code: {code}. It is valid for {minutes} minutes.',
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Copy the invitation text' }));
    fireEvent.input(template(), { target: { value: 'Enter {code} in our chat ({minutes} min)' } });
    save();
    await screen.findByText('Saved.');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      autoCopy: 'invitation',
      invitationTemplate: 'Enter {code} in our chat ({minutes} min)',
    });
  });

  it('refuses an invitation text without {code} with the settings’ words, and saves nothing', async () => {
    const { saved } = scriptSettingsBackground(send, viewOf());
    render(<OptionsPage />);
    await screen.findByRole('group', { name: 'When a join code arrives' });
    fireEvent.input(template(), { target: { value: 'Please join' } });
    save();
    await screen.findByText('The invitation text must contain {code}, where the join code goes.');
    expect(template().getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
  });

  it('both locked by policy: disabled and marked', async () => {
    scriptSettingsBackground(
      send,
      viewOf(
        { autoCopy: 'code', invitationTemplate: 'Code {code}' },
        { autoCopy: true, invitationTemplate: true },
      ),
    );
    render(<OptionsPage />);
    const group = await screen.findByRole('group', { name: 'When a join code arrives' });
    expect((group as HTMLFieldSetElement).disabled).toBe(true);
    expect(
      (screen.getByRole('radio', { name: 'Copy the join code' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(template().disabled).toBe(true);
    expect(template().value).toBe('Code {code}');
  });
});
