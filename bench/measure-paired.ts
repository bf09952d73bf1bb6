// Trigger → join code painted, each sample paired with a raw create POST taken right before or
// right after it (alternating), for every case: worker warm, worker stopped (DevTools
// ServiceWorker.stopWorker, what Chrome does after ~30 s idle) and a fresh browser; each for a
// known conversation (seeded, in the agent's list since the worker first read it) and a new one
// (sandbox addConversation right before the sample: it began after the worker last read the
// list). Warm and stopped samples run in one browser, alternating known / new; a fresh-browser
// sample is the first trigger of a newly launched, signed-in browser whose worker was then
// stopped and whose extension pages were closed, followed by its raw POST.
import { loadavg } from 'node:os';
import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from '../tools/browser/browser';
import { SEED } from '../tools/sandbox/index';
import { rawProbe } from './measure-raw';
import type { RemoteSandbox } from './sandbox-process';
import { launchSignedIn } from './setup';
import { summarize } from './stats';
import type { CaseName, FigureId, Load, Measured } from './targets';
import { agentPage } from './trigger';

const KNOWN = SEED.conversations.agent.messagingOnline;
const round = (x: number) => Math.round(x * 10) / 10;

interface Pairs {
  raw: number[];
  trigger: number[];
  /** key → code in the DOM, before paint (for comparison with the painted figure) */
  dom: number[];
  /** samples whose worker DevTools did not report stopped at the key press (cold cases) */
  notStopped: number;
}

const emptyPairs = (): Pairs => ({ raw: [], trigger: [], dom: [], notStopped: 0 });

async function conversationFor(c: CaseName, sandbox: RemoteSandbox): Promise<string> {
  return c.endsWith('New') ? (await sandbox.addConversation({ media: 'message' })).id : KNOWN;
}

/** The worker's running status as DevTools reports it, from an extension page's CDP session. */
async function watchWorker(cdp: CDPSession, origin: string) {
  let status = 'unknown';
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(origin)) status = v.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  return () => status;
}

function figures(
  c: CaseName,
  p: Pairs,
  load: Load,
  note: object,
): Partial<Record<FigureId, Measured>> {
  if (p.trigger.length === 0) return {};
  return {
    [`raw${c}`]: { summary: summarize(p.raw), load, detail: { samples: p.raw.map(round) } },
    [`trigger${c}`]: {
      summary: summarize(p.trigger),
      load,
      detail: {
        samples: p.trigger.map(round),
        domSummary: summarize(p.dom),
        workerNotStoppedAtKey: p.notStopped,
        ...note,
      },
    },
  };
}

/** Warm and worker-stopped cases in the bench's browser: `samples` pairs per case. */
export async function measureWarmCold(
  session: ExtensionSession,
  sandbox: RemoteSandbox,
  samples: number,
  log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  const probe = await rawProbe(session, sandbox);
  const isWorker = await watchWorker(
    await session.context.newCDPSession(probe.page),
    session.origin,
  );
  const agent = await agentPage(session, sandbox);
  const note = { keys: agent.chord, assignedByBench: agent.assignedByBench };
  const out: Partial<Record<FigureId, Measured>> = {};
  try {
    // One untimed start first: it signs the socket up and fills what a warm worker holds.
    await agent.open(KNOWN);
    await agent.end((await agent.trigger(KNOWN)).sessionId);
    for (const stopped of [false, true]) {
      const names: CaseName[] = stopped ? ['ColdKnown', 'ColdNew'] : ['WarmKnown', 'WarmNew'];
      const pairs = { [names[0] as string]: emptyPairs(), [names[1] as string]: emptyPairs() };
      const before = loadavg();
      for (let i = 0; i < samples; i++) {
        for (const c of i % 2 === 0 ? names : [...names].reverse()) {
          const p = pairs[c] as Pairs;
          const id = await conversationFor(c, sandbox);
          await agent.open(id);
          const rawFirst = i % 2 === 0;
          if (rawFirst) p.raw.push(await probe.sample());
          if (stopped) {
            await session.stopWorker();
            if (isWorker() !== 'stopped') p.notStopped++;
          }
          const t = await agent.trigger(id);
          p.trigger.push(t.ms);
          p.dom.push(t.domMs);
          if (!rawFirst) p.raw.push(await probe.sample());
          await agent.end(t.sessionId);
        }
      }
      const load = { before, after: loadavg() };
      for (const c of names) Object.assign(out, figures(c, pairs[c] as Pairs, load, note));
      log(
        `  ${names.join(', ')}: ${names.map((c) => `raw p95 ${summarize((pairs[c] as Pairs).raw).p95} / trigger p95 ${summarize((pairs[c] as Pairs).trigger).p95}`).join('; ')}`,
      );
    }
  } finally {
    await agent.close();
    await probe.close();
  }
  return out;
}

/** One fresh, signed-in browser per sample; its first trigger, then its raw POST. */
export async function measureFresh(
  sandbox: RemoteSandbox,
  samples: number,
  log: (line: string) => void,
): Promise<Partial<Record<FigureId, Measured>>> {
  const names: CaseName[] = ['FreshKnown', 'FreshNew'];
  const pairs = { FreshKnown: emptyPairs(), FreshNew: emptyPairs() };
  const before = loadavg();
  for (let i = 0; i < samples; i++) {
    for (const c of names) {
      const session = await launchSignedIn(sandbox.url);
      try {
        const agent = await agentPage(session, sandbox);
        const id = await conversationFor(c, sandbox);
        await agent.open(id);
        await session.stopWorker();
        // No extension page left open: nothing of the extension runs until the key press.
        for (const page of session.context.pages())
          if (page.url().startsWith(session.origin)) await page.close();
        const t = await agent.trigger(id);
        pairs[c as 'FreshKnown'].trigger.push(t.ms);
        pairs[c as 'FreshKnown'].dom.push(t.domMs);
        await agent.end(t.sessionId);
        const probe = await rawProbe(session, sandbox);
        pairs[c as 'FreshKnown'].raw.push(await probe.sample());
      } finally {
        await session.close();
      }
    }
  }
  const load = { before, after: loadavg() };
  const out: Partial<Record<FigureId, Measured>> = {};
  for (const c of names)
    Object.assign(out, figures(c, pairs[c as 'FreshKnown'], load, { order: 'trigger, then raw' }));
  log(
    `  fresh browser: trigger p95 known ${summarize(pairs.FreshKnown.trigger).p95}, new ${summarize(pairs.FreshNew.trigger).p95}`,
  );
  return out;
}
