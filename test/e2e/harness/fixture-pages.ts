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
  page(name: string, html: string): string;
} {
  const inline = new Map<string, string>();
  let origin = '';
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]?.replace(/^\/+/, '') ?? '';
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    const html = inline.get(name);
    if (html !== undefined) return send(200, html);
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
    page(name, html) {
      inline.set(name, html);
      return `${origin}/${name}`;
    },
  };
}
