// The triggers: the right-click menu and the keyboard command (the toolbar button is the popup),
// and the overlay's prompts. All of them end in the service's one start path. The flow on a tab:
// inject the content script → the page's hints (the right-clicked link or selection first) →
// the agent's conversations, ranked → start exactly one match, confirm an id that is not the
// agent's, or let the agent pick. Whatever happens is shown in the overlay on that tab.

import { type DetectContext, detect } from '../../shared/detect';
import { toSessionError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type {
  ConversationList,
  OverlayAction,
  StartOptions,
  StartRequest,
} from '../../shared/protocol';
import type { Origin, SessionSnapshot } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import type { OverlayBridge } from '../overlay';
import type { TabState } from '../overlay-store';
import { choose } from './choose';
import { handleOverlayAction } from './overlay-actions';
import type { CobrowseService } from './service';
import { createTabStart } from './tab-start';

export const MENU_ID = 'start-cobrowse';
export const COMMAND_START = 'start-cobrowse';

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
  /** The popup's list: the tab's hints (when it can be read) ranked against the agent's list,
   *  and the session the tab's panel shows. */
  conversations(tabId?: number): Promise<ConversationList>;
  /** What the agent clicked in a tab's overlay (already checked by the bridge). */
  onOverlayAction(tabId: number, state: TabState, action: OverlayAction): Promise<void>;
}

export function createTriggers(deps: TriggerDeps): Triggers {
  const { service, overlay } = deps;
  const log = deps.log ?? (() => undefined);
  const { errorView, detectOn, startFromCache, refreshList, injectOn, startOnTab } = createTabStart(
    { ...deps, log },
  );

  async function run(tab: TabLike, origin: Origin, context?: DetectContext): Promise<void> {
    const tabId = tab.id;
    if (typeof tabId !== 'number') return;
    // The link or selection the agent pointed at decides alone (see choose()): when the cached
    // list says it is theirs, start before the page is touched and inject meanwhile.
    const fromContext = context ? detect({ context }) : undefined;
    const pointed = fromContext && (await startFromCache(fromContext));
    if (fromContext && pointed) {
      const onPage = injectOn(tabId);
      await startOnTab(tabId, pointed, origin, {}, onPage).catch(() => undefined);
      refreshList(fromContext);
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
      const warm = await startFromCache(detection);
      if (warm) {
        // No list read before the POST: the refresh follows it (see refreshList).
        await startOnTab(tabId, warm, origin, {}).catch(() => undefined);
        refreshList(detection);
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

  return {
    async createMenu(menus) {
      await menus.removeAll();
      menus.create({
        id: MENU_ID,
        title: t('popup_start'),
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
    conversations: (tabId) => tabConversations({ ...deps, log, detectOn }, tabId),
    onOverlayAction: (tabId, state, action) =>
      handleOverlayAction(
        { service, overlay, tabUrl: deps.tabUrl, run, startOnTab, errorView },
        tabId,
        state,
        action,
      ),
  };
}

/** The popup's list for a tab: its page's hints ranked against the agent's conversations, and
 *  the session its panel shows (so the popup follows that tab). */
async function tabConversations(
  deps: Pick<TriggerDeps, 'service' | 'overlay' | 'tabUrl'> & {
    log: (message: string) => void;
    detectOn: ReturnType<typeof createTabStart>['detectOn'];
  },
  tabId: number | undefined,
): Promise<ConversationList> {
  const { service, overlay, log } = deps;
  if (typeof tabId !== 'number') return service.conversations([]);
  let ids: string[] = [];
  try {
    await overlay.ensure(tabId);
    ids = (await deps.detectOn(tabId, await deps.tabUrl(tabId))).ids.map((r) => r.id);
  } catch (err) {
    log(`no page hints from tab ${tabId}: ${String(err)}`);
  }
  const [list, tabSession] = await Promise.all([
    service.conversations(ids),
    overlay.sessionOn(tabId).catch(() => undefined),
  ]);
  return tabSession ? { ...list, tabSession } : list;
}
