// Shared fixtures for the view tests: a scripted background behind the mocked `send`, and the
// pushes a test can deliver through the mocked `subscribe`.
import { vi } from 'vitest';
import type { send, subscribe } from '../../../src/shared/client';
import type {
  Push,
  RequestName,
  RequestOf,
  ResponseOf,
  Result,
  SettingsView,
} from '../../../src/shared/protocol';
import type { SessionError } from '../../../src/shared/session';
import type { Settings } from '../../../src/shared/settings';

export type Handlers = {
  [N in RequestName]?: (
    payload: RequestOf<N>,
  ) => Result<ResponseOf<N>> | Promise<Result<ResponseOf<N>>>;
};

/** Routes every send() to the handler for its type; an unscripted type fails loudly. */
export function scriptBackground(mock: typeof send, handlers: Handlers): void {
  vi.mocked(mock).mockImplementation((async (type: RequestName, payload: unknown) => {
    const handler = handlers[type] as ((p: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`unexpected request ${type}`);
    return handler(payload);
  }) as typeof send);
}

/** Captures the view's push listener so a test can push as the background would. */
export function capturePushes(mock: typeof subscribe): (push: Push) => void {
  let listener: ((push: Push) => void) | undefined;
  vi.mocked(mock).mockImplementation((onPush) => {
    listener = onPush;
    return () => {
      listener = undefined;
    };
  });
  return (push) => {
    if (!listener) throw new Error('the view is not subscribed');
    listener(push);
  };
}

/**
 * A background for the options page that stores what it is sent, as the real one does
 * (settings.get answers the latest view), signed out unless `more` says otherwise.
 */
export function scriptSettingsBackground(
  mock: typeof send,
  initial: SettingsView,
  more: Handlers = {},
): { saved: Partial<Settings>[] } {
  let view = initial;
  const saved: Partial<Settings>[] = [];
  scriptBackground(mock, {
    'settings.get': () => ok(view),
    'settings.save': (patch) => {
      saved.push(patch);
      view = { ...view, settings: { ...view.settings, ...patch } };
      return ok(view);
    },
    'auth.status': () => ok({ signedIn: false, environment: 'mypurecloud.com' }),
    // The org check's section reads the check's state when the page opens: none has run.
    'orgcheck.status': () => ok({ state: 'idle', steps: [], said: [] }),
    ...more,
  });
  return { saved };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: SessionError): Result<T> => ({ ok: false, error });

export const sampleError: SessionError = {
  status: 403,
  code: 'missing.any.permissions',
  message:
    'You must have at least one of the following permissions assigned: conversation:cobrowse:add',
  contextId: 'c0ffee00-1111-2222-3333-444455556666',
  title: 'Cobrowse is not allowed for you',
  explanation: 'Your Genesys Cloud roles lack the cobrowse permission.',
  fix: 'Ask your admin to add conversation:cobrowse:add to one of your roles.',
};
