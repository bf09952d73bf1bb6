// @vitest-environment happy-dom
// The Copy button's states, by role and accessible name: at rest, "Copied" after a write the
// clipboard took, "Not copied — select and copy" (and the text selected for Ctrl+C) after one it
// refused, the background's auto-copy shown the same way, and a new text starting afresh.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CopyButton, type CopyButtonProps } from '../../../src/ui/CopyButton';
import { ClockContext } from '../../../src/ui/session/clock';
import { type FakeClock, fakeClock, T0 } from '../support/overlay-fixtures';

afterEach(cleanup);

const refused = async () => false;
const accepted = async () => true;

/** The button beside a shown value, as the session view lays out the join code. */
function field(props: CopyButtonProps, clock: FakeClock = fakeClock(T0)) {
  const ui = (p: CopyButtonProps) => (
    <ClockContext.Provider value={clock}>
      <div class="row">
        <span class="code">{p.text}</span>
        <CopyButton {...p} />
      </div>
    </ClockContext.Provider>
  );
  const r = render(ui(props));
  return { clock, rerender: (p: CopyButtonProps) => r.rerender(ui(p)) };
}

const click = (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });

describe('CopyButton', () => {
  it('rests as its own name, says Copied after a write the clipboard took, then rests again', async () => {
    const written: string[] = [];
    const { clock } = field({
      text: '605368',
      name: 'Copy join code',
      write: async (s) => {
        written.push(s);
        return true;
      },
    });
    await click('Copy join code');
    expect(written).toEqual(['605368']);
    screen.getByRole('button', { name: 'Copied' });
    act(() => clock.advance(2500));
    screen.getByRole('button', { name: 'Copy join code' });
  });

  it('a refused write: the button says Not copied (its name too) and the shown code is selected', async () => {
    const { clock } = field({ text: '605368', name: 'Copy join code', write: refused });
    await click('Copy join code');
    const button = screen.getByRole('button', { name: 'Not copied — select and copy' });
    expect(button.textContent).toBe('Not copied — select and copy');
    expect(screen.queryByRole('button', { name: 'Copy join code' })).toBeNull();
    expect(document.getSelection()?.toString()).toBe('605368');
    expect(screen.getByRole('status').textContent).toBe(
      'Could not copy. Select the text and press Ctrl+C.',
    );
    // It stays until the agent copies again: a failure must not slip by.
    act(() => clock.advance(60_000));
    screen.getByRole('button', { name: 'Not copied — select and copy' });
  });

  it('a thrown write counts as refused too', async () => {
    field({
      text: 'x',
      name: 'Copy value',
      write: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
    });
    await click('Copy value');
    screen.getByRole('button', { name: 'Not copied — select and copy' });
  });

  it('finds the code grouped for reading ("605 368") and selects it', async () => {
    render(
      <div class="row">
        <span class="code">
          <span>605</span> <span>368</span>
        </span>
        <CopyButton text="605368" name="Copy join code" write={refused} />
      </div>,
    );
    await click('Copy join code');
    expect(document.getSelection()?.toString().replace(/\s/g, '')).toBe('605368');
  });

  it('text the view does not show: a read-only field holds it, selected, for Ctrl+C', async () => {
    render(<CopyButton text={'Status: 403\nCode: x'} label="Copy details" write={refused} />);
    await click('Copy details');
    const manual = screen.getByRole('textbox', {
      name: 'Text to copy: it is selected, press Ctrl+C',
    }) as HTMLTextAreaElement;
    expect(manual.value).toBe('Status: 403\nCode: x');
    expect(manual.readOnly).toBe(true);
  });

  it('a copy that works after a refusal says Copied and drops the manual field', async () => {
    let ok = false;
    render(<CopyButton text="abc" label="Copy" write={async () => ok} />);
    await click('Copy');
    screen.getByRole('textbox');
    ok = true;
    await click('Not copied — select and copy');
    screen.getByRole('button', { name: 'Copied' });
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('the auto-copy, just done, shows as Copied with its own words', async () => {
    const clock = fakeClock(T0);
    await act(async () => {
      field(
        {
          text: '605368',
          name: 'Copy join code',
          auto: { ok: true, at: T0 - 100, message: 'Join code copied to the clipboard.' },
        },
        clock,
      );
    });
    screen.getByRole('button', { name: 'Copied' });
    expect(screen.getByRole('status').textContent).toBe('Join code copied to the clipboard.');
  });

  it('an auto-copy long past is not news: the button rests', async () => {
    await act(async () => {
      field({
        text: '605368',
        name: 'Copy join code',
        auto: { ok: true, at: T0 - 60_000, message: 'Join code copied to the clipboard.' },
      });
    });
    screen.getByRole('button', { name: 'Copy join code' });
  });

  it('a failed auto-copy shows Not copied and selects the code, however old', async () => {
    await act(async () => {
      field({
        text: '605368',
        name: 'Copy join code',
        auto: { ok: false, at: T0 - 60_000, message: 'The join code was not copied.' },
      });
    });
    screen.getByRole('button', { name: 'Not copied — select and copy' });
    expect(document.getSelection()?.toString()).toBe('605368');
  });

  it('a new text (Offer again) starts at rest, whatever the old one said', async () => {
    const { rerender } = field({ text: '605368', name: 'Copy join code', write: refused });
    await click('Copy join code');
    screen.getByRole('button', { name: 'Not copied — select and copy' });
    await act(async () => {
      rerender({ text: '111222', name: 'Copy join code', write: accepted });
    });
    screen.getByRole('button', { name: 'Copy join code' });
  });
});
