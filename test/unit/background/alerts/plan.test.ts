// The alerts' pure decision: which change of a session is worth a desktop notification, when the
// tone plays, when the closed panel comes back, and the notification's words.
import { describe, expect, it } from 'vitest';
import {
  type AlertSettings,
  alertKind,
  alertText,
  conversationOf,
  notificationId,
  planAlert,
} from '../../../../src/background/alerts/plan';
import type { SessionSnapshot, SessionState, TimelineStep } from '../../../../src/shared/session';
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings';

const ID = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const T0 = Date.parse('2026-03-02T10:00:00Z');

function snap(state: SessionState, extra: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    conversationId: ID,
    media: 'message',
    profile: 'genesys',
    origin: 'command',
    state,
    timeline: [],
    updatedAt: T0,
    customerName: 'Maria López',
    ...extra,
  };
}

const DEFAULTS: AlertSettings = {
  notifications: DEFAULT_SETTINGS.notifications,
  notificationSound: DEFAULT_SETTINGS.notificationSound,
  panelReturns: DEFAULT_SETTINGS.panelReturns,
};
const ended = (detail: string): TimelineStep[] => [{ at: T0, step: 'ended', detail }];

describe('alertKind: the changes worth a notification', () => {
  it('the customer accepted, declined, or let the offer expire', () => {
    expect(alertKind(snap('offered'), snap('active'))).toBe('accepted');
    expect(alertKind(snap('offered'), snap('declined'))).toBe('declined');
    expect(alertKind(snap('offered'), snap('expired'))).toBe('expired');
  });

  it('the customer came back online while the start waited (the offer goes out)', () => {
    const waiting = snap('waiting', { customerOnline: false });
    expect(alertKind(waiting, snap('creating', { customerOnline: true }))).toBe('customer-back');
    // A Messenger never seen (its state unknown) is waited for as an offline one.
    const unknown = snap('waiting');
    expect(alertKind(unknown, snap('creating', { customerOnline: true }))).toBe('customer-back');
  });

  it('nothing for a new session, the same state again, the agent’s own steps, or another session', () => {
    expect(alertKind(undefined, snap('active'))).toBeUndefined();
    expect(alertKind(snap('active'), snap('active', { updatedAt: T0 + 1 }))).toBeUndefined();
    expect(alertKind(snap('creating'), snap('offered'))).toBeUndefined();
    expect(alertKind(snap('offered'), snap('ended', { timeline: ended('agent') }))).toBeUndefined();
    // The agent chose "Send anyway": the customer is still offline.
    const waiting = snap('waiting', { customerOnline: false });
    expect(alertKind(waiting, snap('creating', { customerOnline: false }))).toBeUndefined();
    const other = snap('active', { conversationId: 'b1c0e9d6-4f4b-4d59-9d7e-1c4c4f3a7a10' });
    expect(alertKind(snap('offered'), other)).toBeUndefined();
  });
});

describe('planAlert', () => {
  it('by default, notifies only while the agent is not looking at the session’s tab, silently', () => {
    expect(planAlert(snap('offered'), snap('active'), DEFAULTS, false)).toEqual({
      kind: 'accepted',
      notify: true,
      sound: false,
      reveal: true,
    });
    expect(planAlert(snap('offered'), snap('active'), DEFAULTS, true)).toMatchObject({
      notify: false,
      reveal: true,
    });
  });

  it('always / off, and the tone only with a notification', () => {
    const always = { ...DEFAULTS, notifications: 'always' as const, notificationSound: true };
    expect(planAlert(snap('offered'), snap('declined'), always, true)).toMatchObject({
      notify: true,
      sound: true,
    });
    const off = { ...always, notifications: 'off' as const };
    expect(planAlert(snap('offered'), snap('expired'), off, false)).toMatchObject({
      kind: 'expired',
      notify: false,
      sound: false,
    });
    const elsewhere = { ...always, notifications: 'elsewhere' as const };
    expect(planAlert(snap('offered'), snap('active'), elsewhere, true)).toMatchObject({
      notify: false,
      sound: false,
    });
  });

  it('the panel comes back on each state change the agent did not make, not on theirs', () => {
    const reveal = (before: SessionSnapshot, after: SessionSnapshot) =>
      planAlert(before, after, DEFAULTS, true).reveal;
    expect(reveal(snap('creating'), snap('offered'))).toBe(true);
    expect(reveal(snap('offered'), snap('active'))).toBe(true);
    expect(reveal(snap('creating'), snap('failed'))).toBe(true);
    // The extension's own refusal (one cobrowse per agent) answers the agent's trigger, which
    // shows it in full: no pill racing that show. Genesys's 409 for the same reveals as before.
    const own = {
      code: 'session.already.running',
      message: '',
      title: 't',
      explanation: 'e',
      fix: 'f',
    };
    expect(reveal(snap('creating'), snap('failed', { error: own }))).toBe(false);
    const genesys = { ...own, code: 'request.conflict', status: 409 };
    expect(reveal(snap('creating'), snap('failed', { error: genesys }))).toBe(true);
    expect(reveal(snap('active'), snap('ended', { timeline: ended('customer') }))).toBe(true);
    expect(reveal(snap('active'), snap('ended', { timeline: ended('agent') }))).toBe(false);
    expect(reveal(snap('declined'), snap('creating'))).toBe(false); // Offer again
    expect(reveal(snap('offered'), snap('offered', { updatedAt: T0 + 1 }))).toBe(false);
    expect(planAlert(undefined, snap('offered'), DEFAULTS, true).reveal).toBe(false);
  });

  it('never brings the panel back when the agent turned that off', () => {
    const off = { ...DEFAULTS, panelReturns: false };
    expect(planAlert(snap('offered'), snap('active'), off, false)).toMatchObject({
      notify: true,
      reveal: false,
    });
  });
});

describe('alertText', () => {
  it('says what happened to whom; only an accept offers Open viewer', () => {
    expect(alertText('accepted', snap('active'))).toEqual({
      title: 'Cobrowse accepted',
      message: 'Maria López accepted. Open the viewer to see their screen.',
      viewerButton: true,
    });
    expect(alertText('declined', snap('declined')).viewerButton).toBe(false);
    expect(alertText('expired', snap('expired')).message).toContain('did not accept in time');
    expect(alertText('customer-back', snap('creating')).title).toBe('Customer back online');
  });

  it('names the customer generically when the name is unknown', () => {
    const unnamed = snap('declined', { customerName: '  ' });
    expect(alertText('declined', unnamed).message).toMatch(/^The customer declined\./);
  });

  it('one notification id per conversation, read back; other ids are not ours', () => {
    expect(conversationOf(notificationId(ID))).toBe(ID);
    expect(conversationOf('something-else')).toBeUndefined();
  });
});
