// Runs the machine's effects: callbacks, REST reads, timers and sockets (the connect steps in
// connect-steps.ts). Thin: every decision about the stream was made by the reducer; a failed
// REST read is retried here with the shared withRetries, as the subscription PUT is in channel.ts.
import { transient, withRetries } from '../../shared/retry';
import { GenesysError } from '../genesys';
import { backoff } from './backoff';
import { createConnectSteps } from './connect-steps';
import * as FX from './effect-kinds';
import { explainError } from './errors';
import * as EV from './event-types';
import type { Host } from './host';
import type { StreamEffect, TimerName } from './machine';
import type { OpenSocket } from './socket';
import * as TIMER from './timer-names';

/** Pauses before a failed connect or added reconcile is tried again. */
export const RECONCILE_RETRY_DELAYS_MS = [1_000, 2_000, 4_000] as const;

export function createEffectRunner(host: Host) {
  const { deps, log, timers, cfg } = host;
  const sockets = new Map<number, OpenSocket>();
  const armed = new Map<TimerName, unknown>();
  const connectStep = createConnectSteps(host, (id, socket) => sockets.set(id, socket));

  /**
   * Read a live conversation over REST. A failed read after the socket opened (or for a newly
   * live conversation) is tried again: nothing else reads it while the socket is up, and what
   * happened before the socket opened (a customer accepting during a worker start) was never
   * pushed. A poll is not: the next poll reads it again.
   */
  function reconcile(id: string, why: string) {
    const read = () => host.reconcile(id);
    const answer =
      why === 'poll'
        ? read()
        : withRetries(read, {
            delaysMs: RECONCILE_RETRY_DELAYS_MS,
            // An API failure only: a needed sign-in is not met again a second later.
            retryable: (err) =>
              err instanceof GenesysError && transient(err) && host.state().live.has(id),
            onRetry: (err) =>
              log(`reconcile ${id} (${why}) failed (${String(err)}): reading again`),
            // No further read once the conversation is no longer live (the failure is dropped).
            pause: (ms) =>
              new Promise((resolve, reject) =>
                timers.setTimeout(
                  () => (host.state().live.has(id) ? resolve() : reject(new Error('not live'))),
                  ms,
                ),
              ),
          });
    answer.catch((err) => {
      const media = host.state().live.get(id);
      if (!media) return;
      log(`reconcile ${id} (${why}) failed: ${String(err)}`);
      deps.onError?.(explainError(err, { media }), 'reconcile', id);
    });
  }

  function setTimer(name: TimerName, ms: number) {
    const handle = timers.setTimeout(() => {
      armed.delete(name);
      host.dispatch({ type: EV.timer, name });
    }, ms);
    armed.set(name, handle);
  }

  return function run(fx: StreamEffect) {
    switch (fx.kind) {
      case FX.status:
        return deps.onStatus?.(fx.status, fx.error);
      case FX.log:
        return log(fx.message);
      case FX.error:
        return deps.onError?.(fx.error, 'channel');
      case FX.deliver:
        return deps.onUpdate(fx.update, 'push');
      case FX.listed:
        return deps.onConversation?.(fx.body);
      case FX.reconcile: {
        // "Whatever is live" is read now: a callback run before this effect may have changed it.
        const ids = fx.ids ?? [...host.state().live.keys()];
        for (const id of ids) reconcile(id, fx.why);
        return;
      }
      case FX.setTimer:
        return setTimer(fx.name, fx.ms);
      case FX.scheduleRetry: {
        const options = { baseMs: cfg.baseBackoffMs, maxMs: cfg.maxBackoffMs, random: host.random };
        const delay = Math.max(fx.minMs, backoff(fx.attempt, options));
        log(`reconnect attempt ${fx.attempt + 1} in ${delay} ms`);
        return setTimer(TIMER.retry, delay);
      }
      case FX.clearTimer: {
        const handle = armed.get(fx.name);
        if (handle !== undefined) timers.clearTimeout(handle);
        armed.delete(fx.name);
        return;
      }
      case FX.kick:
        return sockets.get(fx.socket)?.kick();
      case FX.detach:
        sockets.get(fx.socket)?.detach(fx.code, fx.reason);
        sockets.delete(fx.socket);
        return;
      default:
        return connectStep(fx);
    }
  };
}
