// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryView, saveFile } from '../../../src/popup/HistoryView';
import { Popup } from '../../../src/popup/Popup';
import { send, subscribe } from '../../../src/shared/client';
import type { HistoryEntry } from '../../../src/shared/history';
import type { AuthStatus } from '../../../src/shared/protocol';
import { capturePushes, fail, ok, sampleError, scriptBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const EMPTY = 'No sessions yet. Cobrowse sessions you start in this browser appear here.';
const CONV = '11111111-2222-4333-8444-555555555555';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const T0 = Date.UTC(2025, 2, 7, 9, 30, 0);
const localTime = (ms: number) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

const ended: HistoryEntry = {
  startedAt: T0 + 60_000,
  conversationId: CONV,
  customerName: 'Ada Lovelace',
  media: 'message',
  profile: 'genesys',
  origin: 'popup',
  outcome: 'ended',
  reason: 'agent',
  sessionId: 'sess-1',
  contextIds: [],
  updatedAt: T0 + 90_000,
};
const failed: HistoryEntry = {
  startedAt: T0,
  conversationId: OTHER,
  media: 'call',
  profile: 'genesys',
  origin: 'menu',
  outcome: 'failed',
  errorCode: 'missing.any.permissions',
  status: 403,
  contextIds: ['c0ffee00-1111-2222-3333-444455556666'],
  updatedAt: T0 + 1,
};

/** What the live regions say now (the view's own, and Copy's). */
const said = () => screen.getAllByRole('status').map((s) => s.textContent);

beforeEach(() => {
  vi.mocked(send).mockReset();
});
afterEach(cleanup);

describe('history view', () => {
  it('lists each session with its time, customer, conversation, media, outcome and contextIds', async () => {
    scriptBackground(send, { 'history.list': () => ok([ended, failed]) });
    render(<HistoryView onClose={() => {}} />);
    const list = await screen.findByRole('list', { name: 'Past sessions, newest first' });
    const [first, second] = within(list).getAllByRole('listitem');
    const facts = (item: HTMLElement | undefined) =>
      within(item as HTMLElement)
        .getAllByRole('term')
        .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(facts(first)).toEqual([
      ['Started', localTime(ended.startedAt)],
      ['Customer', 'Ada Lovelace'],
      ['Conversation ID', CONV],
      ['Media', 'Web messaging'],
      ['Outcome', 'Ended by you'],
      ['Session ID', 'sess-1'],
    ]);
    expect(facts(second)).toEqual([
      ['Started', localTime(failed.startedAt)],
      ['Conversation ID', OTHER],
      ['Media', 'Voice'],
      ['Outcome', 'Could not start (missing.any.permissions, HTTP 403)'],
      ['Context IDs', 'c0ffee00-1111-2222-3333-444455556666'],
    ]);
    expect(screen.getByRole('heading', { name: 'Session history' })).toBe(document.activeElement);
    expect(said()).toContain('Sessions in the history: 2');
  });

  it('shows the empty state with no actions', async () => {
    scriptBackground(send, { 'history.list': () => ok([]) });
    render(<HistoryView onClose={() => {}} />);
    expect(await screen.findByText(EMPTY, { selector: 'p' })).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear history' })).toBeNull();
  });

  it('copies the list as text', async () => {
    scriptBackground(send, { 'history.list': () => ok([ended]) });
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<HistoryView onClose={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the session history' }));
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(
      [
        `Started: ${localTime(ended.startedAt)}`,
        'Customer: Ada Lovelace',
        `Conversation ID: ${CONV}`,
        'Media: Web messaging',
        'Outcome: Ended by you',
        'Session ID: sess-1',
      ].join('\n'),
    );
  });

  it('exports a dated CSV file and says so', async () => {
    scriptBackground(send, { 'history.list': () => ok([ended, failed]) });
    const save = vi.fn((_name: string, _blob: Blob) => {});
    render(
      <HistoryView onClose={() => {}} save={save} now={() => new Date(2025, 2, 8, 10).getTime()} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(save).toHaveBeenCalledTimes(1);
    const [name, blob] = save.mock.calls[0] as [string, Blob];
    expect(name).toBe('cobrowse-history-2025-03-08.csv');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for spreadsheets
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toMatch(/^Started,Conversation ID,Customer,/);
    expect(lines[1]).toContain(`,${CONV},Ada Lovelace,message,ended,agent,`);
    expect(lines[2]).toContain('missing.any.permissions,403,c0ffee00-1111-2222-3333-444455556666');
    expect(said()).toContain('Downloading cobrowse-history-2025-03-08.csv.');
  });

  it('clears only after the confirmation, and Cancel or Esc keeps everything', async () => {
    const clear = vi.fn(() => ok<HistoryEntry[]>([]));
    scriptBackground(send, { 'history.list': () => ok([ended, failed]), 'history.clear': clear });
    render(<HistoryView onClose={() => {}} />);
    const clearButton = await screen.findByRole('button', { name: 'Clear history' });

    fireEvent.click(clearButton);
    const question = screen.getByRole('group', {
      name: 'Remove all sessions from this browser’s history (2 in all)? This cannot be undone.',
    });
    expect(within(question).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).toBeNull();

    fireEvent.click(clearButton);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(clear).not.toHaveBeenCalled();

    fireEvent.click(clearButton);
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await screen.findByText(EMPTY, { selector: 'p' });
    expect(clear).toHaveBeenCalledTimes(1);
    expect(said()).toEqual(['The session history is cleared.']);
    expect(screen.getByRole('heading', { name: 'Session history' })).toBe(document.activeElement);
  });

  it('explains a failed read and retries', async () => {
    let calls = 0;
    scriptBackground(send, {
      'history.list': () => (++calls === 1 ? fail(sampleError) : ok([ended])),
    });
    render(<HistoryView onClose={() => {}} />);
    const alert = await screen.findByRole('alert', { name: sampleError.title });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Past sessions, newest first' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads the list again when a session changes', async () => {
    let entries: HistoryEntry[] = [];
    scriptBackground(send, { 'history.list': () => ok(entries) });
    const view = render(<HistoryView onClose={() => {}} refreshKey={1} />);
    await screen.findByText(EMPTY, { selector: 'p' });
    entries = [ended];
    view.rerender(<HistoryView onClose={() => {}} refreshKey={2} />);
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
  });

  it('downloads through an object URL and a[download]', () => {
    const create = vi.fn((_b: Blob) => 'blob:history');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    let clicked: HTMLAnchorElement | undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked = this;
    });
    const blob = new Blob(['x']);
    saveFile('cobrowse-history-2025-03-08.csv', blob);
    expect(create).toHaveBeenCalledWith(blob);
    expect(clicked?.download).toBe('cobrowse-history-2025-03-08.csv');
    expect(clicked?.href).toBe('blob:history');
    expect(clicked?.isConnected).toBe(false);
    click.mockRestore();
  });
});

describe('popup history button', () => {
  const signedIn: AuthStatus = {
    signedIn: true,
    user: { id: 'u1', name: 'Ada Agent' },
    org: { id: 'o1', name: 'Acme Support' },
    environment: 'mypurecloud.ie',
  };

  it('opens the history in place of the main view and returns focus on Back', async () => {
    capturePushes(subscribe);
    scriptBackground(send, {
      'auth.status': () => ok(signedIn),
      'conversations.list': () => ok({ conversations: [], unknownHints: [] }),
      'history.list': () => ok([ended]),
    });
    render(<Popup />);
    await screen.findByRole('region', { name: 'Your Genesys Cloud account' });
    const open = screen.getByRole('button', { name: 'History', pressed: false });
    open.focus();
    fireEvent.click(open);
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Session history' })).toBe(document.activeElement);
    expect(screen.getByRole('button', { name: 'History', pressed: true })).toBe(open);
    // The main view is hidden, not gone: its state is kept for the way back.
    expect(screen.queryByRole('region', { name: 'Your Genesys Cloud account' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('heading', { name: 'Session history' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Your Genesys Cloud account' })).toBeTruthy();
    expect(document.activeElement).toBe(open);
    await waitFor(() =>
      expect(
        vi.mocked(send).mock.calls.filter(([type]) => type === 'conversations.list'),
      ).toHaveLength(1),
    );
  });
});

describe('history view accessibility (axe-core structural rules)', () => {
  // Colour contrast needs real layout; it is checked in Chromium.
  async function violations(): Promise<string[]> {
    const result = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  }

  async function openHistory(entries: HistoryEntry[]) {
    document.title = 'Cobrowse Launcher';
    document.documentElement.lang = 'en';
    capturePushes(subscribe);
    scriptBackground(send, {
      'auth.status': () => ok<AuthStatus>({ signedIn: false, environment: 'mypurecloud.com' }),
      'history.list': () => ok(entries),
    });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'History' }));
    await screen.findByRole('heading', { name: 'Session history' });
  }

  it('has no violations with entries and the clear question open', async () => {
    await openHistory([ended, failed]);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear history' }));
    expect(await violations()).toEqual([]);
  });

  it('has no violations when empty', async () => {
    await openHistory([]);
    await screen.findByText(EMPTY, { selector: 'p' });
    expect(await violations()).toEqual([]);
  });
});
