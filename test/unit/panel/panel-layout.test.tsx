// @vitest-environment happy-dom
// The panel laid out for the channel: messaging puts the status first and the code small;
// voice puts the code big and grouped for reading aloud, with a labelled countdown that warns
// in its last seconds; a dead code is dimmed and tagged; End is never the primary button; the
// session id and timeline wait under Details; the pill tells state and countdown.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Panel } from '../../../src/panel/Panel';
import { LiveSession } from '../../../src/popup/LiveSession';
import type { Media, SessionSnapshot } from '../../../src/shared/session';
import { ClockContext } from '../../../src/ui/session/clock';
import {
  type FakeClock,
  fakeClock,
  recordingActions,
  snapshot,
  T0,
} from '../support/overlay-fixtures';

let clock: FakeClock;
beforeEach(() => {
  clock = fakeClock(T0);
});
afterEach(cleanup);

/** The fixtures' offer ends five minutes after T0. */
const ENDS = T0 + 5 * 60_000;
const CODE_SPOKEN = '4 8 2, 9 1 3';

function show(over: Partial<SessionSnapshot>) {
  const ui = (s: SessionSnapshot) => (
    <ClockContext.Provider value={clock}>
      <Panel view={{ kind: 'session', snapshot: s }} actions={recordingActions()} />
    </ClockContext.Provider>
  );
  const r = render(ui(snapshot(over)));
  return { rerender: (next: Partial<SessionSnapshot>) => r.rerender(ui(snapshot(next))) };
}

const dialog = () => within(screen.getByRole('dialog', { name: 'Cobrowse' }));
const button = (name: string | RegExp) => dialog().getByRole('button', { name });
const liveRegion = () => dialog().getByRole('status');
const visible = { ignore: '[role="status"], script, style' };
const text = (t: string | RegExp) => dialog().getByText(t, visible);
/** The join code's field: its label, the drawn groups and what a screen reader says. */
const codeField = () => text(CODE_SPOKEN).closest('.field') as HTMLElement;
const precedes = (a: Element, b: Element) =>
  Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('panel layout: messaging', () => {
  it('puts the status first and the code after it, small, with its countdown', () => {
    show({ media: 'message' });
    const status = text('Offered. Waiting for the customer to accept.');
    expect(precedes(status, codeField())).toBe(true);
    expect(codeField().classList.contains('code-small')).toBe(true);
    const timer = dialog().getByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toBe('Expires in 5:00');
    // Messaging: the countdown before the code (the code is secondary).
    expect(precedes(timer, codeField())).toBe(true);
    button('Copy join code');
  });
});

describe('panel layout: voice', () => {
  it('shows the code big and grouped, spoken digit by digit, the labelled countdown under it', () => {
    show({ media: 'call' });
    const status = text('Read this code to the caller.');
    const field = codeField();
    expect(precedes(status, field)).toBe(true);
    expect(field.classList.contains('code-big')).toBe(true);
    // Drawn in groups, hidden from screen readers, which hear the spoken digits instead.
    const drawn = within(field).getByText('482').parentElement as HTMLElement;
    expect([...drawn.children].map((g) => g.textContent)).toEqual(['482', '913']);
    expect(drawn.getAttribute('aria-hidden')).toBe('true');
    expect(drawn.textContent).toBe('482913');
    const timer = dialog().getByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toBe('Expires in 5:00');
    expect(precedes(field, timer)).toBe(true);
  });
});

