// The floor: the create POST's own round trip, fetched from an extension page (the context the
// worker's fetch runs in: extension origin, host permission, no CORS preflight), with a token
// held. It runs as another seeded agent on their own conversation, so the extension under test
// (signed in as the demo agent) sees none of these sessions. Each sample's session is ended by
// the sandbox's customer control (not an API call) so the next POST is not a 409. Raw samples
// are taken paired with trigger samples (measure-paired.ts), never in a block of their own.

import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import type { RemoteSandbox } from './sandbox-process';

export interface RawProbe {
  /** the extension page the POSTs are fetched from */
  page: Page;
  /** One create POST round trip in ms (throws unless it answers 200 with a join code). */
  sample(): Promise<number>;
  close(): Promise<void>;
}

export async function rawProbe(
  session: ExtensionSession,
  sandbox: RemoteSandbox,
): Promise<RawProbe> {
  const conversationId = SEED.conversations.messagingOnly.messagingOnline;
  const token = await sandbox.issueToken(SEED.users.messagingOnly, SEED.clients.pkce);
  const url = `${sandbox.url}/api/v2/conversations/${conversationId}/cobrowse`;
  const page = await session.openPage('manifest.json');
  return {
    page,
    async sample() {
      const r = await page.evaluate(timedCreatePost, { url, token });
      if (r.status !== 200 || !r.code) throw new Error(`raw create POST answered ${r.status}`);
      await sandbox.customer(conversationId, 'end-session');
      return r.ms;
    },
    close: () => page.close(),
  };
}

/**
 * Page script (Playwright's or puppeteer's page.evaluate; it closes over nothing): the create
 * POST with a bearer token, timed in the page from the call to the parsed answer.
 */
export async function timedCreatePost({ url, token }: { url: string; token: string }) {
  const t0 = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const body = (await response.json()) as { joinCode?: string };
  return { ms: performance.now() - t0, status: response.status, code: body.joinCode };
}
