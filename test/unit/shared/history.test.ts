import { describe, expect, it } from 'vitest';
import {
  attemptStart,
  csvFileName,
  entryRows,
  formatForCopy,
  guardCell,
  type HistoryEntry,
  type HistoryWords,
  isEntry,
  outcomeText,
  quoteCell,
  toCsv,
  toEntry,
  upsert,
} from '../../../src/shared/history';
import { t } from '../../../src/shared/i18n';
import type { SessionSnapshot } from '../../../src/shared/session';
import { requestedSnapshot } from '../support/snapshot-fixtures';

const CONV = '11111111-2222-4333-8444-555555555555';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const T0 = Date.UTC(2025, 2, 7, 9, 30, 0);

const snapshot = (patch: Partial<SessionSnapshot> = {}) => requestedSnapshot(CONV, T0, patch);

function entry(patch: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    startedAt: T0,
    conversationId: CONV,
    media: 'message',
    profile: 'genesys',
    origin: 'popup',
    outcome: 'ended',
    contextIds: [],
    updatedAt: T0,
    ...patch,
  };
}

const words: HistoryWords = { t, time: (ms) => `T${ms}` };

describe('toEntry', () => {
  it('keeps what the history shows from a live snapshot', () => {
    const e = toEntry(
      snapshot({
        state: 'offered',
        customerName: 'Ada Lovelace',
        sessionId: 'sess-1',
        joinCode: '123456',
        timeline: [
          { at: T0, step: 'requested', detail: 'popup' },
          { at: T0 + 500, step: 'created' },
          { at: T0 + 500, step: 'offered' },
        ],
        updatedAt: T0 + 500,
      }),
    );
    expect(e).toEqual({
      startedAt: T0,
      conversationId: CONV,
      customerName: 'Ada Lovelace',
      media: 'message',
      profile: 'genesys',
      origin: 'popup',
      outcome: 'offered',
      sessionId: 'sess-1',
      contextIds: [],
      updatedAt: T0 + 500,
    });
  });

  it('takes a failure’s code, status and contextId', () => {
    const e = toEntry(
      snapshot({
        state: 'failed',
        timeline: [
          { at: T0, step: 'requested' },
          { at: T0 + 1, step: 'failed', detail: 'missing.any.permissions' },
        ],
        error: {
          status: 403,
          code: 'missing.any.permissions',
          message: 'no',
          contextId: 'ctx-1',
          title: 't',
          explanation: 'e',
          fix: 'f',
        },
      }),
    );
    expect(e).toMatchObject({
      outcome: 'failed',
      errorCode: 'missing.any.permissions',
      status: 403,
    });
    expect(e.contextIds).toEqual(['ctx-1']);
    expect(e.reason).toBeUndefined();
  });

  it('takes the end reason of this attempt’s final step only', () => {
    const e = toEntry(
      snapshot({
        state: 'expired',
        origin: 'retry',
        timeline: [
          { at: T0, step: 'requested' },
          { at: T0 + 1, step: 'ended', detail: 'agent' },
          { at: T0 + 2, step: 'expired', detail: 'customer-offline' },
          { at: T0 + 10, step: 'requested', detail: 'retry' },
          { at: T0 + 20, step: 'expired' },
        ],
      }),
    );
    expect(e.startedAt).toBe(T0 + 10);
    expect(e.reason).toBeUndefined();
  });

  it('starts the attempt at the last requested step; a trimmed timeline falls back', () => {
    const again = snapshot({
      timeline: [
        { at: T0, step: 'requested' },
        { at: T0 + 5, step: 'declined' },
        { at: T0 + 9, step: 'requested', detail: 'popup' },
      ],
    });
    expect(attemptStart(again)).toBe(T0 + 9);
    expect(attemptStart(snapshot({ timeline: [{ at: T0 + 3, step: 'customer-online' }] }))).toBe(
      T0 + 3,
    );
    expect(attemptStart(snapshot({ timeline: [], updatedAt: T0 + 4 }))).toBe(T0 + 4);
  });
});

