// The content script's side of the panel bridge: inject it and wait for its hello, ask it for
// the page's hints, tell it to show the panel frame (with the tab's key and the place the agent
// left the panel on that site), and remember where the agent moves it.
import * as v from 'valibot';
import type { PageHintsEnvelope, PanelPlace } from '../shared/protocol';
import { OverlayMessageSchema } from '../shared/protocol/overlay';
import type { DetectionRule } from '../shared/settings';
import type { Timers } from '../shared/timers';
import { type Listening, listen, type OverlayPort, pageOrigin, postTo } from './overlay-ports';

export interface ContentLinkDeps extends Listening {
  /** scripting.executeScript({target:{tabId}, files:[contentFile]}). */
  inject: (tabId: number) => Promise<unknown>;
  places: {
    get(origin: string): Promise<PanelPlace | undefined>;
    set(origin: string, place: PanelPlace): Promise<void>;
  };
  timers: Timers;
  timeoutMs: number;
}

export function createContentLink(deps: ContentLinkDeps) {
  const { log } = deps;
  const waitFor = <T>(register: Register<T>, unregister: () => void, what: string) =>
    answerWithin(deps, register, unregister, what);
  /** Content-script ports by tab (top frame only). */
  const ports = new Map<number, OverlayPort>();
  /** Their pages' origins (for the remembered place) and documents (a new page: a new key). */
  const origins = new Map<number, string>();
  const documents = new Map<number, string>();
  const hellos = new Map<number, (() => void)[]>();
  const collects = new Map<number, { tabId: number; resolve: (p: PageHintsEnvelope) => void }>();
  let nextRequest = 1;

  async function onMessage(tabId: number, port: OverlayPort, raw: unknown) {
    const parsed = v.safeParse(OverlayMessageSchema, raw);
    if (!parsed.success) {
      log(`overlay message refused from tab ${tabId}`);
      return;
    }
    const message = parsed.output;
    if (message.type === 'hello') {
      ports.set(tabId, port);
      for (const resolve of hellos.get(tabId) ?? []) resolve();
      hellos.delete(tabId);
      return;
    }
    if (ports.get(tabId) !== port) return; // no hello yet on this port
    if (message.type === 'hints') {
      const waiting = collects.get(message.requestId);
      if (waiting?.tabId !== tabId) return; // not asked of this tab
      collects.delete(message.requestId);
      waiting.resolve(message.page);
      return;
    }
    const origin = origins.get(tabId);
    if (origin) await deps.places.set(origin, message.place);
  }

  return {
    /** A port named 'overlay' from this extension in `tabId` (checked by the caller). */
    accept(port: OverlayPort, tabId: number) {
      // The content script runs in the page's top frame only.
      const sender = port.sender ?? {};
      if (sender.frameId !== undefined && sender.frameId !== 0) {
        port.disconnect();
        return;
      }
      const origin = pageOrigin(sender);
      if (origin) origins.set(tabId, origin);
      if (sender.documentId) documents.set(tabId, sender.documentId);
      listen(port, tabId, ports, onMessage, deps);
    },

    async ensure(tabId: number) {
      if (ports.has(tabId)) return;
      let done: (() => void) | undefined;
      const hello = waitFor<void>(
        (resolve) => {
          done = () => resolve();
          hellos.set(tabId, [...(hellos.get(tabId) ?? []), done]);
        },
        () =>
          hellos.set(
            tabId,
            (hellos.get(tabId) ?? []).filter((f) => f !== done),
          ),
        'overlay handshake',
      );
      hello.catch(() => undefined);
      await deps.inject(tabId);
      await hello;
    },

    collect(
      tabId: number,
      rules: readonly DetectionRule[],
      context?: { linkUrl?: string; selectionText?: string },
    ): Promise<PageHintsEnvelope> {
      if (!ports.has(tabId)) {
        return Promise.reject(new Error('page hints: the overlay is not connected'));
      }
      const requestId = nextRequest++;
      const answer = waitFor<PageHintsEnvelope>(
        (resolve) => collects.set(requestId, { tabId, resolve }),
        () => collects.delete(requestId),
        'page hints',
      );
      postTo(ports, tabId, {
        type: 'collect',
        requestId,
        rules: [...rules],
        ...(context ? { context } : {}),
      });
      return answer;
    },

    /** Shows the panel frame keyed `key`, where the agent last left it on this site. */
    async show(tabId: number, key: string) {
      const origin = origins.get(tabId);
      const place = origin ? await deps.places.get(origin) : undefined;
      postTo(ports, tabId, { type: 'show', key, ...(place ? { place } : {}) });
    },

    /** The document the tab's content script runs in, where the browser says. */
    documentOf: (tabId: number) => documents.get(tabId),

    forget(tabId: number) {
      ports.delete(tabId);
      origins.delete(tabId);
      documents.delete(tabId);
    },
  };
}

type Register<T> = (resolve: (value: T) => void) => void;

/** The page's answer, or a rejection naming `what` once `timeoutMs` passed without one. */
function answerWithin<T>(
  { timers, timeoutMs }: { timers: Timers; timeoutMs: number },
  register: Register<T>,
  unregister: () => void,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timers.setTimeout(() => {
      unregister();
      reject(new Error(`${what}: no answer from the page in ${timeoutMs} ms`));
    }, timeoutMs);
    register((value) => {
      timers.clearTimeout(timer);
      resolve(value);
    });
  });
}
