// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Panel as Overlay } from '../../../src/panel/Panel';
import type { ConversationSummary } from '../../../src/shared/protocol';
import type { SessionError, SessionSnapshot, SessionState } from '../../../src/shared/session';
import { ClockContext } from '../../../src/ui/session/clock';
import { formatTime } from '../../../src/ui/session/format';
import type { OverlayView } from '../../../src/ui/session/model';
import {
  CID,
  type FakeClock,
  fakeClock,
  recordingActions,
  snapshot,
  T0,
} from '../support/overlay-fixtures';

let clock: FakeClock;
let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  clock = fakeClock(T0);
  writeText = vi.fn(async (_: string) => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(cleanup);

function show(view: OverlayView) {
  const actions = recordingActions();
  const ui = (v: OverlayView) => (
    <ClockContext.Provider value={clock}>
      <Overlay view={v} actions={actions} />
    </ClockContext.Provider>
  );
  const r = render(ui(view));
  return { actions, rerender: (v: OverlayView) => r.rerender(ui(v)) };
}

const session = (over: Partial<SessionSnapshot> = {}): OverlayView => ({
  kind: 'session',
  snapshot: snapshot(over),
});
const dialog = () => screen.getByRole('dialog', { name: 'Cobrowse' });
const button = (name: string | RegExp) => within(dialog()).getByRole('button', { name });
const noButton = (name: string | RegExp) =>
  expect(within(dialog()).queryByRole('button', { name })).toBeNull();
/** Clicks a copy button and lets its clipboard promise settle inside act(), effects flushed. */
async function clickCopy(name: string) {
  await act(async () => {
    fireEvent.click(button(name));
    // The component awaited this same promise first, so its continuation has run after ours.
    const pending = writeText.mock.results.at(-1)?.value as Promise<void> | undefined;
    await pending?.catch(() => {});
  });
}
const liveRegion = () => within(dialog()).getByRole('status');
/** Visible text: the live region repeats the status line for screen readers. */
const visible = { ignore: '[role="status"], script, style' };
const text = (t: string | RegExp, exact = true) =>
  within(dialog()).getByText(t, { ...visible, exact });

describe('overlay: a session', () => {
  const cases: [SessionState, string, string[], string[]][] = [
    [
      'waiting',
      'Waiting for the customer to come back online',
      ['End'],
      ['Offer again', 'Open viewer'],
    ],
    ['creating', 'Creating the cobrowse session', ['End'], ['Offer again', 'Open viewer']],
    [
      'offered',
      'Offered. Waiting for the customer to accept.',
      ['End'],
      ['Offer again', 'Open viewer'],
    ],
    ['active', 'Active: the customer accepted.', ['Open viewer', 'End'], ['Offer again']],
    ['ended', 'The session has ended.', [], ['End', 'Offer again', 'Open viewer']],
    ['declined', 'The customer declined the offer.', ['Offer again'], ['End', 'Open viewer']],
    [
      'expired',
      'The offer expired before the customer accepted.',
      ['Offer again'],
      ['End', 'Open viewer'],
    ],
  ];
  it.each(cases)('%s: status line and actions', (state, status, present, absent) => {
    const { actions } = show(session({ state }));
    expect(text(status, false)).toBeTruthy();
    expect(liveRegion().textContent).toContain(status);
    for (const name of present) button(name);
    for (const name of absent) noButton(name);
    for (const name of ['Minimise', 'Close']) button(name);
    const calls = {
      End: actions.end,
      'Offer again': actions.offerAgain,
      'Open viewer': actions.openViewer,
    };
    for (const name of present) {
      fireEvent.click(button(name));
      expect(calls[name as keyof typeof calls]).toHaveBeenCalledTimes(1);
    }
  });

  it('asks the offline question inside a waiting session and reports the answer', () => {
    const { actions } = show(
      session({
        state: 'waiting',
        prompt: 'customer-offline',
        customerOnline: false,
        joinCode: undefined,
        sessionId: undefined,
        offerEndsAt: undefined,
      }),
    );
    expect(liveRegion().textContent).toBe(
      "The customer's Messenger is offline — an offer sent now will not reach them.",
    );
    fireEvent.click(button('Send when the customer is back'));
    expect(actions.answerOffline).toHaveBeenLastCalledWith('send-when-back');
    fireEvent.click(button('Send anyway'));
    expect(actions.answerOffline).toHaveBeenLastCalledWith('send-anyway');
    fireEvent.click(button('Cancel'));
    expect(actions.end).toHaveBeenCalledTimes(1);
    noButton('End');
  });

  it('says so when the offer expired while the customer was offline', () => {
    show(
      session({
        state: 'expired',
        customerOnline: false,
        timeline: [
          { at: T0, step: 'customer-offline' },
          { at: T0 + 1, step: 'expired' },
        ],
      }),
    );
    expect(liveRegion().textContent).toBe('The offer expired while the customer was offline.');
    button('Offer again');
  });

  it('tells a voice agent to read the code to the caller', () => {
    show(session({ media: 'call' }));
    expect(text('Read this code to the caller.')).toBeTruthy();
    expect(text('482')).toBeTruthy();
    expect(text('913')).toBeTruthy();
  });

  it('shows the code, the session id (under Details) and the customer name', () => {
    show(session());
    expect(text('4 8 2, 9 1 3')).toBeTruthy();
    fireEvent.click(button('Details'));
    expect(text('b7e1c2d3-0000-4000-8000-00000000abcd')).toBeTruthy();
    expect(text('Ada Lovelace')).toBeTruthy();
  });

  it('counts down to offerEndsAt as the clock advances, and stops at the end', () => {
    show(session());
    expect(text(/^Valid until 0?2:05\sPM/)).toBeTruthy();
    const timer = within(dialog()).getByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toBe('Expires in 5:00');
    act(() => clock.advance(1000));
    expect(timer.textContent).toBe('Expires in 4:59');
    act(() => clock.advance(64_000));
    expect(timer.textContent).toBe('Expires in 3:55');
    act(() => clock.advance(10 * 60_000));
    // Over: no countdown left, the code marked expired instead.
    expect(within(dialog()).queryByRole('timer')).toBeNull();
    text('Expired');
    expect(clock.subscribers).toBe(0);
  });

  it('runs no timer when nothing counts down', () => {
    show(session({ state: 'active' }));
    expect(within(dialog()).queryByRole('timer')).toBeNull();
    expect(clock.subscribers).toBe(0);
  });

  it('lists the timeline with times', () => {
    show(
      session({
        timeline: [
          ...snapshot().timeline,
          { at: T0 + 4000, step: 'customer-offline' },
          { at: T0 + 9000, step: 'ended', detail: 'agent' },
        ],
      }),
    );
    fireEvent.click(button('Details'));
    const items = within(within(dialog()).getByRole('list', { name: 'Timeline' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent?.replace(/^\S+(\s[AP]M)?\s/, ''))).toEqual([
      'Requested',
      'Session created',
      'Offer sent',
      'Customer offline',
      'Ended (by you)',
    ]);
    expect(items[0]?.textContent).toMatch(/^0?1:59:57\sPM/);
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(T0 - 3000).toISOString(),
    );
  });

  it('words the start’s origin in the timeline and leaves out internal codes', () => {
    show(
      session({
        state: 'failed',
        timeline: [
          { at: T0, step: 'requested', detail: 'command' },
          { at: T0 + 1000, step: 'failed', detail: 'conversation.not.found' },
          { at: T0 + 2000, step: 'requested', detail: 'retry' },
          { at: T0 + 3000, step: 'expired', detail: 'customer-offline' },
        ],
      }),
    );
    fireEvent.click(button('Details'));
    const list = within(dialog()).getByRole('list', { name: 'Timeline' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace(/^\S+(\s[AP]M)?\s/, '')),
    ).toEqual([
      'Requested (keyboard shortcut)',
      'Failed',
      'Requested (retry)',
      'Offer expired (the customer was offline)',
    ]);
  });

  it('announces state changes in the live region', () => {
    const { rerender } = show(session());
    expect(liveRegion().getAttribute('aria-live')).toBe('polite');
    rerender(session({ state: 'active' }));
    expect(liveRegion().textContent).toBe('Active: the customer accepted.');
    rerender(session({ state: 'ended' }));
    expect(liveRegion().textContent).toBe('The session has ended.');
  });

  it('copies the join code and the session id, with announced feedback that then clears', async () => {
    show(session());
    await clickCopy('Copy join code');
    expect(writeText).toHaveBeenCalledWith('482913');
    button('Copied');
    expect(liveRegion().textContent).toBe('Join code copied');
    act(() => clock.advance(2500));
    button('Copy join code');

    fireEvent.click(button('Details'));
    await clickCopy('Copy session ID');
    expect(writeText).toHaveBeenLastCalledWith('b7e1c2d3-0000-4000-8000-00000000abcd');
    button('Copied');
    expect(liveRegion().textContent).toBe('Session ID copied');
  });

  it('says so when the page refuses the clipboard', async () => {
    writeText.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    show(session());
    await clickCopy('Copy join code');
    expect(liveRegion().textContent).toBe('Could not copy. Select the text and press Ctrl+C.');
    // The button itself says so (it no longer reads "Copy"), and the code is selected.
    button('Not copied — select and copy');
    noButton('Copy join code');
    expect(document.getSelection()?.toString()).toBe('482913');
  });

  it('minimises to a pill with state, countdown and code, and restores', () => {
    show(session());
    fireEvent.click(button('Minimise'));
    const pill = button('Offered · Expires in 5:00 · 4 8 2, 9 1 3 Restore');
    expect(document.activeElement).toBe(pill);
    noButton('End');
    fireEvent.click(pill);
    expect(document.activeElement).toBe(button('Minimise'));
    button('End');
  });

  it('closes on Esc and on Close', () => {
    const { actions } = show(session());
    fireEvent.keyDown(button('End'), { key: 'Escape' });
    expect(actions.close).toHaveBeenCalledTimes(1);
    fireEvent.click(button('Close'));
    expect(actions.close).toHaveBeenCalledTimes(2);
  });

  it('keeps keys typed in the overlay from reaching the page', () => {
    const pageListener = vi.fn();
    document.addEventListener('keydown', pageListener);
    show(session());
    fireEvent.keyDown(button('End'), { key: 'k' });
    document.removeEventListener('keydown', pageListener);
    expect(pageListener).not.toHaveBeenCalled();
  });

  it('counts down to the automatic retry after a 429 while creating, without a Retry button', () => {
    const { actions } = show(
      session({
        state: 'creating',
        joinCode: undefined,
        sessionId: undefined,
        offerEndsAt: undefined,
        retryAt: T0 + 12_000,
        error: {
          ...forbidden,
          status: 429,
          code: 'too.many.requests',
          title: 'Genesys asked us to slow down',
          retryAfterSeconds: 12,
        },
      }),
    );
    const timer = within(dialog()).getByRole('timer', { name: 'Retry countdown' });
    expect(timer.textContent).toBe('Trying again in 12 s.');
    text('Genesys asked us to slow down', false);
    act(() => clock.advance(5000));
    expect(timer.textContent).toBe('Trying again in 7 s.');
    act(() => clock.advance(60_000));
    expect(timer.textContent).toBe('Trying again in 0 s.');
    expect(clock.subscribers).toBe(0);
    noButton('Retry');
    fireEvent.click(button('End'));
    expect(actions.end).toHaveBeenCalledTimes(1);
  });

  it('shows the failure inside a failed session, with Retry', () => {
    const { actions } = show(
      session({ state: 'failed', joinCode: undefined, sessionId: undefined, error: forbidden }),
    );
    expect(text('The cobrowse could not start.')).toBeTruthy();
    expect(within(dialog()).getByRole('heading', { name: forbidden.title })).toBeTruthy();
    fireEvent.click(button('Retry'));
    expect(actions.retry).toHaveBeenCalledTimes(1);
    noButton('End');
  });
});

const forbidden: SessionError = {
  status: 403,
  code: 'missing.any.permissions',
  message:
    'Unable to perform the requested action. You are missing the following permission(s): [cobrowse:session:create]',
  contextId: '9a7e5c1b-ctx',
  title: 'You are not allowed to start cobrowse',
  explanation: 'Your role lacks the permission cobrowse:session:create.',
  fix: 'Ask your Genesys Cloud admin to add Cobrowse > Session > Create to your role.',
};

describe('overlay: a failure', () => {
  it('explains it and copies the details', async () => {
    show({ kind: 'error', error: forbidden });
    const d = within(dialog());
    d.getByRole('heading', { name: forbidden.title });
    text(forbidden.explanation);
    text(`What to do: ${forbidden.fix}`);
    text(forbidden.message);
    text('9a7e5c1b-ctx');
    text('403');
    expect(liveRegion().textContent).toBe(forbidden.title);
    // Only an admin can fix a missing permission: copying the details for them is the action.
    await clickCopy('Copy details for your admin');
    // Stamped with the time the failure was first shown.
    expect(writeText).toHaveBeenCalledWith(
      [
        forbidden.title,
        forbidden.explanation,
        `What to do: ${forbidden.fix}`,
        '',
        `Time: ${new Date(T0).toISOString()}`,
        'HTTP status: 403',
        'Error code: missing.any.permissions',
        'Context ID: 9a7e5c1b-ctx',
        `Server message: ${forbidden.message}`,
      ].join('\n'),
    );
    button('Copied');
    expect(liveRegion().textContent).toBe('Error details copied');
  });

  it('counts down retryAfterSeconds and allows Retry only after it', () => {
    const { actions } = show({
      kind: 'error',
      error: { ...forbidden, status: 429, code: 'too.many.requests', retryAfterSeconds: 30 },
      at: T0 - 5000,
    });
    const timer = within(dialog()).getByRole('timer', { name: 'Retry countdown' });
    expect(timer.textContent).toBe('You can retry in 25 s.');
    expect(button('Retry').getAttribute('aria-disabled')).toBe('true');
    // The countdown is Retry's description, so the reason reaches whoever focuses it.
    within(dialog()).getByRole('button', { name: 'Retry', description: 'You can retry in 25 s.' });
    fireEvent.click(button('Retry'));
    expect(actions.retry).not.toHaveBeenCalled();
    act(() => clock.advance(10_000));
    expect(timer.textContent).toBe('You can retry in 15 s.');
    act(() => clock.advance(15_000));
    expect(within(dialog()).queryByRole('timer')).toBeNull();
    expect(button('Retry').getAttribute('aria-disabled')).toBeNull();
    expect(button('Retry').getAttribute('aria-describedby')).toBeNull();
    fireEvent.click(button('Retry'));
    expect(actions.retry).toHaveBeenCalledTimes(1);
    expect(clock.subscribers).toBe(0);
  });
});

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('overlay: prompts before a start', () => {
  const conversations: ConversationSummary[] = [
    {
      id: CID,
      customerName: 'Ada Lovelace',
      media: 'message',
      queueName: 'Support',
      canCobrowse: true,
    },
    {
      id: 'c2',
      customerName: 'Grace Hopper',
      media: 'call',
      queueName: 'Sales',
      canCobrowse: true,
    },
    {
      id: 'c3',
      customerName: 'Old Chat',
      media: 'chat',
      canCobrowse: false,
      reason: 'Legacy web chat cannot cobrowse.',
    },
  ];

  it('picker: lists conversations, disables the ones that cannot, starts the chosen one', () => {
    const { actions } = show({ kind: 'picker', conversations });
    expect(
      within(dialog()).getByRole('heading', { name: 'Choose a conversation to cobrowse' }),
    ).toBeTruthy();
    const list = within(dialog()).getByRole('list', { name: 'Choose a conversation to cobrowse' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    button('Ada Lovelace Web messaging · Support · ID …5e6f');
    // Unavailable but focusable (aria-disabled), so keyboard users reach it and hear why.
    const unavailable = within(dialog()).getByRole('button', {
      name: /Old Chat/,
      description: 'Legacy web chat cannot cobrowse.',
    }) as HTMLButtonElement;
    expect(unavailable.disabled).toBe(false);
    expect(unavailable.getAttribute('aria-disabled')).toBe('true');
    unavailable.focus();
    expect(document.activeElement).toBe(unavailable);
    fireEvent.click(unavailable);
    expect(actions.start).not.toHaveBeenCalled();
    expect(
      button('Ada Lovelace Web messaging · Support · ID …5e6f').getAttribute('aria-disabled'),
    ).toBeNull();
    fireEvent.click(button('Grace Hopper Voice · Sales · ID …c2'));
    expect(actions.start).toHaveBeenCalledWith('c2', {});
    fireEvent.click(button('Cancel'));
    expect(actions.close).toHaveBeenCalledTimes(1);
  });

  it('picker: tells same-named customers apart by start time and id, and marks the page’s', () => {
    const twin = (id: string, minutes: number, onPage?: boolean): ConversationSummary => ({
      id,
      customerName: 'Sam Lee',
      media: 'message',
      startedAt: T0 - minutes * 60_000,
      canCobrowse: true,
      ...(onPage ? { onPage } : {}),
    });
    const { actions } = show({
      kind: 'picker',
      conversations: [
        twin(`${CID.slice(0, -4)}aaaa`, 5, true),
        twin(`${CID.slice(0, -4)}bbbb`, 40),
      ],
    });
    const at = (minutes: number) => formatTime(T0 - minutes * 60_000);
    fireEvent.click(button(`Sam Lee On this page Web messaging · started ${at(5)} · ID …aaaa`));
    expect(actions.start).toHaveBeenCalledWith(`${CID.slice(0, -4)}aaaa`, {});
    // The other one: no page mark.
    button(`Sam Lee Web messaging · started ${at(40)} · ID …bbbb`);
  });

  it('picker: says when there is nothing to choose', () => {
    show({ kind: 'picker', conversations: [] });
    text('You have no active conversations.');
  });

  it('confirm: an id that is not one of the agent’s conversations', () => {
    const { actions } = show({ kind: 'confirm', conversationId: CID });
    text(`Start cobrowse for conversation ${CID}? It is not one of your active conversations.`);
    fireEvent.click(button('Start anyway'));
    expect(actions.start).toHaveBeenCalledWith(CID, { confirmed: true });
    fireEvent.click(button('Cancel'));
    expect(actions.close).toHaveBeenCalledTimes(1);
  });

  it('customer offline: send when back, send anyway, or cancel', () => {
    const { actions } = show({
      kind: 'offline',
      conversationId: CID,
      customerName: 'Ada Lovelace',
    });
    text(
      'The customer’s Messenger is offline — an offer sent now will not reach them.'.replace(
        '’',
        "'",
      ),
    );
    text('Ada Lovelace');
    fireEvent.click(button('Send when the customer is back'));
    expect(actions.start).toHaveBeenLastCalledWith(CID, { whenCustomerOffline: 'send-when-back' });
    fireEvent.click(button('Send anyway'));
    expect(actions.start).toHaveBeenLastCalledWith(CID, { whenCustomerOffline: 'send-anyway' });
    fireEvent.click(button('Cancel'));
    expect(actions.close).toHaveBeenCalledTimes(1);
  });

  it('keeps focus in the overlay when the answered prompt gives way to the session', () => {
    const { rerender } = show({ kind: 'confirm', conversationId: CID });
    const start = button('Start anyway');
    start.focus();
    rerender(session({ state: 'creating' }));
    expect(document.activeElement).toBe(dialog());
  });
});

describe('overlay: untrusted text is text', () => {
  const views: [string, OverlayView][] = [
    ['session', session({ customerName: HOSTILE })],
    [
      'picker',
      {
        kind: 'picker',
        conversations: [
          { id: CID, customerName: HOSTILE, media: 'message', canCobrowse: false, reason: HOSTILE },
        ],
      },
    ],
    ['offline', { kind: 'offline', conversationId: CID, customerName: HOSTILE }],
    ['error', { kind: 'error', error: { ...forbidden, message: HOSTILE, title: HOSTILE } }],
    ['confirm', { kind: 'confirm', conversationId: HOSTILE }],
  ];
  it.each(views)('%s renders HTML in API text literally', (_, view) => {
    show(view);
    expect(dialog().querySelector('img')).toBeNull();
    expect(
      within(dialog()).getAllByText(HOSTILE, { ...visible, exact: false }).length,
    ).toBeGreaterThan(0);
  });
});

describe('overlay: back on its own after a change (reveal)', () => {
  function showRevealable(view: OverlayView) {
    const actions = recordingActions();
    const ui = (v: OverlayView, revealed: number) => (
      <ClockContext.Provider value={clock}>
        <Overlay view={v} actions={actions} revealed={revealed} />
      </ClockContext.Provider>
    );
    const r = render(ui(view, 0));
    return (v: OverlayView, revealed: number) => r.rerender(ui(v, revealed));
  }

  it('each reveal shows the pill with the new state, and the focus stays where it was', () => {
    const outside = document.createElement('input');
    document.body.append(outside);
    try {
      const rerender = showRevealable(session({ state: 'offered' }));
      outside.focus();
      rerender(session({ state: 'active' }), 1);
      expect(button(/^Active · .* Restore$/)).toBeTruthy();
      noButton('End');
      expect(document.activeElement).toBe(outside);
      // Restored by the agent, then revealed again on the next change: the pill again.
      fireEvent.click(button(/^Active · .* Restore$/));
      button('End');
      rerender(session({ state: 'ended' }), 2);
      expect(button(/^Ended\b.* Restore$/)).toBeTruthy();
    } finally {
      outside.remove();
    }
  });

  it('a re-render without a new reveal leaves the full panel as it is', () => {
    const rerender = showRevealable(session({ state: 'offered' }));
    rerender(session({ state: 'active' }), 0);
    button('Open viewer');
  });
});
