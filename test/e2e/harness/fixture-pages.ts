// Fixture pages for one test file: test/fixtures/pages/*.html, and pages a test writes itself,
// served over http on 127.0.0.1 (the extension cannot be injected into file:// pages).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const FIXTURES = join(import.meta.dirname, '../../fixtures/pages');

/**
 * test/fixtures/pages/*.html over http on 127.0.0.1 for one test file (the extension cannot
 * script data: or file: URLs), plus pages a test writes inline with `page(name, html)`.
 */
export function useFixturePages(): {
  url(name: string): string;
  /** Serves `html` at `name`, with these extra response headers (e.g. a Permissions-Policy). */
  page(name: string, html: string, headers?: Record<string, string>): string;
  /** The port the pages are served on (a host alias of 127.0.0.1 reaches them there too). */
  port(): number;
} {
  const inline = new Map<string, { html: string; headers: Record<string, string> }>();
  let origin = '';
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]?.replace(/^\/+/, '') ?? '';
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    const written = inline.get(name);
    if (written !== undefined) return send(200, written.html, written.headers);
    if (!/^[\w-]+\.html$/.test(name)) return send(404, 'not found');
    readFile(join(FIXTURES, name), 'utf8').then(
      (text) => send(200, text),
      () => send(404, 'not found'),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: (name) => `${origin}/${name}`,
    page(name, html, headers = {}) {
      inline.set(name, { html, headers });
      return `${origin}/${name}`;
    },
    port: () => Number(new URL(origin).port),
  };
}
