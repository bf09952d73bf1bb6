// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionError } from '../../../src/shared/session';
import { CopyButton } from '../../../src/ui/CopyButton';
import { ErrorView } from '../../../src/ui/ErrorView';
import { errorDetailsText } from '../../../src/ui/error-details';
import { sampleError } from '../support/view-helpers';

afterEach(cleanup);

describe('ErrorView', () => {
  it('says what happened, why, what to do, and the facts support needs', () => {
    render(<ErrorView error={{ ...sampleError, retryAfterSeconds: 2.2 }} />);
    const alert = screen.getByRole('alert', { name: sampleError.title });
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe(sampleError.title);
    expect(alert.textContent).toContain(sampleError.explanation);
    expect(alert.textContent).toContain(`What to do: ${sampleError.fix}`);
    expect(alert.textContent).toContain('You can retry in 3 s.');
    const facts = Object.fromEntries(
      within(alert)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toEqual({
      'HTTP status': '403',
      'Error code': 'missing.any.permissions',
      'Context ID': sampleError.contextId,
      'Server message': sampleError.message,
    });
  });

  it('leaves out facts it does not have', () => {
    const local: SessionError = {
      code: 'network',
      message: '',
      title: 'Offline',
      explanation: 'e',
      fix: 'f',
    };
    render(<ErrorView error={local} level={3} />);
    const alert = screen.getByRole('alert', { name: 'Offline' });
    expect(within(alert).getByRole('heading', { level: 3 })).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('term')
        .map((dt) => dt.textContent),
    ).toEqual(['Error code']);
  });

  it('copies the whole report with one button, stamped with when it was shown', async () => {
    const at = Date.parse('2026-03-05T14:00:00Z');
    render(<ErrorView error={sampleError} at={at} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy details of the error' }));
    await screen.findByText('Error details copied');
    const text = await navigator.clipboard.readText();
    expect(text).toBe(errorDetailsText(sampleError, at));
    expect(text).toContain('Time: 2026-03-05T14:00:00.000Z');
    for (const part of [
      sampleError.title,
      sampleError.fix,
      'HTTP status: 403',
      `Context ID: ${sampleError.contextId}`,
    ]) {
      expect(text).toContain(part);
    }
  });
});

describe('CopyButton', () => {
  it('reports a refused clipboard instead of failing silently', async () => {
    render(
      <CopyButton text="x" name="Copy value" write={() => Promise.reject(new Error('denied'))} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy value' }));
    expect(
      await screen.findByText('Could not copy. Select the text and press Ctrl+C.'),
    ).toBeTruthy();
  });

  it('shows Copied on the button after a copy', async () => {
    const written: string[] = [];
    render(
      <CopyButton
        text="abc"
        write={async (s) => {
          written.push(s);
          return true;
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(written).toEqual(['abc']);
  });
});