describe('upsert', () => {
  it('updates the same attempt in place as it goes live and final', () => {
    let list: HistoryEntry[] = [];
    list = upsert(list, entry({ outcome: 'creating' }));
    list = upsert(list, entry({ outcome: 'offered', updatedAt: T0 + 1 }));
    list = upsert(list, entry({ outcome: 'ended', reason: 'agent', updatedAt: T0 + 2 }));
    expect(list).toEqual([entry({ outcome: 'ended', reason: 'agent', updatedAt: T0 + 2 })]);
  });

  it('is idempotent and ignores an older update of a held attempt', () => {
    const final = entry({ outcome: 'declined', updatedAt: T0 + 5 });
    const list = upsert([], final);
    expect(upsert(list, final)).toEqual(list);
    expect(upsert(list, entry({ outcome: 'offered', updatedAt: T0 + 1 }))).toEqual([final]);
  });

  it('keeps each attempt apart: another start time or another conversation', () => {
    let list: HistoryEntry[] = [];
    list = upsert(list, entry({ outcome: 'declined' }));
    list = upsert(list, entry({ startedAt: T0 + 60_000, outcome: 'offered' }));
    list = upsert(list, entry({ conversationId: OTHER, startedAt: T0 + 30_000 }));
    expect(list.map((e) => [e.conversationId, e.startedAt])).toEqual([
      [CONV, T0 + 60_000],
      [OTHER, T0 + 30_000],
      [CONV, T0],
    ]);
  });

  it('keeps the contextIds an attempt collected (a revived attempt drops its error)', () => {
    let list = upsert([], entry({ outcome: 'failed', contextIds: ['ctx-1'] }));
    list = upsert(list, entry({ outcome: 'offered', contextIds: [], updatedAt: T0 + 1 }));
    list = upsert(
      list,
      entry({ outcome: 'failed', contextIds: ['ctx-1', 'ctx-2'], updatedAt: T0 + 2 }),
    );
    expect(list[0]?.contextIds).toEqual(['ctx-1', 'ctx-2']);
  });

  it('keeps only the newest max attempts', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 55; i++) list = upsert(list, entry({ startedAt: T0 + i * 1000 }));
    expect(list).toHaveLength(50);
    expect(list[0]?.startedAt).toBe(T0 + 54_000);
    expect(list.at(-1)?.startedAt).toBe(T0 + 5_000);
    // An attempt older than all 50 kept does not push a newer one out.
    expect(upsert(list, entry({ startedAt: T0 - 1 }))).toEqual(list);
    expect(upsert(list, entry({ startedAt: T0 + 99_000 }), 3)).toHaveLength(3);
  });
});

describe('isEntry', () => {
  it('accepts an entry and refuses what storage may hold from elsewhere', () => {
    expect(isEntry(entry({ customerName: 'Ada' }))).toBe(true);
    expect(isEntry(null)).toBe(false);
    expect(isEntry({ ...entry(), contextIds: 'ctx' })).toBe(false);
    expect(isEntry({ ...entry(), contextIds: [1] })).toBe(false);
    expect(isEntry({ ...entry(), startedAt: '2025' })).toBe(false);
    expect(isEntry({ ...entry(), customerName: { html: '<b>' } })).toBe(false);
  });
});

