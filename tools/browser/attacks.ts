// Hostile-server helpers for the attack suite: a small server on another port that counts what
// reaches it (any HTTP request, any websocket upgrade) and answers plausible Genesys JSON, so a
// test can prove the extension never went there; and direct API calls with a bearer token, as
// anyone holding the token could make them.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port> */
  readonly wsOrigin: string;
  /** Every HTTP request (not upgrades) it received, as "METHOD /path". */
  readonly hits: string[];
  /** Every websocket upgrade attempt it received, as "/path". */
  readonly upgrades: string[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1, port 0. HTTP requests get `body(req)` as JSON (200); upgrade attempts are
 * counted and refused (403), so a client sees an error rather than a socket.
 */
export async function startCountingServer(
  body: (req: IncomingMessage) => unknown = () => ({}),
): Promise<CountingServer> {
  const hits: string[] = [];
  const upgrades: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': req.headers.origin ?? '*',
    });
    res.end(JSON.stringify(body(req)));
  });
  server.on('upgrade', (req, socket) => {
    upgrades.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    hits,
    upgrades,
    reset() {
      hits.length = 0;
      upgrades.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GET /api/v2/users/me with a bearer token: the status the API answers. */
export async function usersMeStatus(baseUrl: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v2/users/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}
