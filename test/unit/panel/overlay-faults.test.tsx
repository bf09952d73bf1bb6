// @vitest-environment happy-dom
// The overlay's failure actions: Retry unavailable while the reconcile runs, "Sign in" when the
// start needs the agent, and "End it and start here" / "Keep it" after a 409 naming the other
// session.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Panel as Overlay } from '../../../src/panel/Panel';
import type { SessionError, SessionSnapshot } from '../../../src/shared/session';
import { ClockContext } from '../../../src/ui/session/clock';
import { fakeClock, recordingActions, snapshot, T0 } from '../support/overlay-fixtures';

afterEach(cleanup);

const error = (over: Partial<SessionError>): SessionError => ({
  code: 'x',
  message: '',
  title: 'It failed',
  explanation: 'Why',
  fix: 'Fix',
  ...over,
});

function show(over: Partial<SessionSnapshot>) {
  const actions = recordingActions();
  render(
    <ClockContext.Provider value={fakeClock(T0)}>
      <Overlay
        view={{ kind: 'session', snapshot: snapshot({ state: 'failed', ...over }) }}
        actions={actions}
      />
    </ClockContext.Provider>,
  );
  const dialog = screen.getByRole('dialog', { name: 'Cobrowse' });
  return { actions, button: (name: string) => within(dialog).getByRole('button', { name }) };
}

describe('overlay: failures', () => {
  it('keeps Retry unavailable while the reconcile runs', () => {
    const { actions, button } = show({ error: error({ status: 503 }), reconciling: true });
    const retry = button('Retry');
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(retry);
    expect(actions.retry).not.toHaveBeenCalled();
    // The reason Retry waits is its description.
    screen.getByRole('button', {
      name: 'Retry',
      description: 'Checking whether an offer went out before you can retry…',
    });
  });

  it('offers Retry once the reconcile has run', () => {
    const { actions, button } = show({ error: error({ status: 503 }) });
    fireEvent.click(button('Retry'));
    expect(actions.retry).toHaveBeenCalledTimes(1);
  });

  it('says Sign in when the start needs the agent to sign in', () => {
    const { actions, button } = show({ error: error({ code: 'needs.signin' }) });
    fireEvent.click(button('Sign in'));
    expect(actions.retry).toHaveBeenCalledTimes(1);
  });

  it('after a 409 with the other session known: end it and start here, or keep it', () => {
    const { actions, button } = show({
      error: error({ status: 409, code: 'request.conflict' }),
      conflictWith: '11111111-2222-4333-8444-555555555555',
    });
    fireEvent.click(button('End it and start here'));
    expect(actions.retry).toHaveBeenCalledTimes(1);
    fireEvent.click(button('Keep it'));
    expect(actions.close).toHaveBeenCalledTimes(1);
  });
});