describe('words', () => {
  it('says the outcome with its reason or error code', () => {
    expect(outcomeText(entry({ reason: 'agent' }), words)).toBe('Ended by you');
    expect(outcomeText(entry({ reason: 'conversation-ended' }), words)).toBe(
      'Ended with the conversation',
    );
    expect(outcomeText(entry({ reason: 'something-new' }), words)).toBe('Ended');
    expect(outcomeText(entry({ outcome: 'expired', reason: 'customer-offline' }), words)).toBe(
      'Offer expired while the customer was offline',
    );
    expect(outcomeText(entry({ outcome: 'declined' }), words)).toBe('Declined by the customer');
    expect(
      outcomeText(
        entry({ outcome: 'failed', errorCode: 'missing.any.permissions', status: 403 }),
        words,
      ),
    ).toBe('Could not start (missing.any.permissions, HTTP 403)');
    expect(outcomeText(entry({ outcome: 'failed', errorCode: 'network' }), words)).toBe(
      'Could not start (network)',
    );
  });

  it('lists the labelled facts, leaving out the unknown ones', () => {
    expect(entryRows(entry(), words).map((r) => r.label)).toEqual([
      'Started',
      'Conversation ID',
      'Media',
      'Outcome',
    ]);
    const full = entryRows(
      entry({ customerName: 'Ada', sessionId: 's-1', contextIds: ['c1', 'c2'], media: 'call' }),
      words,
    );
    expect(full.map((r) => [r.label, r.value])).toEqual([
      ['Started', `T${T0}`],
      ['Customer', 'Ada'],
      ['Conversation ID', CONV],
      ['Media', 'Voice'],
      ['Outcome', 'Ended'],
      ['Session ID', 's-1'],
      ['Context IDs', 'c1 c2'],
    ]);
  });

  it('copies one block per entry', () => {
    const text = formatForCopy(
      [entry({ customerName: 'Ada' }), entry({ conversationId: OTHER, outcome: 'declined' })],
      words,
    );
    expect(text).toBe(
      [
        `Started: T${T0}`,
        'Customer: Ada',
        `Conversation ID: ${CONV}`,
        'Media: Web messaging',
        'Outcome: Ended',
        '',
        `Started: T${T0}`,
        `Conversation ID: ${OTHER}`,
        'Media: Web messaging',
        'Outcome: Declined by the customer',
      ].join('\n'),
    );
    expect(formatForCopy([], words)).toBe('');
  });
});

describe('CSV', () => {
  it('quotes fields with quotes, commas and line breaks (RFC 4180)', () => {
    expect(quoteCell('plain')).toBe('plain');
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCell('cr\r')).toBe('"cr\r"');
  });

  it('turns formula-looking cells into text for spreadsheet apps', () => {
    for (const bad of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(guardCell(bad)).toBe(`'${bad}`);
    }
    for (const fine of ['Ada', 'a=b', '', '12']) expect(guardCell(fine)).toBe(fine);
  });

  it('writes a header and one row per entry, CRLF-terminated', () => {
    const csv = toCsv(
      [
        entry({
          customerName: '=cmd|" /C calc"!A0, Ltd',
          outcome: 'failed',
          errorCode: 'missing.any.permissions',
          status: 403,
          contextIds: ['c1', 'c2'],
          sessionId: 's-1',
        }),
        entry({ conversationId: OTHER, outcome: 'ended', reason: 'agent', media: 'call' }),
      ],
      words,
    );
    const lines = csv.split('\r\n');
    expect(lines).toEqual([
      'Started,Conversation ID,Customer,Media,Outcome,Reason,Error code,HTTP status,Context IDs,Session ID,Started from,Sent through',
      `2025-03-07T09:30:00.000Z,${CONV},"'=cmd|"" /C calc""!A0, Ltd",message,failed,,missing.any.permissions,403,c1 c2,s-1,popup,genesys`,
      `2025-03-07T09:30:00.000Z,${OTHER},,call,ended,agent,,,,,popup,genesys`,
      '',
    ]);
  });

  it('writes only the header for an empty history', () => {
    expect(toCsv([], words).split('\r\n')).toHaveLength(2);
  });

  it('names the file by the local date', () => {
    expect(csvFileName(new Date(2025, 0, 5, 23, 59).getTime())).toBe(
      'cobrowse-history-2025-01-05.csv',
    );
  });
});
