// The connect attempt's async steps (user id, HEAD, create + subscribe, address check, open):
// each answer goes back to the machine tagged with its attempt's generation.
import { addressRefusal, type ChannelOptions, channelExists, createChannel } from './channel';
import { explainError } from './errors';
import type { Host } from './host';
import type { StreamEffect } from './machine';
import { type OpenSocket, openSocket, type SocketOptions } from './socket';

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
  const { deps, dispatch, log, now } = host;
  const channels: ChannelOptions = { api: deps.api, now, log, ...host.cfg };
  const sockets: SocketOptions = {
    WebSocket: deps.WebSocket,
    timers: host.timers,
    log,
    ...host.cfg,
  };
  const stale = (gen: number) => () => gen !== host.state().generation;
  const fail = (gen: number) => (err: unknown) => {
    if (stale(gen)()) return;
    dispatch({ type: 'setup-failed', gen, error: explainError(err, { channel: true }) });
  };

  function open(gen: number, socket: { id: number; channel: { id: string; connectUri: string } }) {
    const { id, channel } = socket;
    try {
      const opened = openSocket(sockets, channel.connectUri, {
        onOpen: () => dispatch({ type: 'socket-open', socket: id, now: now() }),
        onFrame: (data) => dispatch({ type: 'frame', socket: id, data }),
        onClose: (code, reason) => dispatch({ type: 'socket-closed', socket: id, code, reason }),
        onDead: () => dispatch({ type: 'socket-dead', socket: id }),
        onError: () => log(`socket error on ${channel.id}`),
      });
      register(id, opened);
    } catch (err) {
      // `new WebSocket` throws on an address it cannot open: the attempt failed.
      fail(gen)(err);
    }
  }

  return function runConnectStep(fx: ConnectEffect) {
    const { gen } = fx;
    switch (fx.kind) {
      case 'read-user':
        call(deps.userId).then(
          (userId) => dispatch({ type: 'user', gen, userId, now: now() }),
          fail(gen),
        );
        return;
      case 'head':
        call(() => channelExists(channels, fx.channel)).then(
          (exists) => dispatch({ type: 'head', gen, exists }),
          fail(gen),
        );
        return;
      case 'create-channel':
        createChannel(channels, fx.userId, stale(gen)).then(
          (channel) => channel && dispatch({ type: 'created', gen, channel }),
          fail(gen),
        );
        return;
      case 'check-address':
        addressRefusal(deps.socketAddressProblem, fx.channel).then((error) => {
          if (stale(gen)()) return;
          dispatch(error ? { type: 'setup-failed', gen, error } : { type: 'address-ok', gen });
        }, fail(gen));
        return;
      case 'open-socket':
        return open(gen, fx.socket);
    }
  };
}
