// The Chromium figures that have no Firefox measurement in this bench, each with why. Pure.
import type { FigureId, Measured } from './targets';

export const FIREFOX_NOT_MEASURED: Partial<Record<FigureId, string>> = {
  popupToList:
    'no Firefox counterpart here: the Chromium figure stamps the popup document from a script that runs before it renders (a context init script); over WebDriver BiDi no preload script reaches a moz-extension:// page (checked: it does not reach the panel frame either)',
  gzipWorkerPages:
    'no Firefox counterpart here: the Firefox build has no offscreen document (Firefox has no offscreen API; its event page has a DOM of its own), so the background opens no page by path',
  nothingOnUnactedPages:
    "no Firefox counterpart here: the Chromium check counts the add-on's isolated worlds in a page through the DevTools protocol (Runtime.executionContextCreated); no such probe is wired over WebDriver BiDi",
};

/** The figures above, marked not measured with their reason. */
export function firefoxNotMeasured(): Partial<Record<FigureId, Measured>> {
  return Object.fromEntries(
    Object.entries(FIREFOX_NOT_MEASURED).map(([id, why]) => [id, { notMeasured: why }]),
  );
}
