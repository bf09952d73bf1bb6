// What a session's change should tell an agent who may be looking elsewhere, decided from the
// snapshot before and after it (pure: the glue in alerts/index.ts asks the browser where the agent
// is looking and carries the plan out). Four changes are worth a desktop notification — the
// customer accepted, declined, let the offer expire, or came back online while a start waited —
// and the panel on the session's tab comes back (as the pill) on every state change the agent did
// not make themselves.
import { t } from '../../shared/i18n';
import type { SessionSnapshot, SessionState } from '../../shared/session';
import type { Settings } from '../../shared/settings';

export type AlertKind = 'accepted' | 'declined' | 'expired' | 'customer-back';

export type AlertSettings = Pick<Settings, 'notifications' | 'notificationSound' | 'panelReturns'>;

export interface AlertPlan {
  /** The change worth a notification, if any. */
  kind?: AlertKind;
  /** Show a desktop notification for `kind`. */
  notify: boolean;
  /** Play the tone with it. */
  sound: boolean;
  /** Bring the closed panel on the session's tab back as the pill. */
  reveal: boolean;
}

/** States a change into which the agent did not cause (the customer, Genesys or the clock did). */
const NOT_THE_AGENTS: readonly SessionState[] = [
  'offered',
  'active',
  'declined',
  'expired',
  'failed',
];

/** The change from `before` to `after` worth a notification; none for a session first seen. */
export function alertKind(
  before: SessionSnapshot | undefined,
  after: SessionSnapshot,
): AlertKind | undefined {
  if (!before || before.conversationId !== after.conversationId) return undefined;
  if (before.state !== after.state) {
    if (after.state === 'active') return 'accepted';
    if (after.state === 'declined') return 'declined';
    if (after.state === 'expired') return 'expired';
  }
  // The waiting start goes out the moment the Messenger is back (waiting → creating); it waited
  // for a Messenger seen offline or never seen at all.
  if (before.state === 'waiting' && before.customerOnline !== true && after.customerOnline) {
    return 'customer-back';
  }
  return undefined;
}

/**
 * The extension's own refusal of a start, made before any request: the answer to what the agent
 * just did (a trigger, which shows it in full), or following the customer's return (already
 * revealed). Bringing the closed panel back as the pill for it could race the trigger's own show.
 */
const refusedByUs = (s: SessionSnapshot): boolean =>
  s.state === 'failed' && s.error?.code === 'session.already.running';

/** Ended by the customer or with the conversation, not by the agent's End. */
function endedByOthers(s: SessionSnapshot): boolean {
  if (s.state !== 'ended') return false;
  const last = [...s.timeline].reverse().find((step) => step.step === 'ended');
  return last?.detail !== 'agent';
}

/**
 * The plan for one change. `lookingAtSession`: the agent's focused window shows one of the
 * session's tabs. With `notifications: 'elsewhere'` (the default) nothing pops up then: the
 * panel there already shows the change and says it to screen readers, and a notification would
 * only cover the page. Off the tab (another tab, another application) the notification is the
 * one thing that reaches the agent.
 */
export function planAlert(
  before: SessionSnapshot | undefined,
  after: SessionSnapshot,
  settings: AlertSettings,
  lookingAtSession: boolean,
): AlertPlan {
  const kind = alertKind(before, after);
  const notify =
    kind !== undefined &&
    (settings.notifications === 'always' ||
      (settings.notifications === 'elsewhere' && !lookingAtSession));
  const stateChanged = before !== undefined && before.state !== after.state;
  const byOthers =
    (NOT_THE_AGENTS.includes(after.state) && !refusedByUs(after)) || endedByOthers(after);
  const reveal = settings.panelReturns && (kind !== undefined || (stateChanged && byOthers));
  return {
    ...(kind ? { kind } : {}),
    notify,
    sound: notify && settings.notificationSound,
    reveal,
  };
}

export interface AlertText {
  title: string;
  message: string;
  /** Open viewer, once the customer accepted. */
  viewerButton: boolean;
}

// Literal keys so the locale check finds each one.
const TITLES: Record<AlertKind, string> = {
  accepted: 'alert_accepted_title',
  declined: 'alert_declined_title',
  expired: 'alert_expired_title',
  'customer-back': 'alert_customer_back_title',
};
const MESSAGES: Record<AlertKind, string> = {
  accepted: 'alert_accepted_message',
  declined: 'alert_declined_message',
  expired: 'alert_expired_message',
  'customer-back': 'alert_customer_back_message',
};

/** The notification's words: what happened, for which customer, and what to do next. */
export function alertText(kind: AlertKind, s: SessionSnapshot): AlertText {
  const who = s.customerName?.trim() || t('alert_customer_unnamed');
  return {
    title: t(TITLES[kind]),
    message: t(MESSAGES[kind], who),
    viewerButton: kind === 'accepted',
  };
}

/** One notification per conversation: a later change replaces the earlier one. */
const ID_PREFIX = 'cobrowse:';
export const notificationId = (conversationId: string) => `${ID_PREFIX}${conversationId}`;
export const conversationOf = (notificationId: string): string | undefined =>
  notificationId.startsWith(ID_PREFIX) ? notificationId.slice(ID_PREFIX.length) : undefined;
