// The alerts' glue: hears every session change from the service (with the snapshot before it),
// asks plan.ts what to do, and does it — a desktop notification (browser.notifications), the
// tone, the closed panel back as the pill. A click on the notification brings the session's tab
// to the front; its Open viewer button opens the viewer through the service's one path.
import type { SessionSnapshot } from '../../shared/session';
import {
  type AlertPlan,
  type AlertSettings,
  alertText,
  conversationOf,
  notificationId,
  planAlert,
} from './plan';

/** The part of browser.notifications the alerts use. */
export interface NotificationsLike {
  create(
    id: string,
    options: {
      type: 'basic';
      iconUrl: string;
      title: string;
      message: string;
      buttons?: { title: string }[];
    },
  ): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export interface AlertsDeps {
  notifications: NotificationsLike;
  settings: () => Promise<AlertSettings>;
  /** The tabs whose panel shows this session (oldest first). */
  sessionTabs: (conversationId: string) => Promise<number[]>;
  /** The active tab of the focused browser window; undefined when no browser window has focus. */
  lookingAt: () => Promise<number | undefined>;
  /** Brings the closed panel back as the pill on the session's tabs. */
  reveal: (conversationId: string) => void;
  focusTab: (tabId: number) => Promise<void>;
  openViewer: (conversationId: string) => Promise<unknown>;
  playTone: () => Promise<unknown>;
  iconUrl: string;
  /** The button's words (the panel's own "Open viewer"). */
  viewerLabel: () => string;
  log: (message: string) => void;
}

export interface Alerts {
  /** The service's snapshot listener. */
  changed(snapshot: SessionSnapshot, previous: SessionSnapshot | undefined): void;
  /** notifications.onClicked: the body was clicked. */
  clicked(notificationId: string): Promise<void>;
  /** notifications.onButtonClicked. */
  buttonClicked(notificationId: string, buttonIndex: number): Promise<void>;
  /** Resolves when every alert started so far is done (tests). */
  idle(): Promise<void>;
}

/** Index of Open viewer among an accepted notification's buttons. */
export const VIEWER_BUTTON = 0;

export function createAlerts(deps: AlertsDeps): Alerts {
  const pending = new Set<Promise<void>>();

  async function looking(conversationId: string): Promise<boolean> {
    const [tabs, active] = await Promise.all([
      deps.sessionTabs(conversationId),
      deps.lookingAt().catch(() => undefined),
    ]);
    return active !== undefined && tabs.includes(active);
  }

  async function notify(snapshot: SessionSnapshot, plan: AlertPlan) {
    if (!plan.kind) return;
    const { viewerButton, ...words } = alertText(plan.kind, snapshot);
    const id = notificationId(snapshot.conversationId);
    const plain = { type: 'basic' as const, iconUrl: deps.iconUrl, ...words };
    if (!viewerButton) {
      await deps.notifications.create(id, plain);
      return;
    }
    const buttons = [{ title: deps.viewerLabel() }];
    // Firefox refuses buttons: the notification then goes without (its click shows the tab,
    // whose panel has Open viewer). Firefox's refusal is thrown at the call (its schema check),
    // not a rejected promise, so the call runs inside an async function to catch both.
    await (async () => deps.notifications.create(id, { ...plain, buttons }))().catch(() =>
      deps.notifications.create(id, plain),
    );
  }

  async function run(snapshot: SessionSnapshot, previous: SessionSnapshot | undefined) {
    const settings = await deps.settings();
    const plan = planAlert(previous, snapshot, settings, await looking(snapshot.conversationId));
    const failed = (err: unknown) => deps.log(`alert not shown: ${String(err)}`);
    const tone = plan.sound ? deps.playTone().catch(failed) : undefined;
    // The panel comes back once the notification exists: one order, whatever the timing.
    if (plan.notify) await notify(snapshot, plan).catch(failed);
    if (plan.reveal) deps.reveal(snapshot.conversationId);
    await tone;
  }

  const track = (p: Promise<void>) => {
    const tracked = p.catch((err) => deps.log(`alert: ${String(err)}`));
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };

  return {
    changed(snapshot, previous) {
      // Nothing to decide without a change of state or presence: most snapshots are neither.
      // A new session is no change.
      if (
        !previous ||
        (previous.state === snapshot.state && previous.customerOnline === snapshot.customerOnline)
      ) {
        return;
      }
      track(run(snapshot, previous));
    },
    async clicked(id) {
      const conversationId = conversationOf(id);
      if (!conversationId) return;
      await deps.notifications.clear(id).catch(() => false);
      const tabs = await deps.sessionTabs(conversationId);
      const tab = tabs.at(-1);
      if (tab !== undefined) await deps.focusTab(tab);
    },
    async buttonClicked(id, buttonIndex) {
      const conversationId = conversationOf(id);
      if (!conversationId || buttonIndex !== VIEWER_BUTTON) return;
      await deps.notifications.clear(id).catch(() => false);
      await deps.openViewer(conversationId);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
