// The overlay's view-model: what the background asks the on-page overlay to show, and the
// intents the overlay sends back. Components render these props only; the content-script
// glue (owned elsewhere) turns pushes into an OverlayView and OverlayActions into messages.
import type { ConversationSummary } from '../../shared/messages';
import type { SessionError, SessionSnapshot } from '../../shared/session';

export type OverlayView =
  /** A session in any state; `snapshot.error` is shown when it failed. */
  | { kind: 'session'; snapshot: SessionSnapshot }
  /** The page shows no or several conversation ids: the agent picks one of theirs. */
  | { kind: 'picker'; conversations: ConversationSummary[] }
  /** The id under the cursor is not one of the agent's active conversations. */
  | { kind: 'confirm'; conversationId: string }
  /**
   * Web messaging, and the customer's Messenger is offline, asked before any session exists.
   * (The state machine asks inside a `waiting` session instead: see `answerOffline`.)
   */
  | { kind: 'offline'; conversationId: string; customerName?: string }
  /** A failure before any session existed (sign-in, permission, network...). */
  | {
      kind: 'error';
      error: SessionError;
      conversationId?: string;
      /** epoch ms when it happened; the retry countdown runs from here (default: first shown). */
      at?: number;
    };

export interface StartOptions {
  /** The agent confirmed an id that is not one of their active conversations. */
  confirmed?: boolean;
  /** The agent's answer to the customer-offline prompt. */
  whenCustomerOffline?: 'send-when-back' | 'send-anyway';
}

export interface OverlayActions {
  start(conversationId: string, options: StartOptions): void;
  /** Cancel the session (waiting, creating, offered or active). */
  end(): void;
  /** The agent's answer while a `waiting` session asks about the offline customer
   *  (snapshot.prompt === 'customer-offline'), or "Send anyway" while armed to wait. */
  answerOffline(choice: 'send-when-back' | 'send-anyway'): void;
  /** A new offer after decline or expiry. */
  offerAgain(): void;
  /** Only offered once the customer accepted. */
  openViewer(): void;
  retry(): void;
  /** The overlay was hidden (Close, Esc, or Cancel on a prompt); a session goes on. */
  close(): void;
}
