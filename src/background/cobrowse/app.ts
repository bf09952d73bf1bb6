// Puts the cobrowse parts together on top of the core (auth, API client, router, views): the
// service with its store, timers and rights cache; the event stream that feeds it; the overlay
// bridge; the triggers; the badge; and the handlers of the cobrowse and history requests.
// index.ts registers those and the browser listeners that call into what this returns.

import browser from 'webextension-polyfill';
import { BUILD_BROWSER } from '../../shared/build-browser';
import { maskSecrets } from '../../shared/redact';
import { endpoints, knownRegions, type Settings } from '../../shared/settings';
import type { Alerts } from '../alerts';
import { createBrowserAlerts } from '../alerts/browser';
import { switchedUser, userOfToken } from '../auth';
import { createAutoCopy } from '../auto-copy';
import { createBadge } from '../badge';
import { TEST_TIMINGS } from '../build-timings';
import type { Core } from '../core';
import type { Conversation } from '../genesys';
import { createHistory, type HistoryRequest, historyHandlers } from '../history';
import type { ChannelInfo } from '../notifications/channel';
import { socketAddressProblem } from '../notifications/socket-address';
import { createEventStream, type SocketConstructor } from '../notifications/stream';
import { createOffscreenClipboard } from '../offscreen-clipboard';
import { createOverlayBridge, type OverlayBridge } from '../overlay';
import type { Handlers } from '../router';
import { createWarmStore, type WarmStore } from '../warm-state';
import type { StoredList } from './conversation-cache';
import { endGuestSession, guestSessionGone } from './end';
import { type CobrowseRequest, cobrowseHandlers } from './handlers';
import type { Rights } from './rights';
import { createRightsCache, type RightsCache } from './rights';
import { type CobrowseService, createCobrowseService } from './service';
import { createSessionFor } from './start-request';
import { createSessionStore } from './store';
import { createKeyedTimers } from './timers';
import { createTriggers, type Triggers } from './triggers';

export interface CobrowseApp {
  service: CobrowseService;
  overlay: OverlayBridge;
  triggers: Triggers;
  /** Desktop notifications, the tone and the panel's return (index.ts routes the clicks here). */
  alerts: Alerts;
  /** The settings changed (storage.sync or a policy): the badge follows its switch. */
  settingsChanged(): void;
  /** The cobrowse and history requests' handlers. */
  handlers: Handlers<CobrowseRequest | HistoryRequest>;
  /**
   * Another user signed in: forget cached rights, the conversation list and starts waiting for a
   * sign-in, and re-subscribe the notification stream for the new user.
   */
  accountChanged(): void;
  /**
   * The stored token changed (storage.session's TOKEN_KEY; index.ts's listener calls this):
   * accountChanged() on a switch of user, then resumes starts that waited for a sign-in.
   */
  tokenChanged(change: { oldValue?: unknown; newValue?: unknown }): void;
}

/** Diagnostics: an error's text may quote a URL or a server, so tokens are masked first. */
const log = (message: string) => console.warn(`[cobrowse] ${maskSecrets(message)}`);

/**
 * How long the create POST may take before it counts as a timeout (then reconciled, never
 * resent blindly). The test build injects a shorter one so the end-to-end suite can prove that path.
 */
export const POST_TIMEOUT_MS = TEST_TIMINGS?.postTimeoutMs ?? 30_000;

/** A usable token was stored (a sign-in or a successful renewal), not a cleared or dead one. */
export function tokenArrived(change: { newValue?: unknown }, now: number): boolean {
  const next = change.newValue as { accessToken?: unknown; expiresAt?: unknown } | undefined;
  return (
    typeof next?.accessToken === 'string' &&
    typeof next.expiresAt === 'number' &&
    next.expiresAt > now
  );
}

