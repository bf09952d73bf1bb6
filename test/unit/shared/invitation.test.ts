// The invitation template: which templates are usable (with the settings' words for why not),
// how it is filled, and the built-in text of every locale.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fillInvitation,
  invitationProblem,
  MAX_INVITATION_LENGTH,
  minutesLeft,
} from '../../../src/shared/invitation';
import { validateField } from '../../../src/shared/settings';

describe('invitationProblem', () => {
  it('accepts an empty template (the built-in text) and one with {code}, with or without {minutes}', () => {
    expect(invitationProblem('')).toBeUndefined();
    expect(invitationProblem('Code: {code}')).toBeUndefined();
    expect(invitationProblem('Enter {code} within {minutes} minutes ({code})')).toBeUndefined();
  });

  it('refuses a template without {code}, with another placeholder, or too long', () => {
    expect(invitationProblem('Valid {minutes} minutes')).toEqual({
      key: 'settings_err_invitation_code',
    });
    expect(invitationProblem('Hi {name}, code {code}')).toEqual({
      key: 'settings_err_invitation_placeholder',
      sub: '{name}',
    });
    expect(invitationProblem('{Code}')?.key).toBe('settings_err_invitation_placeholder');
    expect(invitationProblem(`{code}${'x'.repeat(MAX_INVITATION_LENGTH)}`)?.key).toBe(
      'settings_err_invitation_long',
    );
  });

  it('is the settings field’s rule, with its words', () => {
    expect(validateField('invitationTemplate', '  Code {code}  ')).toEqual({
      ok: true,
      value: 'Code {code}',
    });
    expect(validateField('invitationTemplate', 'Hi {name}')).toEqual({
      ok: false,
      message: 'The invitation text uses {name}. Only {code} and {minutes} are filled in.',
    });
    expect(validateField('invitationTemplate', 'no code')).toEqual({
      ok: false,
      message: 'The invitation text must contain {code}, where the join code goes.',
    });
    expect(validateField('invitationTemplate', 42).ok).toBe(false);
    expect(validateField('autoCopy', 'invitation')).toEqual({ ok: true, value: 'invitation' });
    expect(validateField('autoCopy', 'always').ok).toBe(false);
  });
});

describe('fillInvitation and minutesLeft', () => {
  it('fills every {code} and {minutes}, in one pass', () => {
    expect(fillInvitation('Enter {code} ({minutes} min). Again: {code}', '605368', 2)).toBe(
      'Enter 605368 (2 min). Again: 605368',
    );
    // A value that looks like a placeholder is not filled again.
    expect(fillInvitation('{code} {minutes}', '{minutes}', 3)).toBe('{minutes} 3');
  });

  it('gives nothing when the template needs minutes nobody knows', () => {
    expect(fillInvitation('{code} for {minutes} min', '605368', undefined)).toBeUndefined();
    expect(fillInvitation('Code {code}', '605368', undefined)).toBe('Code 605368');
  });

  it('counts whole minutes left, rounded up, at least one', () => {
    expect(minutesLeft(undefined, 0)).toBeUndefined();
    expect(minutesLeft(120_000, 0)).toBe(2);
    expect(minutesLeft(119_000, 0)).toBe(2);
    expect(minutesLeft(60_001, 0)).toBe(2);
    expect(minutesLeft(1_000, 0)).toBe(1);
    expect(minutesLeft(0, 5_000)).toBe(1);
  });
});

describe('the built-in invitation of every locale', () => {
  const locales = readdirSync('public/_locales');
  it.each(locales)('%s: a valid template with {code} and {minutes}', (locale) => {
    const messages = JSON.parse(
      readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'),
    ) as Record<string, { message: string }>;
    const text = messages.invitation_default?.message ?? '';
    expect(invitationProblem(text)).toBeUndefined();
    expect(text).toContain('{code}');
    expect(text).toContain('{minutes}');
  });
});
