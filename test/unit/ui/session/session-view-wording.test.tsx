// @vitest-environment happy-dom
// What the session view says and offers for the cases where it must not claim more than it
// knows: voice after the offer time, an unknown Messenger, the waiting states' main button.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../../src/shared/session';
import { ClockContext } from '../../../../src/ui/session/clock';
import { SessionView } from '../../../../src/ui/session/SessionView';
import { fakeClock, recordingActions, snapshot, T0 } from '../../support/overlay-fixtures';

afterEach(cleanup);

function show(over: Partial<SessionSnapshot>) {
  const actions = recordingActions();
  render(
    <ClockContext.Provider value={fakeClock(T0 + 10 * 60_000)}>
      <SessionView snapshot={snapshot(over)} actions={actions} />
    </ClockContext.Provider>,
  );
  return actions;
}
const button = (name: string) => screen.getByRole('button', { name });
const isPrimary = (name: string) => button(name).classList.contains('primary');
// The timeline is folded under Details: open it first, as an agent would.
const timeline = () => {
  if (!screen.queryByRole('list', { name: 'Timeline' })) fireEvent.click(button('Details'));
  return within(screen.getByRole('list', { name: 'Timeline' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.slice(li.querySelector('time')?.textContent?.length ?? 0).trim());
};

describe('voice: outcome unknown', () => {
  const unknown: Partial<SessionSnapshot> = {
    media: 'call',
    state: 'offered',
    outcomeUnknown: true,
    offerEndsAt: T0,
    timeline: [
      { at: T0 - 3000, step: 'requested' },
      { at: T0 - 2000, step: 'created' },
      { at: T0 - 1000, step: 'offered' },
      { at: T0, step: 'offer-time-over' },
    ],
  };

  it('says it cannot tell whether the caller joined, never that the session expired', () => {
    show(unknown);
    expect(
      screen.getByText(
        'The offer time is over; we cannot tell whether the caller joined. Open the viewer to see, or end the session.',
      ),
    ).toBeTruthy();
    // No claim about the session: the status line and the timeline never say it expired. The
    // code itself is marked as past its time (dateOfferEnds), which is known.
    expect(document.querySelector('p.status')?.textContent).not.toMatch(/expired/i);
    expect(timeline().join(' ')).not.toMatch(/expired/i);
    expect(document.querySelector('.join-code')?.textContent).toContain('Expired');
    expect(screen.queryByText('Read this code to the caller.')).toBeNull();
    expect(screen.queryByRole('timer', { name: 'Time left' })).toBeNull();
    expect(timeline().at(-1)).toBe('Offer time over (outcome unknown)');
  });

  it('keeps Open viewer (main) and End, and no Offer again', () => {
    const actions = show(unknown);
    expect(isPrimary('Open viewer')).toBe(true);
    fireEvent.click(button('Open viewer'));
    expect(actions.openViewer).toHaveBeenCalledTimes(1);
    fireEvent.click(button('End'));
    expect(actions.end).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Offer again' })).toBeNull();
  });

  it('an end proved only by the guest route says the session is over, not how', () => {
    show({
      media: 'call',
      state: 'ended',
      timeline: [...(unknown.timeline ?? []), { at: T0 + 5000, step: 'ended', detail: 'gone' }],
    });
    expect(
      screen.getByText(
        'The session is over: its code no longer works. We cannot tell whether the caller had joined.',
      ),
    ).toBeTruthy();
    expect(timeline().at(-1)).toBe('Ended (no longer at Genesys Cloud)');
  });

  it('once the caller joined: active, with Open viewer', () => {
    show({
      media: 'call',
      state: 'active',
      timeline: [...(unknown.timeline ?? []).slice(0, 3), { at: T0 - 500, step: 'joined' }],
    });
    expect(screen.getByText('Active: the caller joined the session.')).toBeTruthy();
    expect(timeline().at(-1)).toBe('Caller joined');
    expect(button('Open viewer')).toBeTruthy();
  });
});

describe('waiting: the safe choice is the main button', () => {
  it('asking about an offline Messenger: "Send when the customer is back" is the main button', () => {
    show({ state: 'waiting', prompt: 'customer-offline', customerOnline: false });
    expect(isPrimary('Send when the customer is back')).toBe(true);
    expect(isPrimary('Send anyway')).toBe(false);
  });

  it('armed to send on their return: "Send anyway" is offered but is not the main button', () => {
    show({ state: 'waiting', customerOnline: false });
    expect(button('Send anyway')).toBeTruthy();
    expect(isPrimary('Send anyway')).toBe(false);
  });

  it('an unknown Messenger is asked about like an offline one, saying it is unknown', () => {
    show({ state: 'waiting', prompt: 'customer-offline', joinCode: undefined, timeline: [] });
    expect(
      screen.getByText(
        "We cannot tell whether the customer's Messenger is open — an offer sent now may not reach them.",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Offered/)).toBeNull();
    expect(isPrimary('Send when the customer is back')).toBe(true);
  });
});
