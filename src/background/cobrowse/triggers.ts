// The triggers: the right-click menu and the keyboard command (the toolbar button is the popup),
// and the overlay's prompts. All of them end in the service's one start path. The flow on a tab:
// inject the content script → the page's hints (the right-clicked link or selection first) →
// the agent's conversations, ranked → start exactly one match, confirm an id that is not the
// agent's, or let the agent pick. Whatever happens is shown in the overlay on that tab.

import { type DetectContext, type Detection, detect } from '../../shared/detect';
import { RANK } from '../../shared/detect/rank';
import { toSessionError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type {
  ConversationList,
  OverlayAction,
  OverlayView,
  StartOptions,
  StartRequest,
} from '../../shared/protocol';
import type { Origin, SessionError, SessionSnapshot } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import type { OverlayBridge } from '../overlay';
import type { TabState } from '../overlay-store';
import type { CobrowseService } from './service';

export const MENU_ID = 'start-cobrowse';
export const COMMAND_START = 'start-cobrowse';

/** What a trigger does once it knows the page's ids and the agent's conversations. */
export type Choice =
  | { kind: 'start'; conversationId: string }
  | { kind: 'confirm'; conversationId: string }
  | { kind: 'picker' };

/**
 * The decision, pure. The id the agent pointed at (link, selection) decides alone: one of
 * theirs → start, else confirm. Without one: exactly one of the page's ids is the agent's →
 * start; the page names exactly one explicit id and it is not theirs → confirm; else pick.
 */
export function choose(detection: Detection, list: ConversationList): Choice {
  const mine = new Set(list.conversations.map((c) => c.id.toLowerCase()));
  const pointed = detection.ids.find((r) => r.rank === RANK.context);
  if (pointed) {
    return mine.has(pointed.id)
      ? { kind: 'start', conversationId: pointed.id }
      : { kind: 'confirm', conversationId: pointed.id };
  }
  const matches = detection.ids.filter((r) => mine.has(r.id));
  if (matches.length === 1)
    return { kind: 'start', conversationId: (matches[0] as { id: string }).id };
  if (matches.length > 1) return { kind: 'picker' };
  // Only an id the page states on purpose (URL, named attribute, label, rule) is worth asking
  // about; a stray UUID in text is not a conversation the agent meant.
  const explicit = detection.ids.filter((r) => r.rank <= RANK.url);
  if (explicit.length === 1) {
    return { kind: 'confirm', conversationId: (explicit[0] as { id: string }).id };
  }
  return { kind: 'picker' };
}

/** The parts of browser.* the triggers use. */
export interface TabLike {
  id?: number;
  url?: string;
}
export interface MenuClickInfo {
  menuItemId: string | number;
  linkUrl?: string;
  selectionText?: string;
}
export interface ContextMenusLike {
  create(props: { id: string; title: string; contexts: ['page', 'link', 'selection'] }): unknown;
  removeAll(): Promise<void> | void;
}

export interface TriggerDeps {
  service: CobrowseService;
  overlay: OverlayBridge;
  settings: () => Promise<Settings>;
  /** The tab's URL (the popup passes only a tab id). */
  tabUrl: (tabId: number) => Promise<string | undefined>;
  now: () => number;
  log?: (message: string) => void;
}

export interface Triggers {
  /** runtime.onInstalled: (re)create the right-click item. */
  createMenu(menus: ContextMenusLike): Promise<void>;
  onMenuClick(info: MenuClickInfo, tab: TabLike | undefined): Promise<void>;
  onCommand(command: string, tab: TabLike | undefined): Promise<void>;
  /** The flow on a tab, for the menu and the command. */
  run(tab: TabLike, origin: Origin, context?: DetectContext): Promise<void>;
  /** Start for a tab (or none) and show the session there; the views' cobrowse.start. */
  start(request: StartRequest): Promise<SessionSnapshot>;
  /** The popup's list: the tab's hints (when it can be read) ranked against the agent's list. */
  conversations(tabId?: number): Promise<ConversationList>;
  /** What the agent clicked in a tab's overlay (already checked by the bridge). */
  onOverlayAction(tabId: number, state: TabState, action: OverlayAction): Promise<void>;
}

export function createTriggers(deps: TriggerDeps): Triggers {
  const { service, overlay } = deps;
  const log = deps.log ?? (() => undefined);

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
   * The warm path: the conversation to start when the service's cached list (fresh, no request)
   * already makes it a plain start. Confirm and picker are never decided on the cache: an id
   * that is not in it may have become the agent's since, so those wait for a fresh list.
   */
  function startFromCache(detection: Detection): string | undefined {
    const cached = service.cachedConversations(detection.ids.map((r) => r.id));
    const choice = cached ? choose(detection, cached) : undefined;
    return choice?.kind === 'start' ? choice.conversationId : undefined;
  }

  /** Keeps the cached list current while a start goes ahead on it; never delays the start. */
  function refreshList(detection: Detection) {
    service.conversations(detection.ids.map((r) => r.id)).catch((err) => {
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

  async function run(tab: TabLike, origin: Origin, context?: DetectContext): Promise<void> {
    const tabId = tab.id;
    if (typeof tabId !== 'number') return;
    // The link or selection the agent pointed at decides alone (see choose()): when the cached
    // list says it is theirs, start before the page is touched and inject meanwhile.
    const fromContext = context ? detect({ context }) : undefined;
    const pointed = fromContext && startFromCache(fromContext);
    if (fromContext && pointed) {
      const onPage = injectOn(tabId);
      refreshList(fromContext);
      await startOnTab(tabId, pointed, origin, {}, onPage).catch(() => undefined);
      return;
    }
    const settings = deps.settings(); // read while the script is being injected
    settings.catch(() => undefined);
    try {
      await overlay.ensure(tabId);
    } catch (err) {
      // A page the extension may not script (the Web Store, chrome:// pages): nothing to show.
      log(`overlay not injected in tab ${tabId}: ${String(err)}`);
      return;
    }
    try {
      const detection = await detectOn(tabId, tab.url, context, settings);
      const warm = startFromCache(detection);
      if (warm) {
        // No list read before the POST: the refresh runs alongside it.
        const starting = startOnTab(tabId, warm, origin, {}).catch(() => undefined);
        refreshList(detection);
        await starting;
        return;
      }
      // Cold (or not a plain start): the fresh list decides, and serves the start's lookup.
      const list = await service.conversations(detection.ids.map((r) => r.id));
      const choice = choose(detection, list);
      if (choice.kind === 'start') {
        await startOnTab(tabId, choice.conversationId, origin, {}).catch(() => undefined);
      } else if (choice.kind === 'confirm') {
        await overlay.show(
          tabId,
          { kind: 'confirm', conversationId: choice.conversationId },
          { origin, allowed: [choice.conversationId] },
        );
      } else {
        const able = list.conversations.filter((c) => c.canCobrowse).map((c) => c.id);
        await overlay.show(
          tabId,
          { kind: 'picker', conversations: list.conversations },
          { origin, allowed: able },
        );
      }
    } catch (err) {
      await overlay.show(tabId, errorView(toSessionError(err)), {
        origin,
        allowed: [],
        retryTrigger: true,
      });
    }
  }

  async function onOverlayAction(tabId: number, state: TabState, action: OverlayAction) {
    const id = state.conversationId;
    try {
      switch (action.action) {
        case 'start':
          // A refusal is already shown on the tab by startOnTab.
          await startOnTab(tabId, action.conversationId, state.origin, action.options).catch(
            () => undefined,
          );
          return;
        case 'close':
          return;
        case 'retry': {
          if (state.retryTrigger) {
            await run({ id: tabId, url: await deps.tabUrl(tabId) }, state.origin);
            return;
          }
          const target = id ?? (state.allowed.length === 1 ? state.allowed[0] : undefined);
          if (!target) return;
          const current = service.get(target);
          if (current?.state === 'failed') await service.offerAgain(target, 'retry');
          else await startOnTab(tabId, target, 'retry', {}).catch(() => undefined);
          return;
        }
      }
      if (!id) return; // the remaining actions act on the tab's session
      if (action.action === 'end') await service.end(id);
      else if (action.action === 'offerAgain') await service.offerAgain(id);
      else if (action.action === 'answerOffline') await service.answerOffline(id, action.choice);
      else if (action.action === 'openViewer') await service.openViewer(id);
    } catch (err) {
      // Shown where the agent clicked; a session goes on (its own view returns on the next push).
      await overlay.show(tabId, errorView(toSessionError(err), id), {
        ...state,
        allowed: state.allowed,
      });
    }
  }

  return {
    async createMenu(menus) {
      await menus.removeAll();
      menus.create({
        id: MENU_ID,
        title: t('menu_start'),
        contexts: ['page', 'link', 'selection'],
      });
    },
    async onMenuClick(info, tab) {
      if (info.menuItemId !== MENU_ID || !tab) return;
      const context: DetectContext = {};
      if (info.linkUrl) context.linkUrl = info.linkUrl;
      if (info.selectionText) context.selectionText = info.selectionText;
      await run(tab, 'menu', context);
    },
    async onCommand(command, tab) {
      if (command !== COMMAND_START || !tab) return;
      await run(tab, 'command');
    },
    run,
    async start(request) {
      const options: StartOptions = {};
      if (request.confirmed) options.confirmed = true;
      if (request.whenCustomerOffline) options.whenCustomerOffline = request.whenCustomerOffline;
      const tabId = request.tabId;
      if (typeof tabId !== 'number') {
        return service.startCobrowse(request.conversationId, request.origin, options);
      }
      // Injected while the POST is in flight; a page that cannot host it only loses the overlay.
      return startOnTab(tabId, request.conversationId, request.origin, options, injectOn(tabId));
    },
    async conversations(tabId) {
      let ids: string[] = [];
      if (typeof tabId === 'number') {
        try {
          await overlay.ensure(tabId);
          ids = (await detectOn(tabId, await deps.tabUrl(tabId))).ids.map((r) => r.id);
        } catch (err) {
          log(`no page hints from tab ${tabId}: ${String(err)}`);
        }
      }
      return service.conversations(ids);
    },
    onOverlayAction,
  };
}
