// @vitest-environment happy-dom
// The signed-in popup: the agent's conversations, Start, and the live session rendered from
// the background's snapshots (send/subscribe mocked; the background is scripted per test).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { send, subscribe } from '../../../src/shared/client';
import type {
  AuthStatus,
  ConversationList,
  ConversationSummary,
  StartRequest,
} from '../../../src/shared/protocol';
import type { SessionSnapshot } from '../../../src/shared/session';
import { ClockContext } from '../../../src/ui/session/clock';
import { formatTime } from '../../../src/ui/session/format';
import { CID, fakeClock, snapshot, T0 } from '../support/overlay-fixtures';
import {
  capturePushes,
  fail,
  type Handlers,
  ok,
  sampleError,
  scriptBackground,
} from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const TAB = 42;
const signedIn: AuthStatus = {
  signedIn: true,
  user: { id: 'u1', name: 'Ada Agent' },
  org: { id: 'o1', name: 'Acme Support' },
  environment: 'mypurecloud.ie',
};

const VOICE = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const CHAT = '2c3d4e5f-6071-4b8c-9d0e-1f2a3b4c5d6e';
const UNKNOWN = '7d6c5b4a-3928-4170-8f6e-5d4c3b2a1908';

const messaging: ConversationSummary = {
  id: CID,
  customerName: 'Ada Lovelace',
  media: 'message',
  queueName: 'Billing',
  startedAt: T0 - 12 * 60_000,
  canCobrowse: true,
  customerOnline: true,
};
const voice: ConversationSummary = {
  id: VOICE,
  customerName: 'Grace Hopper',
  media: 'call',
  queueName: 'Support',
  startedAt: T0 - 65 * 60_000,
  canCobrowse: true,
};
const legacyChat: ConversationSummary = {
  id: CHAT,
  customerName: 'Alan Turing',
  media: 'chat',
  startedAt: T0 - 3 * 60_000,
  canCobrowse: false,
  reason: 'Legacy web chat cannot cobrowse. Ask the customer to use web messaging.',
};

const list = (over: Partial<ConversationList> = {}): ConversationList => ({
  conversations: [messaging, voice, legacyChat],
  preselectedId: VOICE,
  unknownHints: [],
  ...over,
});

let push: ReturnType<typeof capturePushes>;
let clock: ReturnType<typeof fakeClock>;

function background(handlers: Handlers) {
  scriptBackground(send, {
    'auth.status': () => ok(signedIn),
    'conversations.list': () => ok(list()),
    ...handlers,
  });
}

function open() {
  return render(
    <ClockContext.Provider value={clock}>
      <Popup />
    </ClockContext.Provider>,
  );
}

const requests = (type: string) =>
  vi
    .mocked(send)
    .mock.calls.filter(([t]) => t === type)
    .map(([, payload]) => payload);

/** The popup's own live region (CopyButton and the status line have their own statuses). */
const liveRegion = () =>
  screen.getAllByRole('status').find((el) => el.getAttribute('aria-live') === 'polite');

/** Pushes as the background would, and lets Preact render. */
const pushSnapshot = (s: SessionSnapshot) => act(() => push({ type: 'snapshot', snapshot: s }));

beforeEach(() => {
  vi.mocked(send).mockReset();
  push = capturePushes(subscribe);
  clock = fakeClock(T0);
  fakeBrowser.tabs.query = vi.fn(async () => [
    { id: TAB },
  ]) as unknown as typeof fakeBrowser.tabs.query;
});
afterEach(cleanup);

