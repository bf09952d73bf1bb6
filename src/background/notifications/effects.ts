// Runs the machine's effects: callbacks, REST reads, timers and sockets (the connect steps in
// connect-steps.ts). Thin: every decision was made by the reducer.
import { backoff } from './backoff';
import { createConnectSteps } from './connect-steps';
import { explainError } from './errors';
import type { Host } from './host';
import type { StreamEffect, TimerName } from './machine';
import type { OpenSocket } from './socket';

export function createEffectRunner(host: Host) {
  const { deps, log, timers, cfg } = host;
  const sockets = new Map<number, OpenSocket>();
  const armed = new Map<TimerName, unknown>();
  const connectStep = createConnectSteps(host, (id, socket) => sockets.set(id, socket));

  function reconcile(id: string, why: string) {
    host.reconcile(id).catch((err) => {
      const media = host.state().live.get(id);
      if (!media) return;
      log(`reconcile ${id} (${why}) failed: ${String(err)}`);
      deps.onError?.(explainError(err, { media }), 'reconcile', id);
    });
  }

  function setTimer(name: TimerName, ms: number) {
    const handle = timers.setTimeout(() => {
      armed.delete(name);
      host.dispatch({ type: 'timer', name });
    }, ms);
    armed.set(name, handle);
  }

  return function run(fx: StreamEffect) {
    switch (fx.kind) {
      case 'status':
        return deps.onStatus?.(fx.status, fx.error);
      case 'log':
        return log(fx.message);
      case 'error':
        return deps.onError?.(fx.error, 'channel');
      case 'deliver':
        return deps.onUpdate(fx.update, 'push');
      case 'reconcile': {
        // 'all' is read now: a callback run before this effect may have changed the live set.
        const ids = fx.ids === 'all' ? [...host.state().live.keys()] : fx.ids;
        for (const id of ids) reconcile(id, fx.why);
        return;
      }
      case 'set-timer':
        return setTimer(fx.name, fx.ms);
      case 'schedule-retry': {
        const options = { baseMs: cfg.baseBackoffMs, maxMs: cfg.maxBackoffMs, random: host.random };
        const delay = Math.max(fx.minDelayMs, backoff(fx.attempt, options));
        log(`reconnect attempt ${fx.attempt + 1} in ${delay} ms`);
        return setTimer('retry', delay);
      }
      case 'clear-timer': {
        const handle = armed.get(fx.name);
        if (handle !== undefined) timers.clearTimeout(handle);
        armed.delete(fx.name);
        return;
      }
      case 'kick':
        return sockets.get(fx.socket)?.kick();
      case 'detach':
        sockets.get(fx.socket)?.detach(fx.code, fx.reason);
        sockets.delete(fx.socket);
        return;
      default:
        return connectStep(fx);
    }
  };
}