/** The service on the worker's parts: storage.session, the API client, the sign-in, tabs. */
function createService(
  core: Core,
  settings: () => Promise<Settings>,
  rights: RightsCache,
  warm: WarmStore,
  now: () => number,
): CobrowseService {
  // The guest routes live on the environment's API host.
  const guestUrl = async (path: string) =>
    `${endpoints((await settings()).environment).api}${path}`;
  return createCobrowseService({
    api: core.api,
    store: createSessionStore(browser.storage.session),
    timers: createKeyedTimers(now),
    rights,
    now,
    settings,
    restoreList: async () => (await warm.load()).list as StoredList | undefined,
    persistList: (list) => warm.save('list', list),
    createSession: async (snapshot) => {
      const current = await settings();
      const start = createSessionFor(
        { ...current, profile: snapshot.profile },
        {
          api: core.api,
          getToken: () => core.auth.getToken(),
          renewToken: (stale) => core.auth.renewAfterUnauthorized(stale),
        },
      );
      return start(snapshot.conversationId, { timeoutMs: POST_TIMEOUT_MS });
    },
    signIn: () => core.auth.signIn(),
    endRemote: async (path) =>
      endGuestSession((input, init) => globalThis.fetch(input, init), await guestUrl(path)),
    guestGone: async (path) =>
      guestSessionGone((input, init) => globalThis.fetch(input, init), await guestUrl(path)),
    voiceCheckMs: TEST_TIMINGS?.voiceCheckMs,
    openTab: async (url) => {
      await browser.tabs.create({ url });
    },
    appsBase: async () => endpoints((await settings()).environment).apps,
    uiLanguage: () => browser.i18n.getUILanguage(),
    learn: (fact) => core.learned.note(fact),
    log,
  });
}

/** The auto-copy on the worker's parts: the offscreen document, the browser's language. */
function autoCopyFor(
  service: CobrowseService,
  settings: () => Promise<Settings>,
  now: () => number,
) {
  return createAutoCopy({
    settings,
    // chrome.*: webextension-polyfill neither wraps nor types the offscreen API. Firefox has
    // none: its background is an event page with a document of its own, which copies itself.
    // Chosen by the build, so Chrome's worker carries neither the import nor Vite's preloader.
    write:
      BUILD_BROWSER === 'chrome'
        ? createOffscreenClipboard({
            offscreen: chrome.offscreen,
            sendMessage: (message) => browser.runtime.sendMessage(message),
            log,
          })
        : async (text: string) =>
            (await import('../../shared/clipboard')).writeClipboard(document, text),
    record: (conversationId, outcome) => service.recordAutoCopy(conversationId, outcome),
    defaultTemplate: () => browser.i18n.getMessage('invitation_default'),
    now,
    log,
  });
}

/** The notification stream of the agent's live sessions, feeding the service. */
function createStream(
  core: Core,
  settings: () => Promise<Settings>,
  rights: RightsCache,
  warm: WarmStore,
  service: CobrowseService,
) {
  return createEventStream({
    api: core.api,
    userId: async () => (await rights.get()).userId,
    channels: {
      load: async () => (await warm.load()).channel as ChannelInfo | undefined,
      save: (channel) => warm.save('channel', channel),
    },
    onConversation: (body) => {
      service
        .conversationChanged(body as unknown as Conversation)
        .catch((err) => log(`pushed conversation not applied: ${String(err)}`));
    },
    WebSocket: globalThis.WebSocket as unknown as SocketConstructor,
    socketAddressProblem: async (connectUri) =>
      socketAddressProblem(
        connectUri,
        endpoints((await settings()).environment).api,
        knownRegions(),
      ),
    ...TEST_TIMINGS?.stream,
    onUpdate: (update) => {
      service.apply(update).catch((err) => log(`update not applied: ${String(err)}`));
    },
    log,
  });
}

/** The toolbar badge, on or off as its setting says (read again on every settings change). */
function createSettingsBadge(settings: () => Promise<Settings>, now: () => number) {
  const badge = createBadge({
    action: browser.action,
    now,
    defaultTitle: () => browser.i18n.getMessage('action_title'),
  });
  const settingsChanged = () => {
    settings()
      .then((s) => badge.setEnabled(s.badge))
      .catch((err: unknown) => log(`badge setting not read: ${String(err)}`));
  };
  settingsChanged();
  return { badge, settingsChanged };
}

/** What an earlier worker kept for the start (rights, list, channel), read now in one call. */
function createWarmRights(core: Core, now: () => number) {
  const warm = createWarmStore({ storage: browser.storage.session, log });
  const warmed = warm.load();
  const rights = createRightsCache({
    api: core.api,
    now,
    log,
    restore: async () => (await warmed).rights as Rights | undefined,
    persist: (r) => warm.save('rights', r),
  });
  return { warm, warmed, rights };
}

/**
 * The account's changes, from storage.session's token: another user drops everything kept for
 * the previous one (rights, list, the stored start data, the channel on their topic); a sign-out
 * drops the rights and the stored data and lets the held channel go; a usable token holds it.
 */
