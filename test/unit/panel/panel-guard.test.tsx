// @vitest-environment happy-dom
// The panel frame's click guard (src/panel/guard.ts): a click counts only while the frame is
// visible and has stayed put for SETTLE_MS, a keyboard click only after the agent's own Tab or
// pointer inside the frame since it last gained focus; and the Panel drops what the guard
// refuses before any button sees it. Time is a hand-driven clock.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuard, SETTLE_MS } from '../../../src/panel/guard';
import { Panel } from '../../../src/panel/Panel';
import { recordingActions, snapshot } from '../support/overlay-fixtures';

afterEach(cleanup);

function clockedGuard() {
  let now = 1_000;
  const due: { at: number; fn: () => void }[] = [];
  const ready: boolean[] = [];
  const guard = createGuard({
    now: () => now,
    later: (fn, ms) => due.push({ at: now + ms, fn }),
    onReady: (r) => ready.push(r),
  });
  const advance = (ms: number) => {
    now += ms;
    const fire = due.filter((x) => x.at <= now);
    due.splice(0, due.length, ...due.filter((x) => x.at > now));
    for (const d of fire) d.fn();
  };
  return { guard, advance, ready };
}

const pointer = { detail: 1 };
const keyboard = { detail: 0 };

describe('click guard', () => {
  it('refuses every click until the frame is visible and has settled', () => {
    const { guard, advance, ready } = clockedGuard();
    expect(guard.allows(pointer)).toBe(false); // never seen visible
    guard.visibility(true);
    expect(guard.allows(pointer)).toBe(false); // just appeared
    advance(SETTLE_MS - 1);
    expect(guard.allows(pointer)).toBe(false);
    advance(1);
    expect(guard.allows(pointer)).toBe(true);
    expect(ready).toEqual([true]);
  });

  it('without v2, the host’s verdict that the page hides the frame refuses clicks likewise', () => {
    const { guard, advance, ready } = clockedGuard();
    guard.visibility(undefined); // Firefox: no IntersectionObserver v2
    advance(SETTLE_MS);
    expect(guard.allows(pointer)).toBe(true);
    guard.obscured(true); // the page blurred <body> (content/host-cover.ts)
    expect(guard.allows(pointer)).toBe(false);
    advance(SETTLE_MS * 4);
    expect(guard.allows(pointer)).toBe(false);
    guard.obscured(false);
    expect(guard.allows(pointer)).toBe(false); // settles again first
    advance(SETTLE_MS);
    expect(guard.allows(pointer)).toBe(true);
    // Either verdict alone hides it: v2 clear does not undo the host's.
    guard.obscured(true);
    guard.visibility(true);
    expect(guard.allows(pointer)).toBe(false);
    expect(ready).toEqual([true, false, true, false]);
  });

  it('refuses clicks while covered or see-through, and again for SETTLE_MS after it shows', () => {
    const { guard, advance, ready } = clockedGuard();
    guard.visibility(true);
    advance(SETTLE_MS);
    expect(guard.allows(pointer)).toBe(true);
    guard.visibility(false); // IntersectionObserver v2: occluded, opacity, filter, transform
    expect(guard.allows(pointer)).toBe(false);
    guard.visibility(true);
    expect(guard.allows(pointer)).toBe(false);
    advance(SETTLE_MS);
    expect(guard.allows(pointer)).toBe(true);
    expect(ready).toEqual([true, false, true]);
  });

  it('refuses clicks for SETTLE_MS after the frame moved, resized or was restyled', () => {
    const { guard, advance } = clockedGuard();
    guard.visibility(true);
    advance(SETTLE_MS);
    guard.changed(); // e.g. the page slid it under the pointer
    expect(guard.allows(pointer)).toBe(false);
    advance(SETTLE_MS / 2);
    guard.changed();
    advance(SETTLE_MS / 2);
    expect(guard.allows(pointer)).toBe(false);
    advance(SETTLE_MS / 2);
    expect(guard.allows(pointer)).toBe(true);
  });

  it('takes a keyboard click only after the agent moved focus or pointed inside the frame', () => {
    const { guard, advance } = clockedGuard();
    guard.visibility(true);
    advance(SETTLE_MS);
    guard.focused(); // focus came into the frame (maybe the page's frames[n].focus())
    expect(guard.allows(keyboard)).toBe(false); // Enter typed for the page's chat box
    guard.input({ type: 'focusmove' }); // Tab, or a screen reader's cursor, to a button
    expect(guard.allows(keyboard)).toBe(true);
    guard.focused();
    expect(guard.allows(keyboard)).toBe(false);
    guard.input({ type: 'pointerdown' });
    expect(guard.allows(keyboard)).toBe(true);
    // A pointer click never needs arming: the agent's pointer is on the panel.
    guard.focused();
    expect(guard.allows(pointer)).toBe(true);
  });

  it('trusts visibility where IntersectionObserver v2 is missing (undefined), not a hidden frame', () => {
    const { guard, advance } = clockedGuard();
    guard.visibility(undefined);
    advance(SETTLE_MS);
    expect(guard.allows(pointer)).toBe(true);
  });
});

describe('Panel with a guard', () => {
  it('drops a refused click before the button acts; the same click counts once allowed', () => {
    const { guard, advance } = clockedGuard();
    const actions = recordingActions();
    render(
      <Panel view={{ kind: 'session', snapshot: snapshot() }} actions={actions} guard={guard} />,
    );
    const end = screen.getByRole('button', { name: 'End' });
    fireEvent.click(end, { detail: 1 });
    expect(actions.end).not.toHaveBeenCalled();
    guard.visibility(true);
    advance(SETTLE_MS);
    fireEvent.click(end, { detail: 1 });
    expect(actions.end).toHaveBeenCalledTimes(1);
  });

  it('moves by arrow keys on the Move handle (Shift: ten times), and ends each move', () => {
    const onMove = vi.fn();
    render(
      <Panel
        view={{ kind: 'session', snapshot: snapshot() }}
        actions={recordingActions()}
        onMove={onMove}
      />,
    );
    const handle = screen.getByRole('button', { name: 'Move panel' });
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    fireEvent.keyDown(handle, { key: 'ArrowUp', shiftKey: true });
    fireEvent.keyDown(handle, { key: 'a' });
    expect(onMove.mock.calls).toEqual([
      [-16, 0, true],
      [0, -160, true],
    ]);
  });
});