describe('popup conversation list', () => {
  it('lists the conversations of the active tab, the page one chosen, others disabled with why', async () => {
    background({});
    open();
    const group = await screen.findByRole('radiogroup', { name: 'Your conversations' });
    expect(requests('conversations.list')).toEqual([{ tabId: TAB }]);

    const started = (c: ConversationSummary) => `started ${formatTime(c.startedAt as number)}`;
    const ada = within(group).getByRole('radio', {
      name: 'Ada Lovelace',
      description: `Web messaging · Billing · ${started(messaging)} · 12 min · ID …5e6f Messenger online`,
    });
    const grace = within(group).getByRole('radio', {
      name: 'Grace Hopper',
      description: `Voice · Support · ${started(voice)} · 1 h 05 min · ID …4c5d`,
    });
    const alan = within(group).getByRole('radio', {
      name: 'Alan Turing',
      description: `Web chat · ${started(legacyChat)} · 3 min · ID …5d6e ${legacyChat.reason}`,
    });
    expect(grace).toHaveProperty('checked', true);
    expect(ada).toHaveProperty('checked', false);
    expect(alan).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Start cobrowse' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('chooses nothing when the page conversation cannot cobrowse, and says to choose', async () => {
    background({ 'conversations.list': () => ok(list({ preselectedId: CHAT })) });
    open();
    const start = await screen.findByRole('button', {
      name: 'Start cobrowse',
      description: 'Choose a conversation first.',
    });
    expect(start).toHaveProperty('disabled', true);
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    fireEvent.click(screen.getByRole('radio', { name: 'Ada Lovelace' }));
    expect(screen.getByRole('button', { name: 'Start cobrowse' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('says when there are no active conversations, with nothing to start', async () => {
    background({
      'conversations.list': () => ok(list({ conversations: [], preselectedId: undefined })),
    });
    open();
    const section = await screen.findByRole('region', { name: 'Your conversations' });
    expect(await within(section).findByText('You have no active conversations.')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start cobrowse' })).toBeNull();
    expect(liveRegion()?.textContent).toBe('You have no active conversations.');
  });

  it('says it is loading until the list arrives', async () => {
    let answer: (r: ReturnType<typeof ok<ConversationList>>) => void = () => {};
    background({ 'conversations.list': () => new Promise((r) => (answer = r)) });
    open();
    const section = await screen.findByRole('region', { name: 'Your conversations' });
    expect(within(section).getByText('Loading your conversations…')).toBeTruthy();
    expect(section.getAttribute('aria-busy')).toBe('true');
    await vi.waitFor(() => expect(requests('conversations.list')).toHaveLength(1));
    answer(ok(list()));
    expect(await screen.findByRole('radiogroup', { name: 'Your conversations' })).toBeTruthy();
    expect(section.getAttribute('aria-busy')).toBe('false');
    expect(within(section).queryByText('Loading your conversations…')).toBeNull();
  });

  it('shows customer names with markup as literal text', async () => {
    const hostile = '<img src=x onerror="alert(1)"><b>Eve</b>';
    background({
      'conversations.list': () =>
        ok(list({ conversations: [{ ...messaging, customerName: hostile }], preselectedId: CID })),
      'cobrowse.start': () => ok(snapshot({ customerName: hostile })),
    });
    const { container } = open();
    expect(await screen.findByRole('radio', { name: hostile })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start cobrowse' }));
    await screen.findByRole('heading', { name: 'Cobrowse session' });
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(container.querySelector('img[src="x"], b')).toBeNull();
  });

  it('explains a list that cannot load, and tries again', async () => {
    let calls = 0;
    background({
      'conversations.list': () => (++calls === 1 ? fail(sampleError) : ok(list())),
    });
    open();
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    expect(within(alert).getByText(sampleError.explanation)).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radiogroup', { name: 'Your conversations' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers to start for an id the page shows that is not the agent’s, only when confirmed', async () => {
    background({
      'conversations.list': () => ok(list({ unknownHints: [UNKNOWN] })),
      'cobrowse.start': () => ok(snapshot({ conversationId: UNKNOWN, state: 'creating' })),
    });
    open();
    const anyway = await screen.findByRole('button', {
      name: 'Start anyway',
      description: `This page shows conversation ${UNKNOWN}, which is not one of your active conversations.`,
    });
    fireEvent.click(anyway);
    await screen.findByRole('heading', { name: 'Cobrowse session' });
    expect(requests('cobrowse.start')).toEqual([
      { conversationId: UNKNOWN, origin: 'popup', tabId: TAB, confirmed: true },
    ]);
  });
});

describe('popup start and live session', () => {
  it('starts the chosen conversation for the active tab and shows the session it answers', async () => {
    background({
      'cobrowse.start': (p: StartRequest) =>
        ok(
          snapshot({
            conversationId: p.conversationId,
            state: 'creating',
            joinCode: undefined,
            sessionId: undefined,
            offerEndsAt: undefined,
            timeline: [{ at: T0, step: 'requested' }],
          }),
        ),
    });
    open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Ada Lovelace' }));
    const start = screen.getByRole('button', { name: 'Start cobrowse' });
    start.focus();
    fireEvent.click(start);
    const heading = await screen.findByRole('heading', { name: 'Cobrowse session' });
    expect(requests('cobrowse.start')).toEqual([
      { conversationId: CID, origin: 'popup', tabId: TAB },
    ]);
    expect(screen.getByText('Creating the cobrowse session…', { selector: 'p' })).toBeTruthy();
    expect(liveRegion()?.textContent).toBe('Creating the cobrowse session…');
    // The Start button is gone: focus goes to the session, not to <body>.
    expect(document.activeElement).toBe(heading);
  });

  it('follows pushed snapshots: offered, active, ended; an older push changes nothing', async () => {
    background({});
    open();
    await screen.findByRole('radiogroup', { name: 'Your conversations' });

    await pushSnapshot(snapshot({ state: 'offered', updatedAt: T0 }));
    const session = screen.getByRole('region', { name: 'Cobrowse session' });
    // The popup's live session is the panel's SessionView: the code grouped, spoken by digit.
    expect(within(session).getByText('482')).toBeTruthy();
    expect(within(session).getByText('913')).toBeTruthy();
    expect(within(session).getByText('4 8 2, 9 1 3')).toBeTruthy();
    expect(within(session).getByRole('button', { name: 'Copy join code' })).toBeTruthy();
    fireEvent.click(within(session).getByRole('button', { name: 'Details', expanded: false }));
    expect(within(session).getByText('b7e1c2d3-0000-4000-8000-00000000abcd')).toBeTruthy();
    expect(within(session).getByRole('button', { name: 'Copy session ID' })).toBeTruthy();
    expect(within(session).getByRole('timer', { name: 'Time left' }).textContent).toBe(
      'Expires in 5:00',
    );
    expect(within(session).getByText(/^Valid until 0?2:05\sPM/)).toBeTruthy();
    expect(liveRegion()?.textContent).toBe('Offered. Waiting for the customer to accept.');
    expect(within(session).queryByRole('button', { name: 'Open viewer' })).toBeNull();
    const timeline = within(session).getByRole('list', { name: 'Timeline' });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('Requested'),
      expect.stringContaining('Session created'),
      expect.stringContaining('Offer sent'),
    ]);
    await act(() => clock.advance(60_000));
    expect(within(session).getByRole('timer', { name: 'Time left' }).textContent).toBe(
      'Expires in 4:00',
    );

    await pushSnapshot(
      snapshot({
        state: 'active',
        updatedAt: T0 + 2,
        timeline: [...snapshot().timeline, { at: T0 + 2, step: 'accepted' }],
      }),
    );
    expect(liveRegion()?.textContent).toBe('Active: the customer accepted.');
    expect(within(session).getByRole('button', { name: 'Open viewer' })).toBeTruthy();
    expect(within(session).queryByRole('timer', { name: 'Time left' })).toBeNull();

    await pushSnapshot(snapshot({ state: 'offered', updatedAt: T0 + 1 }));
    expect(liveRegion()?.textContent).toBe('Active: the customer accepted.');

    await pushSnapshot(snapshot({ state: 'ended', updatedAt: T0 + 3 }));
    expect(liveRegion()?.textContent).toBe('The session has ended.');
    expect(within(session).queryByRole('button', { name: 'End' })).toBeNull();

    await act(() => push({ type: 'session-removed', conversationId: CID }));
    expect(screen.queryByRole('region', { name: 'Cobrowse session' })).toBeNull();
    expect(screen.getByRole('radiogroup', { name: 'Your conversations' })).toBeTruthy();
  });

  it('shows a session the background pushed while the sign-in was still being checked', async () => {
    let answer: (r: ReturnType<typeof ok<AuthStatus>>) => void = () => {};
    background({ 'auth.status': () => new Promise((r) => (answer = r)) });
    open();
    await pushSnapshot(snapshot({ state: 'active' }));
    await act(() => answer(ok(signedIn)));
    expect(await screen.findByRole('region', { name: 'Cobrowse session' })).toBeTruthy();
    expect(screen.getByText('Active: the customer accepted.', { selector: 'p' })).toBeTruthy();
  });

  it('goes back to the conversations and returns to the session', async () => {
    background({});
    open();
    await screen.findByRole('radiogroup');
    await pushSnapshot(snapshot({ state: 'offered' }));
    const back = screen.getByRole('button', { name: 'Back to conversations' });
    back.focus();
    fireEvent.click(back);
    const heading = screen.getByRole('heading', { name: 'Your conversations' });
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByRole('region', { name: 'Cobrowse session' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the cobrowse session' }));
    expect(screen.getByRole('region', { name: 'Cobrowse session' })).toBeTruthy();
    // Back again: a new push brings the session forward by itself.
    fireEvent.click(screen.getByRole('button', { name: 'Back to conversations' }));
    await pushSnapshot(snapshot({ state: 'active', updatedAt: T0 + 5 }));
    expect(screen.getByRole('region', { name: 'Cobrowse session' })).toBeTruthy();
  });

  it('sends End, Offer again and Open viewer for the shown conversation', async () => {
    background({
      'cobrowse.end': () => ok(snapshot({ state: 'ended', updatedAt: T0 + 10 })),
      'cobrowse.offerAgain': () => ok(snapshot({ state: 'creating', updatedAt: T0 + 20 })),
      'cobrowse.openViewer': () =>
        ok({ url: 'https://apps.mypurecloud.ie/cobrowse-next/viewer.html' }),
    });
    open();
    await screen.findByRole('radiogroup');

    await pushSnapshot(snapshot({ state: 'active', updatedAt: T0 }));
    fireEvent.click(screen.getByRole('button', { name: 'Open viewer' }));
    expect(requests('cobrowse.openViewer')).toEqual([{ conversationId: CID }]);
    fireEvent.click(screen.getByRole('button', { name: 'End' }));
    expect(requests('cobrowse.end')).toEqual([{ conversationId: CID }]);
    expect(await screen.findByText('The session has ended.', { selector: 'p' })).toBeTruthy();

    await pushSnapshot(snapshot({ state: 'declined', updatedAt: T0 + 15 }));
    fireEvent.click(screen.getByRole('button', { name: 'Offer again' }));
    expect(requests('cobrowse.offerAgain')).toEqual([{ conversationId: CID }]);
    expect(
      await screen.findByText('Creating the cobrowse session…', { selector: 'p' }),
    ).toBeTruthy();
  });

  it('asks about an offline customer and sends the answer', async () => {
    background({
      'cobrowse.answerOffline': () => ok(snapshot({ state: 'waiting', updatedAt: T0 + 10 })),
    });
    open();
    await screen.findByRole('radiogroup');
    await pushSnapshot(
      snapshot({
        state: 'waiting',
        prompt: 'customer-offline',
        customerOnline: false,
        joinCode: undefined,
        updatedAt: T0,
      }),
    );
    expect(liveRegion()?.textContent).toContain('Messenger is offline');
    fireEvent.click(screen.getByRole('button', { name: 'Send when the customer is back' }));
    expect(requests('cobrowse.answerOffline')).toEqual([
      { conversationId: CID, choice: 'send-when-back' },
    ]);
    expect(await screen.findByRole('button', { name: 'Send anyway' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send when the customer is back' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    expect(requests('cobrowse.answerOffline')).toEqual([
      { conversationId: CID, choice: 'send-when-back' },
      { conversationId: CID, choice: 'send-anyway' },
    ]);
  });

  it('explains a refused start with the shared error view, the list still there', async () => {
    background({ 'cobrowse.start': () => fail(sampleError) });
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Start cobrowse' }));
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    expect(within(alert).getByText(sampleError.explanation)).toBeTruthy();
    expect(alert.textContent).toContain(`What to do: ${sampleError.fix}`);
    expect(within(alert).getByText(sampleError.contextId as string)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Copy details for your admin' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: 'Your conversations' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start cobrowse' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('shows a failed session explained, and Retry starts again as a retry', async () => {
    background({
      'cobrowse.start': () => ok(snapshot({ state: 'creating', updatedAt: T0 + 10 })),
      // The tab's panel shows this session: the popup follows it, finished or not.
      'conversations.list': () => ok(list({ tabSession: CID })),
    });
    open();
    await screen.findByRole('radiogroup');
    await pushSnapshot(snapshot({ state: 'failed', error: sampleError, updatedAt: T0 }));
    const session = screen.getByRole('region', { name: 'Cobrowse session' });
    expect(within(session).getByRole('heading', { name: sampleError.title })).toBeTruthy();
    expect(within(session).getByText(`What to do: ${sampleError.fix}`)).toBeTruthy();
    expect(
      within(session).getByRole('button', { name: 'Copy details for your admin' }),
    ).toBeTruthy();
    fireEvent.click(within(session).getByRole('button', { name: 'Retry' }));
    expect(requests('cobrowse.start')).toEqual([
      { conversationId: CID, origin: 'retry', tabId: TAB },
    ]);
  });

  it('explains a refused action under the session', async () => {
    background({ 'cobrowse.openViewer': () => fail(sampleError) });
    open();
    await screen.findByRole('radiogroup');
    await pushSnapshot(snapshot({ state: 'active' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open viewer' }));
    expect(await screen.findByRole('alert', { name: sampleError.title })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Cobrowse session' })).toBeTruthy();
  });
});

/** The accessible description: the texts its aria-describedby names, in order. */
function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('popup follows the tab', () => {
  const onPage = (c: ConversationSummary) => ({ ...c, onPage: true });

  it('a finished session of another tab does not take over the page’s preselected conversation', async () => {
    background({
      'conversations.list': () =>
        ok(list({ conversations: [onPage(voice), messaging, legacyChat] })),
    });
    open();
    await pushSnapshot(snapshot({ state: 'declined', updatedAt: T0 + 5 }));
    const radio = await screen.findByRole('radio', { name: /Grace Hopper/ });
    expect(radio).toHaveProperty('checked', true);
    expect(screen.queryByRole('region', { name: 'Cobrowse session' })).toBeNull();
    // Still reachable on purpose.
    fireEvent.click(screen.getByRole('button', { name: 'Show the cobrowse session' }));
    const session = await screen.findByRole('region', { name: 'Cobrowse session' });
    expect(within(session).getByRole('button', { name: 'Offer again' })).toBeTruthy();
  });

  it('marks the conversations the page shows, by name and description', async () => {
    background({
      'conversations.list': () =>
        ok(list({ conversations: [onPage(voice), messaging, legacyChat] })),
    });
    open();
    const group = await screen.findByRole('radiogroup', { name: 'Your conversations' });
    const grace = within(group).getByRole('radio', { name: 'Grace Hopper' });
    expect(description(grace)).toMatch(/^On this page Voice · Support · started .+ · ID …4c5d$/);
    const ada = within(group).getByRole('radio', { name: 'Ada Lovelace' });
    expect(description(ada)).not.toContain('On this page');
  });

  it('a live session of the page’s conversation shows, and stays when it ends', async () => {
    background({
      'conversations.list': () =>
        ok(list({ conversations: [onPage(messaging), voice], preselectedId: CID })),
    });
    open();
    await pushSnapshot(snapshot({ state: 'offered', updatedAt: T0 + 5 }));
    await screen.findByRole('region', { name: 'Cobrowse session' });
    await pushSnapshot(snapshot({ state: 'declined', updatedAt: T0 + 9 }));
    const session = screen.getByRole('region', { name: 'Cobrowse session' });
    expect(within(session).getByRole('button', { name: 'Offer again' })).toBeTruthy();
  });

  it('a live session of another conversation does not cover a page that shows one of the agent’s', async () => {
    background({
      'conversations.list': () =>
        ok(list({ conversations: [onPage(voice), messaging], preselectedId: VOICE })),
    });
    open();
    await pushSnapshot(snapshot({ state: 'active', updatedAt: T0 + 5 }));
    expect(await screen.findByRole('radio', { name: /Grace Hopper/ })).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.queryByRole('region', { name: 'Cobrowse session' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Show the cobrowse session' })).toBeTruthy();
  });
});