function accountWatch(deps: {
  rights: RightsCache;
  service: CobrowseService;
  warm: WarmStore;
  stream: ReturnType<typeof createStream>;
  now: () => number;
}): Pick<CobrowseApp, 'accountChanged' | 'tokenChanged'> {
  const { rights, service, warm, stream } = deps;
  const forgetKept = () =>
    warm.clear().catch((err) => log(`stored start data not cleared: ${String(err)}`));
  // The user the last stored token belonged to (see switchedUser).
  let lastUser: string | undefined;
  const accountChanged = () => {
    rights.clear();
    service.accountChanged();
    forgetKept();
    // The channel is subscribed to the previous user's topic: a new one is made for the
    // sessions still live (connect() reads the user afresh from the cleared rights).
    stream.stop();
    const live = service.live();
    if (live.length > 0) stream.ensure(live);
    stream.watch(true);
  };
  return {
    accountChanged,
    tokenChanged(change) {
      if (switchedUser(lastUser, change)) {
        log('another user signed in: cached account data dropped, notifications re-subscribed');
        accountChanged();
      } else if (!change.newValue) {
        // Signed out or the session ended: scopes are read again at sign-in; the channel is let
        // go with the last live session.
        rights.clear();
        forgetKept();
        stream.watch(false);
      }
      if (change.newValue) lastUser = userOfToken(change.newValue);
      else lastUser ??= userOfToken(change.oldValue);
      // A start that stopped at "Sign in" resumes once a usable token is stored (after the
      // switch above dropped the previous user's waiting starts).
      if (!tokenArrived(change, deps.now())) return;
      stream.watch(true);
      service.signedIn().catch((err) => log(`resume after sign-in: ${String(err)}`));
    },
  };
}

export function createCobrowseApp(core: Core, contentFile: string): CobrowseApp {
  const now = () => Date.now();
  const settings = async () => (await core.settings.load()).settings;
  const { warm, warmed, rights } = createWarmRights(core, now);
  const { badge, settingsChanged } = createSettingsBadge(settings, now);

  const history = createHistory({ storage: browser.storage.local });
  const service = createService(core, settings, rights, warm, now);

  const stream = createStream(core, settings, rights, warm, service);
  // Signed in: the channel is held for the user's conversation topic, sessions or not.
  warmed.then((w) => w.user !== undefined && stream.watch(true)).catch(() => undefined);

  const overlay = createOverlayBridge({
    extensionId: () => browser.runtime.id,
    inject: (tabId) => browser.scripting.executeScript({ target: { tabId }, files: [contentFile] }),
    storage: browser.storage.session,
    places: browser.storage.local,
    session: (id) => service.get(id),
    // The bridge and the triggers need each other (the panel's prompts start sessions, starts
    // show in the panel): an action arrives only once both exist.
    onAction: (tabId, state, action) => {
      triggers.onOverlayAction(tabId, state, action).catch((err) => log(String(err)));
    },
    log,
  });

  const triggers = createTriggers({
    service,
    overlay,
    settings,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    now,
    log,
  });

  const alerts = createBrowserAlerts({
    overlay,
    settings,
    openViewer: (id) => service.openViewer(id),
    log,
  });

  // Subscribed before the stored sessions load (ready awaits storage), so none is missed.
  const autoCopy = autoCopyFor(service, settings, now);
  service.subscribe({ snapshot: autoCopy.onSnapshot, removed: autoCopy.forget });
  service.subscribe({
    snapshot: (snapshot, previous) => {
      // Recorded before the broadcast: a History view re-reading on the push sees this change.
      history.record(snapshot).catch((err: unknown) => log(`history not recorded: ${String(err)}`));
      core.views.broadcast({ type: 'snapshot', snapshot });
      overlay.pushSnapshot(snapshot);
      badge.update(service.all());
      alerts.changed(snapshot, previous);
    },
    removed: (conversationId) => {
      core.views.broadcast({ type: 'session-removed', conversationId });
      badge.update(service.all());
    },
    // ensure([]) keeps the channel while it is watched (signed in), else closes it.
    live: (live) => stream.ensure(live),
    resumed: (conversationId) => {
      const snapshot = service.get(conversationId);
      if (snapshot) overlay.adopt(snapshot);
    },
  });

  const handlers = { ...historyHandlers(history), ...cobrowseHandlers({ service, triggers }) };
  // A view that connects gets every session at once, not on the next change.
  core.views.onConnected((port) => {
    service.ready
      .then(() => {
        for (const snapshot of service.all()) port.postMessage({ type: 'snapshot', snapshot });
      })
      .catch(() => undefined);
  });
  service.ready.then(() => badge.update(service.all())).catch(() => undefined);

  const account = accountWatch({ rights, service, warm, stream, now });

  return {
    service,
    overlay,
    triggers,
    alerts,
    settingsChanged,
    handlers,
    ...account,
  };
}
