// The background's auto-copy: when it copies (a join code that just arrived, once, and only
// if the option asks), what it copies (the code, or the filled invitation), that it records the
// outcome on the session (the machine keeps it only for the code still shown), and the
// offscreen glue that writes.
import { describe, expect, it, vi } from 'vitest';
import { autoCopyText, codeArrived, createAutoCopy } from '../../../src/background/auto-copy';
import { transition } from '../../../src/background/cobrowse/machine';
import { createOffscreenClipboard } from '../../../src/background/offscreen-clipboard';
import type { AutoCopyOutcome, SessionSnapshot } from '../../../src/shared/session';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { snapshot, T0 } from '../support/overlay-fixtures';

const DEFAULT_TEMPLATE = 'Built-in: {code}, {minutes} min';
const withCode = (over: Partial<SessionSnapshot> = {}) =>
  snapshot(over) as SessionSnapshot & { joinCode: string };

describe('codeArrived', () => {
  it('is a join code not there before, on a live session, not copied yet', () => {
    expect(codeArrived(snapshot(), undefined)).toBe(true);
    expect(codeArrived(snapshot({ joinCode: '111222' }), '482913')).toBe(true);
  });

  it('is not a code already showing, a session without one, a final one, or one copied', () => {
    expect(codeArrived(snapshot(), '482913')).toBe(false);
    expect(codeArrived(snapshot({ joinCode: undefined, state: 'creating' }), undefined)).toBe(
      false,
    );
    expect(codeArrived(snapshot({ state: 'expired' }), undefined)).toBe(false);
    const copied: AutoCopyOutcome = { joinCode: '482913', what: 'code', ok: true, at: T0 };
    expect(codeArrived(snapshot({ autoCopy: copied }), undefined)).toBe(false);
  });
});

describe('autoCopyText', () => {
  const s = withCode({ offerEndsAt: T0 + 90_000 });
  const settings = (over: Partial<Settings>) => ({ ...DEFAULT_SETTINGS, ...over });

  it('off: nothing; code: the code; invitation: the template filled', () => {
    expect(autoCopyText(s, settings({}), DEFAULT_TEMPLATE, T0)).toBeUndefined();
    expect(autoCopyText(s, settings({ autoCopy: 'code' }), DEFAULT_TEMPLATE, T0)).toEqual({
      text: '482913',
      what: 'code',
    });
    expect(
      autoCopyText(
        s,
        settings({ autoCopy: 'invitation', invitationTemplate: 'Use {code} ({minutes}m)' }),
        DEFAULT_TEMPLATE,
        T0,
      ),
    ).toEqual({ text: 'Use 482913 (2m)', what: 'invitation' });
  });

  it('an empty template is the built-in one; minutes unknown: the bare code', () => {
    const invitation = settings({ autoCopy: 'invitation' });
    expect(autoCopyText(s, invitation, DEFAULT_TEMPLATE, T0)).toEqual({
      text: 'Built-in: 482913, 2 min',
      what: 'invitation',
    });
    expect(
      autoCopyText(withCode({ offerEndsAt: undefined }), invitation, DEFAULT_TEMPLATE, T0),
    ).toEqual({ text: '482913', what: 'code' });
  });
});

