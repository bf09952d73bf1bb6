// The views' side of the message protocol: a typed request to the background, and the
// background's pushes over the 'views' port. A view never sees a thrown error from here: a
// background that cannot be reached, or answers nonsense, becomes an explained SessionError.
import browser from 'webextension-polyfill';
import { t } from './i18n';
import type { Push, RequestName, RequestOf, ResponseOf, Result } from './protocol';
import { PORT_VIEWS } from './protocol/ports';
import type { SessionError } from './session';

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error === 'object' && r.error !== null;
}

/** A failure of the extension's own plumbing, explained like any Genesys error. */
export function unreachableError(detail: string): SessionError {
  return {
    code: 'extension.unreachable',
    message: detail,
    title: t('client_unreachable_title'),
    explanation: t('client_unreachable_explanation'),
    fix: t('client_unreachable_fix'),
  };
}

export async function send<N extends RequestName>(
  type: N,
  payload: RequestOf<N>,
): Promise<Result<ResponseOf<N>>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage({ type, payload });
  } catch (err) {
    return { ok: false, error: unreachableError(err instanceof Error ? err.message : String(err)) };
  }
  if (isResult(reply)) return reply as Result<ResponseOf<N>>;
  return { ok: false, error: unreachableError(`no answer to ${type}`) };
}

/** Listens to the background's pushes until the returned function is called. */
export function subscribe(onPush: (push: Push) => void): () => void {
  const port = browser.runtime.connect({ name: PORT_VIEWS });
  const listener = (message: unknown) => onPush(message as Push);
  port.onMessage.addListener(listener);
  return () => {
    port.onMessage.removeListener(listener);
    port.disconnect();
  };
}
