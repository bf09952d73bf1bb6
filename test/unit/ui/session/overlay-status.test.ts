import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionError, SessionState, StepKind } from '../../../../src/shared/session';
import { expiredWhileOffline, statusKey } from '../../../../src/shared/session-status';
import { errorDetailsText } from '../../../../src/ui/error-details';
import {
  actionsFor,
  formatRemaining,
  isCounting,
  primaryAction,
  retryWait,
  stepKey,
} from '../../../../src/ui/session/status';
import { snapshot, T0 } from '../../support/overlay-fixtures';

describe('overlay status decisions', () => {
  it('names an English message for every timeline step', () => {
    const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8'));
    const steps: Record<StepKind, true> = {
      requested: true,
      'waiting-customer': true,
      created: true,
      offered: true,
      'customer-online': true,
      'customer-offline': true,
      accepted: true,
      joined: true,
      'offer-time-over': true,
      declined: true,
      expired: true,
      ended: true,
      failed: true,
    };
    const keys = (Object.keys(steps) as StepKind[]).map(stepKey);
    expect(keys).toContain('ov_step_customer_offline');
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it('offers each action only where it makes sense', () => {
    const of = (state: SessionState, prompt?: 'customer-offline') => actionsFor({ state, prompt });
    expect(of('waiting')).toEqual(['sendAnyway', 'end']);
    expect(of('waiting', 'customer-offline')).toEqual(['sendWhenBack', 'sendAnyway', 'end']);
    for (const s of ['creating', 'offered'] as const) expect(of(s)).toEqual(['end']);
    expect(of('active')).toEqual(['openViewer', 'end']);
    expect(of('declined')).toEqual(['offerAgain']);
    expect(of('expired')).toEqual(['offerAgain']);
    expect(of('failed')).toEqual(['retry']);
    expect(of('ended')).toEqual([]);
  });

  it('voice with an unknown outcome keeps Open viewer and End; "Send anyway" is never the main action', () => {
    expect(actionsFor({ state: 'offered', outcomeUnknown: true })).toEqual(['openViewer', 'end']);
    expect(primaryAction(actionsFor({ state: 'offered', outcomeUnknown: true }))).toBe(
      'openViewer',
    );
    expect(primaryAction(actionsFor({ state: 'waiting', prompt: 'customer-offline' }))).toBe(
      'sendWhenBack',
    );
    expect(primaryAction(actionsFor({ state: 'waiting' }))).toBeUndefined();
  });

  it('asks the offline question as the status of a waiting session with the prompt', () => {
    expect(
      statusKey(snapshot({ state: 'waiting', prompt: 'customer-offline', customerOnline: false })),
    ).toBe('ov_offline_text');
    // No Presence event seen: the Messenger may be closed, and the question says it is unknown.
    expect(statusKey(snapshot({ state: 'waiting', prompt: 'customer-offline' }))).toBe(
      'ov_presence_unknown_text',
    );
    expect(statusKey(snapshot({ state: 'waiting' }))).toBe('ov_status_waiting');
  });

  it('tells voice to read the code, messaging to wait for the accept', () => {
    expect(statusKey(snapshot({ media: 'call' }))).toBe('ov_status_offered_call');
    expect(statusKey(snapshot())).toBe('ov_status_offered');
  });

  it('knows from the timeline whether the offer expired while the customer was offline', () => {
    const offlineThenExpired = snapshot({
      state: 'expired',
      timeline: [
        { at: T0, step: 'offered' },
        { at: T0 + 1, step: 'customer-offline' },
        { at: T0 + 2, step: 'expired' },
        { at: T0 + 3, step: 'customer-online' },
      ],
    });
    expect(expiredWhileOffline(offlineThenExpired)).toBe(true);
    expect(statusKey(offlineThenExpired)).toBe('ov_status_expired_offline');

    const backOnlineBeforeExpiry = snapshot({
      state: 'expired',
      timeline: [
        { at: T0 + 1, step: 'customer-offline' },
        { at: T0 + 2, step: 'customer-online' },
        { at: T0 + 3, step: 'expired' },
      ],
    });
    expect(statusKey(backOnlineBeforeExpiry)).toBe('ov_status_expired');
    // No presence step: fall back to the last known presence.
    expect(expiredWhileOffline(snapshot({ state: 'expired', customerOnline: false }))).toBe(true);
    expect(expiredWhileOffline(snapshot({ state: 'offered', customerOnline: false }))).toBe(false);
  });

  it('counts down only while offered and before the end', () => {
    const s = snapshot({ offerEndsAt: T0 + 1000 });
    expect(isCounting(s, T0)).toBe(true);
    expect(isCounting(s, T0 + 1000)).toBe(false);
    expect(isCounting({ ...s, state: 'active' }, T0)).toBe(false);
  });

  it('formats the remaining time', () => {
    expect(formatRemaining(305_000)).toBe('5:05');
    expect(formatRemaining(999)).toBe('0:01');
    expect(formatRemaining(-5000)).toBe('0:00');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
  });

  it('waits out retryAfterSeconds from the time of the failure', () => {
    const e: SessionError = {
      code: 'too.many.requests',
      message: 'm',
      title: 't',
      explanation: 'e',
      fix: 'f',
      retryAfterSeconds: 30,
    };
    expect(retryWait(e, T0, T0)).toBe(30);
    expect(retryWait(e, T0, T0 + 29_500)).toBe(1);
    expect(retryWait(e, T0, T0 + 30_000)).toBe(0);
    expect(retryWait({ ...e, retryAfterSeconds: undefined }, T0, T0)).toBe(0);
  });

  it('puts the facts support needs into the copied details, skipping missing ones', () => {
    const e: SessionError = {
      status: 429,
      code: 'too.many.requests',
      message: 'Rate limit exceeded',
      contextId: 'ctx-1',
      title: 'Too many requests',
      explanation: 'x',
      fix: 'y',
      retryAfterSeconds: 12,
    };
    const head = 'Too many requests\nx\nWhat to do: y\n\n';
    const time = `Time: ${new Date(T0).toISOString()}\n`;
    expect(errorDetailsText(e, T0)).toBe(
      `${head}${time}HTTP status: 429\nError code: too.many.requests\nContext ID: ctx-1\nServer message: Rate limit exceeded`,
    );
    expect(errorDetailsText({ ...e, status: undefined, contextId: undefined })).toBe(
      `${head}Error code: too.many.requests\nServer message: Rate limit exceeded`,
    );
  });
});
