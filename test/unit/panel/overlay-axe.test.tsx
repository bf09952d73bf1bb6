// @vitest-environment happy-dom
// Structural accessibility rules (names, roles, ARIA) from axe-core on each kind of view.
// Colour contrast needs real layout and is checked in e2e; here it is disabled.
import { cleanup, render } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Panel } from '../../../src/panel/Panel';
import { ClockContext } from '../../../src/ui/session/clock';
import type { OverlayView } from '../../../src/ui/session/model';
import { CID, fakeClock, recordingActions, snapshot, T0 } from '../support/overlay-fixtures';

// A well-formed panel page, so only the panel's own faults count.
beforeEach(() => {
  document.title = 'Agent tool';
  document.documentElement.lang = 'en';
});
afterEach(cleanup);

const views: [string, OverlayView][] = [
  ['offered', { kind: 'session', snapshot: snapshot() }],
  ['active', { kind: 'session', snapshot: snapshot({ state: 'active' }) }],
  ['voice offered', { kind: 'session', snapshot: snapshot({ media: 'call' }) }],
  ['voice expired', { kind: 'session', snapshot: snapshot({ media: 'call', state: 'expired' }) }],
  [
    'waiting with question',
    { kind: 'session', snapshot: snapshot({ state: 'waiting', prompt: 'customer-offline' }) },
  ],
  [
    'picker',
    {
      kind: 'picker',
      conversations: [
        { id: CID, customerName: 'Ada', media: 'message', canCobrowse: true },
        {
          id: 'c2',
          customerName: 'Old',
          media: 'chat',
          canCobrowse: false,
          reason: 'Legacy web chat.',
        },
      ],
    },
  ],
  ['confirm', { kind: 'confirm', conversationId: CID }],
  ['offline', { kind: 'offline', conversationId: CID, customerName: 'Ada' }],
  [
    'error',
    {
      kind: 'error',
      error: {
        status: 429,
        code: 'too.many.requests',
        message: 'm',
        title: 'Too many requests',
        explanation: 'e',
        fix: 'f',
        retryAfterSeconds: 5,
      },
    },
  ],
];

describe('panel accessibility (axe-core)', () => {
  it.each(views)('%s has no violations', async (_, view) => {
    render(
      <ClockContext.Provider value={fakeClock(T0)}>
        <Panel view={view} actions={recordingActions()} onMove={() => undefined} />
      </ClockContext.Provider>,
    );
    const result = await axe.run(document, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
  });
});