describe.each<Media>(['message', 'call'])('panel layout (%s): the countdown', (media) => {
  it('warns in the last 30 seconds and says so once to screen readers', () => {
    show({ media });
    const timer = () => dialog().getByRole('timer', { name: 'Time left' });
    const line = () => timer().closest('p') as HTMLElement;
    act(() => clock.advance(4 * 60_000 + 29_000));
    expect(timer().textContent).toBe('Expires in 0:31');
    expect(line().classList.contains('warning')).toBe(false);
    act(() => clock.advance(1000));
    expect(timer().textContent).toBe('Expires in 0:30');
    expect(line().classList.contains('warning')).toBe(true);
    expect(liveRegion().textContent).toBe('The join code expires in less than 30 seconds.');
  });

  it('after the end: no countdown, the code dimmed and tagged Expired, no Copy, announced', () => {
    show({ media });
    act(() => clock.advance(5 * 60_000));
    expect(dialog().queryByRole('timer')).toBeNull();
    const field = codeField();
    expect(field.classList.contains('code-dead')).toBe(true);
    // The tag comes before the digits, so a screen reader says "Expired" first.
    const tag = within(field).getByText('Expired');
    expect(precedes(tag, within(field).getByText(CODE_SPOKEN))).toBe(true);
    expect(dialog().queryByRole('button', { name: 'Copy join code' })).toBeNull();
    expect(liveRegion().textContent).toBe(
      'The join code has expired. Do not give it to the customer.',
    );
  });

  it('opened already in the last seconds: the warning shows, nothing extra is announced', () => {
    clock = fakeClock(ENDS - 10_000);
    show({ media });
    const line = dialog().getByRole('timer', { name: 'Time left' }).closest('p') as HTMLElement;
    expect(line.classList.contains('warning')).toBe(true);
    expect(liveRegion().textContent).not.toMatch(/join code/);
  });

  it('a pushed expired state tags the code Expired; a declined one No longer valid', () => {
    const { rerender } = show({ media, state: 'expired' });
    within(codeField()).getByText('Expired');
    expect(dialog().queryByRole('button', { name: 'Copy join code' })).toBeNull();
    rerender({ media, state: 'declined' });
    within(codeField()).getByText('No longer valid');
    // The status line says what happened; the tag does not replace it.
    expect(liveRegion().textContent).toBe('The customer declined the offer.');
  });

  it('never draws End as the primary button', () => {
    const { rerender } = show({ media });
    expect(button('End').classList.contains('primary')).toBe(false);
    rerender({ media, state: 'active' });
    expect(button('Open viewer').classList.contains('primary')).toBe(true);
    expect(button('End').classList.contains('primary')).toBe(false);
  });

  it('keeps the session id and the timeline under a closed Details disclosure', () => {
    show({ media });
    const details = dialog().getByRole('button', { name: 'Details', expanded: false });
    expect(details.getAttribute('type')).toBe('button');
    expect(dialog().queryByRole('list', { name: 'Timeline' })).toBeNull();
    expect(dialog().queryByRole('button', { name: 'Copy session ID' })).toBeNull();
    const region = document.getElementById(details.getAttribute('aria-controls') ?? '');
    expect(region?.hidden).toBe(true);

    fireEvent.click(details);
    dialog().getByRole('button', { name: 'Details', expanded: true });
    dialog().getByRole('list', { name: 'Timeline' });
    button('Copy session ID');
    expect(region?.hidden).toBe(false);
    expect(within(region as HTMLElement).getByText('b7e1c2d3-0000-4000-8000-00000000abcd'));

    fireEvent.click(details);
    expect(dialog().queryByRole('list', { name: 'Timeline' })).toBeNull();
  });
});

describe('panel layout: the minimised pill', () => {
  const pill = () => button(/Restore$/);
  const minimise = () => fireEvent.click(button('Minimise'));

  it('counts down while offered, warns at the end, and tells each state in words and tone', () => {
    const { rerender } = show({ media: 'call' });
    minimise();
    expect(pill().textContent).toContain('Offered');
    expect(pill().getAttribute('data-tone')).toBe('offered');
    within(pill()).getByText('Expires in 5:00');
    act(() => clock.advance(60_000));
    within(pill()).getByText('Expires in 4:00');
    within(pill()).getByText(CODE_SPOKEN);

    act(() => clock.advance(3 * 60_000 + 45_000));
    expect(pill().getAttribute('data-tone')).toBe('warning');
    within(pill()).getByText('Expires in 0:15');

    rerender({ media: 'call', state: 'active' });
    expect(pill().getAttribute('data-tone')).toBe('active');
    expect(pill().textContent).toContain('Active');
    expect(within(pill()).queryByText(/Expires in/)).toBeNull();

    rerender({ media: 'call', state: 'ended' });
    expect(pill().getAttribute('data-tone')).toBe('over');
    expect(pill().textContent).toContain('Ended');
    // A dead code is not in the pill: it could be read out from there.
    expect(within(pill()).queryByText(CODE_SPOKEN)).toBeNull();
  });

  it('minimised, still says the last seconds and the expiry to screen readers', () => {
    show({ media: 'call' });
    minimise();
    act(() => clock.advance(4 * 60_000 + 31_000));
    expect(liveRegion().textContent).toBe('The join code expires in less than 30 seconds.');
    act(() => clock.advance(30_000));
    expect(liveRegion().textContent).toBe(
      'The join code has expired. Do not give it to the customer.',
    );
  });

  it('once the time ran out, still offered, the pill says Offered with no countdown and no code', () => {
    show({ media: 'message' });
    minimise();
    act(() => clock.advance(5 * 60_000));
    expect(pill().getAttribute('data-tone')).toBe('over');
    expect(within(pill()).queryByText(/Expires in/)).toBeNull();
    expect(within(pill()).queryByText(CODE_SPOKEN)).toBeNull();
    expect(clock.subscribers).toBe(0);
  });
});

describe('popup live session: the same layout', () => {
  it('voice: the big grouped code, the labelled countdown, Details closed, End secondary', () => {
    render(
      <ClockContext.Provider value={clock}>
        <LiveSession
          snapshot={snapshot({ media: 'call' })}
          actions={recordingActions()}
          onBack={() => undefined}
          headingId="h"
        />
      </ClockContext.Provider>,
    );
    const region = within(screen.getByRole('region', { name: 'Cobrowse session' }));
    const field = region.getByText(CODE_SPOKEN).closest('.field') as HTMLElement;
    expect(field.classList.contains('code-big')).toBe(true);
    expect(region.getByRole('timer', { name: 'Time left' }).textContent).toBe('Expires in 5:00');
    region.getByRole('button', { name: 'Details', expanded: false });
    expect(region.getByRole('button', { name: 'End' }).classList.contains('primary')).toBe(false);
  });
});
