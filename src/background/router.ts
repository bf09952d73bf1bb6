// One runtime.onMessage handler for the whole background: it checks who is asking (this
// extension only; extension pages only for what touches the account), checks the envelope and
// payload shape, runs the handler, and always answers with a Result envelope: nothing thrown
// ever crosses the boundary. Plus the 'views' ports the background pushes snapshots through.

import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { toSessionError } from '../shared/errors';
import { t } from '../shared/i18n';
import type {
  Push,
  RequestName,
  RequestOf,
  RequestSchema,
  ResponseOf,
  Result,
} from '../shared/protocol';
import { PORT_VIEWS } from '../shared/protocol/ports';
import { safeText } from '../shared/redact';
import type { SessionError } from '../shared/session';

export type Sender = Pick<Runtime.MessageSender, 'id' | 'url' | 'tab' | 'frameId'>;

export interface HandlerSpec<N extends RequestName> {
  /**
   * 'pages': only this extension's own pages (popup, options). 'extension': also its content
   * scripts (which run inside web pages, so anything they send is treated as untrusted input).
   */
  from: 'pages' | 'extension';
  /**
   * The payload's shape: the protocol's schema for N (REQUEST_PAYLOADS[N]), so the handler and
   * the senders agree on one type. A payload that does not match is refused before `handle`.
   */
  payload: RequestSchema<N>;
  handle: (payload: RequestOf<N>, sender: Sender) => Promise<ResponseOf<N>> | ResponseOf<N>;
}

/** Handlers for some requests: each named one must be there. */
export type Handlers<N extends RequestName> = { [K in N]: HandlerSpec<K> };

/** The background's whole table: a request without a handler does not compile. */
export type HandlerMap = Handlers<RequestName>;

export { EMPTY_PAYLOAD } from '../shared/protocol/atoms';

export interface RouterOptions {
  /** browser.runtime.id (read per message: the id is fixed, but tests change it). */
  extensionId: () => string;
  /** browser.runtime.getURL(''): the origin of this extension's pages, with trailing slash. */
  extensionUrl: () => string;
}

function routerError(code: string, name: string, detail: string): SessionError {
  return {
    code,
    message: safeText(detail),
    title: t(`conn_router_${name.toLowerCase()}_title`),
    explanation: t(`conn_router_${name.toLowerCase()}_why`),
    fix: t(`conn_router_${name.toLowerCase()}_fix`),
  };
}

/**
 * True for this extension's own pages (popup, options): their URL is under the extension's
 * origin. A content script shares the extension id but its URL is the web page's.
 */
const isPageOf = (extensionUrl: string, sender: { url?: string }): boolean =>
  typeof sender.url === 'string' && sender.url.startsWith(extensionUrl);

export interface Router {
  /** Adds handlers (the background registers its whole HandlerMap; tests register a few). */
  register(handlers: Partial<HandlerMap>): void;
  /** Never rejects: every outcome is a Result. */
  handle(message: unknown, sender: Sender): Promise<Result<unknown>>;
  /** For browser.runtime.onMessage.addListener: always answers (returns the promise). */
  listener: (message: unknown, sender: Runtime.MessageSender) => Promise<Result<unknown>>;
}

export function createRouter(options: RouterOptions): Router {
  const handlers: Partial<HandlerMap> = {};

  function register(more: Partial<HandlerMap>): void {
    for (const name of Object.keys(more) as RequestName[]) {
      if (handlers[name]) throw new Error(`Handler for ${name} is already registered`);
      (handlers as Record<string, unknown>)[name] = more[name];
    }
  }

  const isExtensionPage = (sender: Sender) => isPageOf(options.extensionUrl(), sender);

  async function handle(message: unknown, sender: Sender): Promise<Result<unknown>> {
    try {
      if (!sender || sender.id !== options.extensionId()) {
        return { ok: false, error: routerError('sender.refused', 'Refused', 'not this extension') };
      }
      if (typeof message !== 'object' || message === null || !('type' in message)) {
        return { ok: false, error: routerError('request.malformed', 'Malformed', 'no type') };
      }
      const { type, payload } = message as { type: unknown; payload?: unknown };
      const spec =
        typeof type === 'string' && Object.hasOwn(handlers, type)
          ? (handlers[type as RequestName] as HandlerSpec<RequestName> | undefined)
          : undefined;
      if (!spec) {
        return {
          ok: false,
          error: routerError('request.unknown', 'Unknown', `unknown request ${String(type)}`),
        };
      }
      if (spec.from === 'pages' && !isExtensionPage(sender)) {
        return {
          ok: false,
          error: routerError('sender.refused', 'Refused', `${String(type)} from ${sender.url}`),
        };
      }
      const parsed = v.safeParse(spec.payload, payload);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        const where = issue.path?.map((p) => String(p.key)).join('.') || 'payload';
        return {
          ok: false,
          error: routerError(
            'request.malformed',
            'Malformed',
            `${String(type)}: ${where}: ${issue.message}`,
          ),
        };
      }
      const value = await spec.handle(parsed.output, sender);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toSessionError(err) };
    }
  }

  return { register, handle, listener: (message, sender) => handle(message, sender) };
}

/** The part of a runtime.Port the broadcaster uses. */
export interface PortLike {
  name: string;
  sender?: { id?: string; url?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  onDisconnect: { addListener(cb: () => void): void };
}

export interface Broadcaster {
  /** For browser.runtime.onConnect.addListener: keeps the 'views' ports of this extension's pages. */
  accept(port: PortLike): void;
  /** Sends a push to every connected view; a port that fails is dropped. */
  broadcast(push: Push): void;
  /** Runs for each newly accepted port (e.g. to send it the current state right away). */
  onConnected(cb: (port: PortLike) => void): void;
  readonly size: number;
}

export function createBroadcaster(options: {
  extensionId: () => string;
  /** browser.runtime.getURL(''): only this extension's pages may hold a 'views' port. */
  extensionUrl: () => string;
}): Broadcaster {
  const ports = new Set<PortLike>();
  const connected: ((port: PortLike) => void)[] = [];

  return {
    accept(port) {
      if (port.name !== PORT_VIEWS) return; // another port name: someone else's listener
      // Snapshots carry customer names and join codes: a content script (same extension id,
      // but running inside a web page) must not receive them.
      const sender = port.sender;
      if (sender?.id !== options.extensionId() || !isPageOf(options.extensionUrl(), sender)) {
        port.disconnect();
        return;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      for (const cb of connected) cb(port);
    },
    broadcast(push) {
      for (const port of ports) {
        try {
          port.postMessage(push);
        } catch {
          ports.delete(port); // the view closed between its disconnect and this push
        }
      }
    },
    onConnected(cb) {
      connected.push(cb);
    },
    get size() {
      return ports.size;
    },
  };
}
