// @vitest-environment happy-dom
// Structural accessibility rules (names, roles, ARIA) from axe-core on each popup view.
// Colour contrast needs real layout and is checked in Chromium; here it is disabled.
import { act, cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from '@webext-core/fake-browser';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { send, subscribe } from '../../../src/shared/client';
import type { ConversationList } from '../../../src/shared/protocol';
import type { SessionSnapshot } from '../../../src/shared/session';
import { ClockContext } from '../../../src/ui/session/clock';
import { CID, fakeClock, snapshot, T0 } from '../support/overlay-fixtures';
import { capturePushes, fail, ok, sampleError, scriptBackground } from '../support/view-helpers';

vi.mock('../../../src/shared/client', () => ({ send: vi.fn(), subscribe: vi.fn() }));

const list: ConversationList = {
  conversations: [
    {
      id: CID,
      customerName: 'Ada',
      media: 'message',
      queueName: 'Billing',
      startedAt: T0 - 60_000 * 5,
      canCobrowse: true,
      customerOnline: false,
      onPage: true,
    },
    {
      id: '2c3d4e5f-6071-4b8c-9d0e-1f2a3b4c5d6e',
      customerName: 'Old',
      media: 'chat',
      canCobrowse: false,
      reason: 'Legacy web chat.',
    },
  ],
  preselectedId: CID,
  unknownHints: ['7d6c5b4a-3928-4170-8f6e-5d4c3b2a1908'],
  // The tab shows this conversation's session (so the popup follows it, finished or not).
  tabSession: CID,
};

let push: ReturnType<typeof capturePushes>;
beforeEach(() => {
  document.title = 'Cobrowse Launcher';
  document.documentElement.lang = 'en';
  vi.mocked(send).mockReset();
  push = capturePushes(subscribe);
  fakeBrowser.tabs.query = vi.fn(async () => [
    { id: 7 },
  ]) as unknown as typeof fakeBrowser.tabs.query;
});
afterEach(cleanup);

async function violations(): Promise<string[]> {
  const result = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

async function openPopup(listResult = ok(list)) {
  scriptBackground(send, {
    'auth.status': () =>
      ok({ signedIn: true, user: { id: 'u', name: 'Ada Agent' }, environment: 'mypurecloud.com' }),
    'conversations.list': () => listResult,
  });
  render(
    <ClockContext.Provider value={fakeClock(T0)}>
      <Popup />
    </ClockContext.Provider>,
  );
  await screen.findByRole('heading', { name: 'Your conversations' });
}

const sessions: [string, SessionSnapshot][] = [
  ['offered', snapshot()],
  ['active', snapshot({ state: 'active' })],
  ['waiting with question', snapshot({ state: 'waiting', prompt: 'customer-offline' })],
  ['failed', snapshot({ state: 'failed', error: sampleError })],
];

describe('popup accessibility (axe-core)', () => {
  it('the conversation list has no violations', async () => {
    await openPopup();
    await screen.findByRole('radiogroup');
    expect(await violations()).toEqual([]);
  });

  it('a list that failed to load has no violations', async () => {
    await openPopup(fail(sampleError));
    await screen.findByRole('alert');
    expect(await violations()).toEqual([]);
  });

  it.each(sessions)('the %s session has no violations', async (_, s) => {
    await openPopup();
    await act(() => push({ type: 'snapshot', snapshot: s }));
    await screen.findByRole('region', { name: 'Cobrowse session' });
    expect(await violations()).toEqual([]);
  });
});
