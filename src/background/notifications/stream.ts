// The push channel for cobrowse state: one Genesys notifications websocket for the signed-in
// agent's conversation message events and their conversation list, kept up while a session is
// live and, watched, while the agent is signed in, with REST
// reconcile so no transition is missed. machine.ts decides (a pure reducer, its diagram there);
// effects.ts runs what it asks for. Everything that touches the outside world (the API client,
// the WebSocket constructor, timers, the clock, randomness) is injected.

import { globalTimers } from '../../shared/timers';
import type { ConversationUpdate } from '../cobrowse/events';
import { diagnosticsOf } from './diagnostics';
import { createEffectRunner } from './effects';
import * as EV from './event-types';
import { configOf, type Host } from './host';
import { initialState, reduce, type StreamEvent } from './machine';
import { createReconciler } from './rest';
import type { EventStream, EventStreamDeps, LiveConversation, Media } from './types';

export type { Timers } from '../../shared/timers';
export { conversationsTopic, messagesTopic } from './channel';
export * from './types';

export function createEventStream(deps: EventStreamDeps): EventStream {
  const log = (message: string) => deps.log?.(`[events] ${message}`);
  let state = initialState();
  const queue: StreamEvent[] = [];
  let running = false;

  // An event dispatched from inside a callback (onUpdate → ensure) waits for the running
  // transition's effects, so each transition's effects run against the state it produced.
  function dispatch(event: StreamEvent) {
    queue.push(event);
    if (running) return;
    running = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const step = reduce(state, next, host.cfg);
        state = step.state;
        for (const effect of step.effects) run(effect);
      }
    } finally {
      running = false;
    }
  }

  const host: Host = {
    deps,
    cfg: configOf(deps),
    timers: deps.timers ?? globalTimers,
    now: deps.now ?? Date.now,
    random: deps.random ?? Math.random,
    log,
    state: () => state,
    dispatch,
    reconcile: createReconciler({ ...deps, media: (id) => state.live.get(id) ?? 'message', log }),
  };
  const run = createEffectRunner(host);

  function ensure(conversations: readonly LiveConversation[]) {
    const live = new Map<string, Media>();
    for (const c of conversations) {
      if (typeof c === 'string') live.set(c, 'message');
      else live.set(c.id, c.media);
    }
    dispatch({ type: EV.ensure, live });
  }

  return {
    ensure,
    stop: () => dispatch({ type: EV.stop }),
    watch: (on: boolean) => dispatch({ type: EV.watch, on }),
    reconcile: (id: string): Promise<ConversationUpdate> => host.reconcile(id),
    status: () => state.status,
    diagnostics: () => diagnosticsOf(state),
  };
}
