// startSandbox(): the Genesys Cloud sandbox org on one local origin (login + api + streaming),
// with the control surface as methods. Used by the sandbox tests, e2e, the benchmark and the demo.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cobrowseRoutes } from './cobrowse';
import { SandboxControl } from './control';
import { conversationRoutes } from './conversations';
import { Faults } from './faults';
import { Router } from './http';
import { identityRoutes } from './identity';
import { Notifications } from './notifications';
import { oauthRoutes } from './oauth';
import { SandboxOrg } from './org';
import { RateLimiter } from './ratelimit';
import { RequestLog } from './requestlog';
import { createPipeline } from './server';
import type { SandboxSettings } from './settings';
import { viewerRoutes } from './viewer';

export { CUSTOMER_ACTIONS, type CustomerAction } from './customer';
export type { FaultSpec } from './faults';
export type {
  ConversationMessage,
  MetadataEvent,
  SandboxConversation,
  SandboxSession,
} from './org';
export type { LoggedRequest } from './requestlog';
export { SEED, seedClients, seedUsers, TEST_EXTENSION_REDIRECT } from './seed';
export type { SandboxSettings } from './settings';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Initial settings; reset() returns to these. */
  settings?: Partial<SandboxSettings>;
}

export interface Sandbox extends SandboxControl {
  /** http://host:port — the login, api and control origin. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const org = new SandboxOrg(options.settings);
  const faults = new Faults();
  const log = new RequestLog();
  const rate = new RateLimiter();
  const notifications = new Notifications(org, faults, log);
  const control = new SandboxControl(org, faults, log, rate, notifications);

  const router = new Router();
  router.add(
    ...oauthRoutes(org),
    ...identityRoutes(org),
    ...cobrowseRoutes(org),
    ...conversationRoutes(org),
    ...notifications.routes(),
    ...control.routes(),
    ...viewerRoutes(org),
  );
  const handle = createPipeline({ org, router, faults, log, rate });
  const server = createServer((req, res) => void handle(req, res));
  server.on('upgrade', (req, socket, head) => {
    if (!notifications.handleUpgrade(req, socket, head))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      org.clearTimers();
      notifications.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };

  // The control's methods, plus url/port/close, on one object.
  return Object.assign(control, { url, port, close }) as Sandbox;
}