describe('createAutoCopy', () => {
  function setup(over: Partial<Settings> = { autoCopy: 'code' }, writes = true) {
    const written: string[] = [];
    const recorded: [string, AutoCopyOutcome][] = [];
    const auto = createAutoCopy({
      settings: async () => ({ ...DEFAULT_SETTINGS, ...over }),
      write: async (text) => {
        written.push(text);
        return writes;
      },
      record: async (id, outcome) => {
        recorded.push([id, outcome]);
      },
      defaultTemplate: () => DEFAULT_TEMPLATE,
      now: () => T0,
      log: () => undefined,
    });
    return { auto, written, recorded };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('copies a code once as it arrives, and records what the clipboard said', async () => {
    const { auto, written, recorded } = setup();
    auto.onSnapshot(snapshot({ joinCode: undefined, state: 'creating' }));
    auto.onSnapshot(snapshot());
    auto.onSnapshot(snapshot({ customerOnline: true }));
    await settle();
    expect(written).toEqual(['482913']);
    expect(recorded).toEqual([
      [snapshot().conversationId, { joinCode: '482913', what: 'code', ok: true, at: T0 }],
    ]);
  });

  it('a new code (Offer again) is copied too; a refused write is recorded as not copied', async () => {
    const { auto, written, recorded } = setup({ autoCopy: 'code' }, false);
    auto.onSnapshot(snapshot());
    auto.onSnapshot(snapshot({ joinCode: '111222' }));
    await settle();
    expect(written).toEqual(['482913', '111222']);
    expect(recorded.map(([, o]) => [o.joinCode, o.ok])).toEqual([
      ['482913', false],
      ['111222', false],
    ]);
  });

  it('a join code that is not letters and digits (a server answer) is never written', async () => {
    const { auto, written, recorded } = setup({ autoCopy: 'invitation' });
    const hostile = 'Call +1 555 0100\nhttps://evil.example/x';
    auto.onSnapshot(snapshot({ joinCode: hostile }));
    // Control: a well-formed code from the same path is written.
    auto.onSnapshot(snapshot({ conversationId: 'c2', joinCode: '605368' }));
    await settle();
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('605368');
    expect(recorded.map(([, o]) => [o.joinCode, o.ok])).toEqual([
      [hostile, false],
      ['605368', true],
    ]);
  });

  it('off: nothing is written or recorded', async () => {
    const { auto, written, recorded } = setup({ autoCopy: 'off' });
    auto.onSnapshot(snapshot());
    await settle();
    expect(written).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('a code already showing when first seen after a restart is copied only if never recorded', async () => {
    const { auto, written } = setup();
    const done: AutoCopyOutcome = { joinCode: '482913', what: 'code', ok: true, at: T0 };
    auto.onSnapshot(snapshot({ autoCopy: done }));
    await settle();
    expect(written).toEqual([]);
  });
});

describe('the machine keeps the auto-copy outcome for the code still shown', () => {
  const outcome = (joinCode: string): AutoCopyOutcome => ({
    joinCode,
    what: 'invitation',
    ok: false,
    at: T0,
  });

  it('recorded for the current code', () => {
    const next = transition(snapshot(), { type: 'auto-copied', outcome: outcome('482913') }, T0);
    expect(next.snapshot?.autoCopy).toEqual(outcome('482913'));
    expect(next.commands).toEqual([]);
  });

  it('ignored for a code the session no longer shows', () => {
    const before = snapshot();
    const next = transition(before, { type: 'auto-copied', outcome: outcome('000111') }, T0);
    expect(next.snapshot).toBe(before);
  });
});

describe('createOffscreenClipboard', () => {
  function fakeOffscreen(answer: unknown) {
    const calls: string[] = [];
    const offscreen = {
      createDocument: vi.fn(async (p: { url: string; reasons: string[] }) => {
        calls.push(`create ${p.url} ${p.reasons.join()}`);
      }),
      closeDocument: vi.fn(async () => {
        calls.push('close');
      }),
      hasDocument: vi.fn(async () => false),
    };
    const sendMessage = vi.fn(async (m: { type: string; text: string }) => {
      calls.push(`send ${m.type} ${m.text}`);
      if (answer instanceof Error) throw answer;
      return answer;
    });
    const write = createOffscreenClipboard({ offscreen, sendMessage, log: () => undefined });
    return { write, calls };
  }

  it('opens the document (reason CLIPBOARD), asks it to copy, closes it; true when it copied', async () => {
    const { write, calls } = fakeOffscreen({ ok: true });
    expect(await write('605368')).toBe(true);
    expect(calls).toEqual([
      'create src/offscreen/index.html CLIPBOARD',
      'send offscreen.copy 605368',
      'close',
    ]);
  });

  it('false when the document says no, or nobody answers', async () => {
    expect(await fakeOffscreen({ ok: false }).write('x')).toBe(false);
    expect(await fakeOffscreen(undefined).write('x')).toBe(false);
    const failing = fakeOffscreen(new Error('Receiving end does not exist.'));
    expect(await failing.write('x')).toBe(false);
    expect(failing.calls.at(-1)).toBe('close');
  });

  it('uses the page the alert tone made meanwhile (its create collided), and fails only without one', async () => {
    let exists = false;
    const offscreen = {
      createDocument: vi.fn(async () => {
        exists = true; // the tone's create won the race
        throw new Error('Only a single offscreen document may be created.');
      }),
      closeDocument: vi.fn(async () => undefined),
      hasDocument: vi.fn(async () => exists),
    };
    const sendMessage = vi.fn(async () => ({ ok: true }));
    const write = createOffscreenClipboard({ offscreen, sendMessage, log: () => undefined });
    expect(await write('605368')).toBe(true);
    // Control: with no document after the refused create, the write fails.
    const none = createOffscreenClipboard({
      offscreen: { ...offscreen, hasDocument: vi.fn(async () => false) },
      sendMessage,
      log: () => undefined,
    });
    expect(await none('605368')).toBe(false);
  });
});
