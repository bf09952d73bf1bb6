// The connect attempt's async steps (user id, HEAD, create + subscribe, address check, open):
// each answer goes back to the machine tagged with its attempt's generation (the reducer drops
// an answer from an older one).
import { addressRefusal, createChannel } from './channel';
import * as FX from './effect-kinds';
import { explainError } from './errors';
import * as EV from './event-types';
import type { Host } from './host';
import type { StreamEffect, StreamEvent } from './machine';
import { type OpenSocket, openSocket } from './socket';

export type ConnectEffect = Extract<StreamEffect, { gen: number }>;

/** fn(), with a synchronous throw turned into a rejection (as an `await` in a try would). */
function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (err) {
    return Promise.reject(err);
  }
}

export function createConnectSteps(host: Host, register: (id: number, s: OpenSocket) => void) {
  const { deps, dispatch, now } = host;
  // What the channel and socket helpers read: the client and WebSocket from the deps; the clocks,
  // the prefixed log and the settled config from the host, over the deps' optional ones.
  const config = { ...deps, ...host, ...host.cfg };
  const fail = (gen: number) => (err: unknown) =>
    dispatch({ type: EV.setupFailed, gen, error: explainError(err, { channel: true }) });

  return function runConnectStep(fx: ConnectEffect) {
    const { gen } = fx;
    /** Run one step; what it answers goes back as `event(answer)`, a failure as setup-failed. */
    const step = <T>(fn: () => Promise<T>, event: (answer: T) => StreamEvent | undefined) => {
      call(fn).then((answer) => {
        const next = event(answer);
        if (next) dispatch(next);
      }, fail(gen));
    };
    switch (fx.kind) {
      case FX.readUser:
        return step(
          () => Promise.all([deps.userId(), deps.channels?.load().catch(() => undefined)]),
          ([userId, stored]) => ({ type: EV.user, gen, userId, now: now(), stored }),
        );
      case FX.head:
        return step(
          () => deps.api.channelExists(fx.channel.id),
          (exists) => ({ type: EV.head, gen, exists }),
        );
      case FX.createChannel: {
        // Abandoned (stop, a newer attempt) half-way: no subscription on a channel nobody opens.
        const stale = () => gen !== host.state().gen;
        return step(
          () => createChannel(config, fx.userId, stale),
          (channel) => {
            if (channel) deps.channels?.save(channel);
            return channel && { type: EV.created, gen, channel };
          },
        );
      }
      case FX.checkAddress:
        return step(
          () => addressRefusal(deps.socketAddressProblem, fx.channel),
          (error) => (error ? { type: EV.setupFailed, gen, error } : { type: EV.addressOk, gen }),
        );
      case FX.openSocket:
        try {
          register(fx.socket.id, openSocket(config, fx.socket, dispatch));
        } catch (err) {
          // `new WebSocket` throws on an address it cannot open: the attempt failed.
          fail(gen)(err);
        }
    }
  };
}
