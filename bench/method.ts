// How each figure is taken, written into results.json beside the figures.
export const METHOD = {
  percentiles: 'nearest rank over the samples (bench/stats.ts): every figure is a real sample',
  clock: 'performance.timeOrigin + performance.now() in page, panel frame and Node',
  stopPoint:
    'trigger → code and accept → panel stop at the first paint after the change: a task posted from the first requestAnimationFrame callback after the MutationObserver saw the code (or "active") in the panel frame, i.e. just after the rendering update that paints it (within 1-3 ms of the paintTime Chromium reports through Element Timing, where it does); the DOM-change time is kept in the detail (domSummary)',
  pairing:
    'every trigger sample is paired with a raw create POST taken right before or right after it (alternating); known and new conversations alternate; each case is judged against its own paired raw p95',
  cases:
    'warm: worker running; stopped: DevTools ServiceWorker.stopWorker right before the key press (the panel of the previous sample is gone), as Chrome does after ~30 s idle; fresh browser: a newly launched, signed-in Chromium whose worker was stopped and extension pages closed, first trigger of its life, then its raw POST. New conversation: created through the sandbox right before the sample (after the worker last read the list); known: seeded',
  rawPost:
    'fetch of the create POST from an extension page as another seeded agent (own token, own conversation), session ended by the sandbox customer control between samples',
  workerStart:
    "no mark in the worker's code: the worker is stopped through DevTools, then an extension page times chrome.runtime.sendMessage('auth.status') until its answer (start + module evaluation + handler); the same message to the running worker is in the detail",
  isolation:
    'the sandbox runs as its own process (tools/sandbox/cli.ts), driven over its HTTP control API; Playwright does not inspect the worker network (PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK)',
  load: 'os.loadavg() when each figure group began and ended (1, 5, 15 min)',
  sizes:
    'zlib gzip level 9 per JS file; an entry counts every file it loads, shared chunks included; the total counts each file once; locale files gzipped each and summed',
  kilobyte: 1024,
};
