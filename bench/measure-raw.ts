// The floor: the create POST's own round trip, fetched from an extension page (the context the
// worker's fetch runs in: extension origin, host permission, no CORS preflight), with a token
// held. It runs as another seeded agent on their own conversation, so the extension under test
// (signed in as the demo agent) sees none of these sessions. Each sample's session is ended by
// the sandbox's customer control (not an API call) so the next POST is not a 409.

import { SEED } from '../tools/sandbox/index';
import type { Bench } from './setup';
import { summarize } from './stats';
import type { Measured } from './targets';

const WARMUP = 2;

export async function measureRaw({ session, sandbox }: Bench, samples: number): Promise<Measured> {
  const user = SEED.users.messagingOnly;
  const conversationId = SEED.conversations.messagingOnly.messagingOnline;
  const token = sandbox.issueToken(user, SEED.clients.pkce);
  const url = `${sandbox.url}/api/v2/conversations/${conversationId}/cobrowse`;
  const page = await session.openPage('manifest.json');
  const times: number[] = [];
  try {
    for (let i = 0; i < WARMUP + samples; i++) {
      const r = await page.evaluate(
        async ({ url, token }) => {
          const t0 = performance.now();
          const response = await fetch(url, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
          });
          const body = (await response.json()) as { joinCode?: string };
          return { ms: performance.now() - t0, status: response.status, code: body.joinCode };
        },
        { url, token },
      );
      if (r.status !== 200 || !r.code)
        throw new Error(`create POST answered ${r.status} on sample ${i + 1}`);
      sandbox.customer(conversationId, 'end-session');
      if (i >= WARMUP) times.push(r.ms);
    }
  } finally {
    await page.close();
  }
  return {
    summary: summarize(times),
    detail: { samples: times.map((t) => Math.round(t * 10) / 10), warmupDiscarded: WARMUP },
  };
}
