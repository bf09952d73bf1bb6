// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explain } from '../../../src/shared/errors';
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
    ).toEqual(['Extension check']);
  });

  it('copies the whole report with one button, stamped with when it was shown', async () => {
    const at = Date.parse('2026-03-05T14:00:00Z');
    const error = { ...sampleError, code: 'bad.request', status: 400 };
    render(<ErrorView error={error} at={at} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy details of the error' }));
    await screen.findByText('Error details copied');
    const text = await navigator.clipboard.readText();
    expect(text).toBe(errorDetailsText(error, at));
    expect(text).toContain('Time: 2026-03-05T14:00:00.000Z');
    for (const part of [
      sampleError.title,
      sampleError.fix,
      'HTTP status: 400',
      `Context ID: ${sampleError.contextId}`,
    ]) {
      expect(text).toContain(part);
    }
  });
});

describe('ErrorView: words for the agent', () => {
  /** The buttons of the view, in the order the agent meets them. */
  const buttons = (alert: HTMLElement) =>
    within(alert)
      .getAllByRole('button')
      .map((b) => b.textContent);

  it('an ended sign-in: Sign in first, plain words, the browser’s text only in the closed details', () => {
    const error = explain({
      code: 'needs.signin',
      message:
        'Authorization page could not be loaded. Try setting `abortOnLoadForNonInteractive` …',
    });
    const retry = vi.fn();
    render(<ErrorView error={error} onRetry={retry} />);
    const alert = screen.getByRole('alert', { name: error.title });
    expect(buttons(alert)[0]).toBe('Sign in');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    expect(retry).toHaveBeenCalledTimes(1);
    // Nothing points at a button somewhere else.
    expect(`${error.explanation} ${error.fix}`).not.toMatch(/popup|click/i);
    // The browser's developer text is there for support, collapsed and labelled as ours.
    const details = within(alert).getByRole('group');
    expect((details as HTMLDetailsElement).open).toBe(false);
    expect(within(details).getByText('Technical details')).toBeTruthy();
    const facts = Object.fromEntries(
      within(details)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toEqual({
      'Extension check': 'needs.signin',
      'Technical message': error.message,
    });
  });

  it('a missing permission: copy for the admin is the primary action, Retry only after it', async () => {
    const error = explain({ code: 'preflight.missing.permission', media: 'message' });
    const retry = vi.fn();
    render(<ErrorView error={error} onRetry={retry} />);
    const alert = screen.getByRole('alert', { name: error.title });
    expect(buttons(alert)).toEqual(['Copy details for your admin', 'Retry']);
    expect(within(alert).getByRole('button', { name: 'Retry' }).className).not.toContain('primary');
    expect(
      within(alert).getByRole('button', { name: 'Copy details for your admin' }).className,
    ).toContain('primary');
    // The admin's path and licensing words are collapsed, not in the agent's text.
    const visible = [error.title, error.explanation, error.fix].join(' ');
    expect(visible).not.toMatch(/conversation:cobrowse:add|CX 2|Digital/);
    const details = within(alert).getByRole('group') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(within(details).getByText('Details for your admin')).toBeTruthy();
    expect(within(details).getByText(error.admin as string)).toBeTruthy();
    // Our own check is never shown as a Genesys error code.
    const terms = within(details)
      .getAllByRole('term')
      .map((dt) => dt.textContent);
    expect(terms).toEqual(['Extension check']);
    fireEvent.click(within(alert).getByRole('button', { name: 'Copy details for your admin' }));
    await screen.findByText('Error details copied');
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain(error.admin as string);
    expect(copied).toContain('conversation:cobrowse:add');
    expect(copied).toContain('Extension check: preflight.missing.permission');
    expect(copied).not.toContain('Error code');
  });

  it('a Genesys refusal keeps its code and context id under Genesys’s labels', () => {
    const error = explain({
      status: 403,
      code: 'missing.any.permissions',
      contextId: 'ctx-42',
      media: 'call',
    });
    render(<ErrorView error={error} />);
    const details = within(screen.getByRole('alert')).getByRole('group');
    const facts = Object.fromEntries(
      within(details)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toMatchObject({
      'Error code': 'missing.any.permissions',
      'Context ID': 'ctx-42',
    });
    expect(within(details).getByText(error.admin as string).textContent).toContain(
      'conversation:cobrowseVoice:add',
    );
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
