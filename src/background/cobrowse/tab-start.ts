// Starting on a tab: the page's hints read by the overlay's content script, the warm path on the
// service's cached list, and the start shown (or refused) in the tab's overlay.
import { type DetectContext, type Detection, detect } from '../../shared/detect';
import { toSessionError } from '../../shared/errors';
import type { OverlayView, StartOptions } from '../../shared/protocol';
import type { Origin, SessionError, SessionSnapshot } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import type { OverlayBridge } from '../overlay';
import { choose } from './choose';
import type { CobrowseService } from './service';

export interface TabStartDeps {
  service: CobrowseService;
  overlay: OverlayBridge;
  settings: () => Promise<Settings>;
  now: () => number;
  log: (message: string) => void;
}

export type TabStart = ReturnType<typeof createTabStart>;

export function createTabStart(deps: TabStartDeps) {
  const { service, overlay, log } = deps;

  const errorView = (error: SessionError, conversationId?: string): OverlayView =>
    conversationId
      ? { kind: 'error', error, conversationId, at: deps.now() }
      : { kind: 'error', error, at: deps.now() };

  async function detectOn(
    tabId: number,
    url: string | undefined,
    context?: DetectContext,
    settings: Promise<Settings> = deps.settings(),
  ) {
    const { detectionRules } = await settings;
    // The rules' regexes run in the page (over its URL and the context too), never here.
    const page = await overlay.collect(tabId, detectionRules, context);
    return detect({ url, page, context });
  }

  /**
   * The warm path: the conversation to start when the service's known list (no request; kept
   * current by push, or restored from an earlier worker however old) already makes it a plain
   * start: it confirms the page's id. Confirm and picker are never decided on it: an id that is
   * not in it may have become the agent's since, so those wait for a fresh list.
   */
  async function startFromCache(detection: Detection): Promise<string | undefined> {
    const known = await service.knownConversations(detection.ids.map((r) => r.id));
    const choice = known ? choose(detection, known.list) : undefined;
    return choice?.kind === 'start' ? choice.conversationId : undefined;
  }

  /**
   * Keeps the known list current after a start went ahead on it: read once the POST has been
   * answered, so it never delays the POST nor shares its round trip.
   */
  function refreshList(detection: Detection) {
    service
      .idle()
      .then(() => service.conversations(detection.ids.map((r) => r.id)))
      .catch((err) => {
        log(`conversation list not refreshed: ${String(err)}`);
      });
  }

  /** Whether the overlay is on the tab (awaited only once there is something to show). */
  function injectOn(tabId: number): Promise<boolean> {
    return overlay.ensure(tabId).then(
      () => true,
      (err) => {
        // A page that cannot host the overlay only loses it; the popup shows the session.
        log(`no overlay on tab ${tabId}: ${String(err)}`);
        return false;
      },
    );
  }

  /**
   * Start and show the session on the tab; a refusal is shown there too (and rethrown). The
   * start does not wait for the overlay: `onPage` may still be injecting while the POST is in
   * flight, and the tab then shows the session as it is by then.
   */
  async function startOnTab(
    tabId: number,
    conversationId: string,
    origin: Origin,
    options: StartOptions,
    onPage: Promise<boolean> = Promise.resolve(true),
  ): Promise<SessionSnapshot> {
    const id = conversationId.toLowerCase();
    try {
      const started = await service.startCobrowse(id, origin, options);
      if (await onPage) {
        await overlay.show(
          tabId,
          { kind: 'session', snapshot: service.get(id) ?? started },
          { origin, conversationId: id, allowed: [id] },
        );
      }
      return service.get(id) ?? started;
    } catch (err) {
      if (await onPage) {
        await overlay.show(tabId, errorView(toSessionError(err), id), { origin, allowed: [id] });
      }
      throw err;
    }
  }

  return { errorView, detectOn, startFromCache, refreshList, injectOn, startOnTab };
}
