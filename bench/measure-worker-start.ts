// Worker start-up: from a stopped worker to its first handler having run. The worker's code sets
// no timing mark, so this is measured from outside without changing it: the worker is stopped
// through DevTools (ServiceWorker.stopWorker, as Chrome does after idle), then an extension page
// sends one runtime message ('auth.status') and times until the answer arrives. Chrome must start
// the worker, evaluate its modules (top level: listeners registered) and dispatch the message to
// its handler, which answers. The same message with the worker running is timed right after, so
// the start's own share is the difference (both are in the detail; the judged figure is the cold
// one, the whole "stopped → handler running and answered").
import { loadavg } from 'node:os';
import type { ExtensionSession } from '../tools/browser/browser';
import { summarize } from './stats';
import type { Measured } from './targets';

const round = (x: number) => Math.round(x * 10) / 10;

export async function measureWorkerStart(
  session: ExtensionSession,
  samples: number,
): Promise<Measured> {
  const page = await session.openPage('manifest.json');
  const before = loadavg();
  const cold: number[] = [];
  const warm: number[] = [];
  const timed = () =>
    page.evaluate(async () => {
      const t0 = performance.now();
      const reply = (await chrome.runtime.sendMessage({ type: 'auth.status', payload: {} })) as {
        ok?: boolean;
      };
      if (reply?.ok !== true) throw new Error('auth.status did not answer ok');
      return performance.now() - t0;
    });
  try {
    for (let i = 0; i < samples; i++) {
      await session.stopWorker();
      cold.push(await timed());
      warm.push(await timed());
    }
  } finally {
    await page.close();
  }
  return {
    summary: summarize(cold),
    load: { before, after: loadavg() },
    detail: {
      samples: cold.map(round),
      runningWorkerSameMessage: summarize(warm),
      how: "DevTools ServiceWorker.stopWorker, then chrome.runtime.sendMessage('auth.status') from an extension page until its answer",
    },
  };
}
