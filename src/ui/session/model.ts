// The session UI's view-model: the views the background asks the panel (and popup) to show are
// protocol shapes (src/shared/protocol/panel.ts); the intents the components send back are
// these callbacks. Components render the view's props only; the panel's glue turns views into
// renders and OverlayActions into messages.
import type { OfflineChoice, StartOptions } from '../../shared/protocol';

export type { OverlayView, StartOptions } from '../../shared/protocol';

export interface OverlayActions {
  start(conversationId: string, options: StartOptions): void;
  /** Cancel the session (waiting, creating, offered or active). */
  end(): void;
  /** The agent's answer while a `waiting` session asks about the offline customer
   *  (snapshot.prompt === 'customer-offline'), or "Send anyway" while armed to wait. */
  answerOffline(choice: OfflineChoice): void;
  /** A new offer after decline or expiry. */
  offerAgain(): void;
  /** Only offered once the customer accepted. */
  openViewer(): void;
  retry(): void;
  /** The overlay was hidden (Close, Esc, or Cancel on a prompt); a session goes on. */
  close(): void;
}
