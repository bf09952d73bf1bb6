// Firefox: trigger → join code painted, each sample paired with a raw create POST, for the same
// cases as in Chromium (measure-paired.ts): event page running, event page stopped right before
// the key press (ExtensionParent.DebugUtils.terminateBackgroundScript, what about:debugging's
// "Terminate background script" does and what Firefox does to an idle event page), and a fresh
// browser; each for a known and a new conversation. The raw POST is fetched from an extension page.
// A sample whose probe reached the panel frame only after the code was shown is not timed (the
// probe is injected once the frame exists, see firefox-trigger.ts); their count is in the detail.
import { loadavg } from 'node:os';
import type { FirefoxSession } from '../tools/browser/firefox';
import { SEED } from '../tools/sandbox/index';
import { launchFirefoxSignedIn } from './firefox-setup';
import { type FirefoxAgentPage, firefoxAgentPage, ProbeLate } from './firefox-trigger';
import { timedCreatePost } from './measure-raw';
import type { RemoteSandbox } from './sandbox-process';
import { summarize } from './stats';
import type { CaseName, FigureId, Load, Measured } from './targets';

const KNOWN = SEED.conversations.agent.messagingOnline;
const round = (x: number) => Math.round(x * 10) / 10;
const p95 = (xs: number[]) => (xs.length > 0 ? summarize(xs).p95 : 'none');
type Figures = Partial<Record<FigureId, Measured>>;

interface Pairs {
  raw: number[];
  trigger: number[];
  dom: number[];
  /** samples not timed: the probe reached the panel after the code */
  probeLate: number;
}
const emptyPairs = (): Pairs => ({ raw: [], trigger: [], dom: [], probeLate: 0 });

async function conversationFor(c: CaseName, sandbox: RemoteSandbox): Promise<string> {
  return c.endsWith('New') ? (await sandbox.addConversation({ media: 'message' })).id : KNOWN;
}

/** One raw create POST from an extension page, as another seeded agent (see measure-raw.ts). */
export async function firefoxRawProbe(session: FirefoxSession, sandbox: RemoteSandbox) {
  const conversationId = SEED.conversations.messagingOnly.messagingOnline;
  const token = await sandbox.issueToken(SEED.users.messagingOnly, SEED.clients.pkce);
  const url = `${sandbox.url}/api/v2/conversations/${conversationId}/cobrowse`;
  // Its own extension page: evalInExtension's helper page may be closed (fresh-browser case).
  const page = await session.openPage(session.manifest.options_ui?.page ?? '');
  const sample = async (): Promise<number> => {
    const r = await page.evaluate(timedCreatePost, { url, token });
    if (r.status !== 200 || !r.code) throw new Error(`raw create POST answered ${r.status}`);
    await sandbox.customer(conversationId, 'end-session');
    return r.ms;
  };
  return { sample, close: () => page.close() };
}

/** One timed trigger into `p` (or a late-probe count); the session is ended either way. */
async function triggerInto(agent: FirefoxAgentPage, id: string, p: Pairs): Promise<boolean> {
  try {
    const t = await agent.trigger(id);
    p.trigger.push(t.ms);
    p.dom.push(t.domMs);
    await agent.end(t.sessionId);
    return true;
  } catch (error) {
    if (!(error instanceof ProbeLate)) throw error;
    p.probeLate++;
    await agent.end(error.sessionId);
    return false;
  }
}

function figures(c: CaseName, p: Pairs, load: Load, note: object): Figures {
  if (p.trigger.length === 0)
    return {
      [`raw${c}`]: { notMeasured: `no sample timed (${p.probeLate} with the probe late)` },
      [`trigger${c}`]: { notMeasured: `no sample timed (${p.probeLate} with the probe late)` },
    };
  return {
    [`raw${c}`]: { summary: summarize(p.raw), load, detail: { samples: p.raw.map(round) } },
    [`trigger${c}`]: {
      summary: summarize(p.trigger),
      load,
      detail: {
        samples: p.trigger.map(round),
        domSummary: summarize(p.dom),
        probeLate: p.probeLate,
        ...note,
      },
    },
  };
}

/** Event page running and stopped, in the bench's Firefox: `samples` pairs per case. */
export async function measureFirefoxWarmCold(
  session: FirefoxSession,
  sandbox: RemoteSandbox,
  samples: number,
  log: (line: string) => void,
): Promise<Figures> {
  const probe = await firefoxRawProbe(session, sandbox);
  const raw = probe.sample;
  const agent = await firefoxAgentPage(session, sandbox);
  const note = { keys: agent.chord, stop: 'ExtensionParent.DebugUtils.terminateBackgroundScript' };
  const out: Figures = {};
  try {
    // One untimed start first, as in Chromium.
    await agent.open(KNOWN);
    await triggerInto(agent, KNOWN, emptyPairs());
    for (const stopped of [false, true]) {
      const names: CaseName[] = stopped ? ['ColdKnown', 'ColdNew'] : ['WarmKnown', 'WarmNew'];
      const pairs: Record<string, Pairs> = {};
      for (const c of names) pairs[c] = emptyPairs();
      const before = loadavg();
      for (let i = 0; i < samples; i++) {
        for (const c of i % 2 === 0 ? names : [...names].reverse()) {
          const p = pairs[c] as Pairs;
          const id = await conversationFor(c, sandbox);
          await agent.open(id);
          const rawFirst = i % 2 === 0;
          const rawBefore = rawFirst ? await raw() : undefined;
          if (stopped) await session.stopBackground();
          const timed = await triggerInto(agent, id, p);
          if (timed) p.raw.push(rawBefore ?? (await raw()));
        }
      }
      const load = { before, after: loadavg() };
      for (const c of names) Object.assign(out, figures(c, pairs[c] as Pairs, load, note));
      log(
        `  ${names.join(', ')}: ${names.map((c) => `raw p95 ${p95((pairs[c] as Pairs).raw)} / trigger p95 ${p95((pairs[c] as Pairs).trigger)}`).join('; ')}`,
      );
    }
  } finally {
    await agent.close();
    await probe.close();
  }
  return out;
}

/** One fresh, signed-in Firefox per sample: event page stopped, its first trigger, its raw POST. */
export async function measureFirefoxFresh(
  sandbox: RemoteSandbox,
  samples: number,
  log: (line: string) => void,
): Promise<Figures> {
  const names: CaseName[] = ['FreshKnown', 'FreshNew'];
  const pairs: Record<string, Pairs> = { FreshKnown: emptyPairs(), FreshNew: emptyPairs() };
  const before = loadavg();
  for (let i = 0; i < samples; i++) {
    for (const c of names) {
      const session = await launchFirefoxSignedIn(sandbox.url);
      try {
        const agent = await firefoxAgentPage(session, sandbox);
        const id = await conversationFor(c, sandbox);
        await agent.open(id);
        // No extension page left open: nothing of the add-on runs until the key press.
        for (const page of await session.browser.pages())
          if (page.url().startsWith(session.origin)) await page.close();
        await session.stopBackground();
        const p = pairs[c] as Pairs;
        if (await triggerInto(agent, id, p))
          p.raw.push(await (await firefoxRawProbe(session, sandbox)).sample());
      } finally {
        await session.close();
      }
    }
  }
  const load = { before, after: loadavg() };
  const out: Figures = {};
  for (const c of names)
    Object.assign(out, figures(c, pairs[c] as Pairs, load, { order: 'trigger, then raw' }));
  log(
    `  fresh browser: trigger p95 known ${p95((pairs.FreshKnown as Pairs).trigger)}, new ${p95((pairs.FreshNew as Pairs).trigger)}`,
  );
  return out;
}
