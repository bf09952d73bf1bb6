// Reading a cobrowse session as the agent sees it: the on-page panel (a dialog named "Cobrowse"
// in the panel frame, an extension page inside a closed shadow root: Playwright reaches it
// through page.frames(), as selectors cannot enter a closed root) and the popup's live session
// (the same SessionView). Controls are found by role and accessible name; the two values an agent
// reads out — join code and session id — are read from the field their visible label names
// (the join code's digits without the gaps drawn between its groups; the session id whether or
// not the Details disclosure holding it is open). The timeline is read with Details opened.
import type { Frame, Locator, Page } from 'playwright-core';
import type { ExtensionSession } from './browser';
import { waitFor } from './wait';

export interface SessionPanel {
  /** The dialog (overlay) or region (popup) holding the session. */
  readonly root: Locator;
  /** The value shown under the "Join code" label. */
  joinCode(): Promise<string>;
  /** The value under the "Session ID" label (inside Details, open or not). */
  sessionId(): Promise<string>;
  /** The session's status line (the one sentence saying where the session is). */
  status(): Promise<string>;
  /** The timeline's steps, in order, without their times (opens Details if closed). */
  timeline(): Promise<string[]>;
  /** Opens the Details disclosure (session id and timeline) if it is closed. */
  openDetails(): Promise<void>;
  button(name: string): Locator;
}

function panel(root: Locator, frame: Frame, session: ExtensionSession): SessionPanel {
  // A field is the label and its value side by side; the value is the field's only code text.
  const field = (labelKey: string) =>
    root
      .locator('.field')
      .filter({ has: frame.getByText(session.message(labelKey), { exact: true }) })
      .locator('.code, .sid');
  const details = (expanded?: boolean) =>
    root.getByRole('button', { name: session.message('ov_details'), exact: true, expanded });
  const openDetails = async () => {
    if ((await details().getAttribute('aria-expanded', { timeout: 20_000 })) === 'true') return;
    await details(false).click();
    await details(true).waitFor({ timeout: 20_000 });
  };
  return {
    root,
    openDetails,
    joinCode: async () => (await field('ov_join_code').textContent({ timeout: 20_000 })) ?? '',
    sessionId: async () => (await field('ov_session_id').textContent({ timeout: 20_000 })) ?? '',
    status: async () => (await root.locator('p.status').textContent()) ?? '',
    timeline: async () => {
      await openDetails();
      // evaluateAll does not wait: the panel's root is found only while it takes clicks, which
      // it does not for a moment after a state change resizes it, and then it finds no item. A
      // session's timeline always holds its request, so an empty read is read again.
      const list = root.getByRole('list', { name: session.message('ov_timeline') });
      const read = async () => {
        await list.waitFor({ timeout: 20_000 });
        const steps = await list.getByRole('listitem').evaluateAll((items) =>
          items.map((item) => {
            const time = item.querySelector('time')?.textContent ?? '';
            return (item.textContent ?? '').slice(time.length).trim();
          }),
        );
        return steps.length > 0 ? steps : undefined;
      };
      return waitFor(read, { timeout: 20_000, message: 'the timeline to be read' });
    },
    button: (name) => root.getByRole('button', { name, exact: true }),
  };
}

/** The panel frame on a page (the extension's panel page), once the content script made it. */
export function panelFrame(page: Page): Frame | undefined {
  return page
    .frames()
    .find(
      (f) => f !== page.mainFrame() && /^chrome-extension:\/\/[^/]+\/src\/panel\//.test(f.url()),
    );
}

/** Waits for the panel frame on a page. */
export function waitForPanelFrame(page: Page, timeout = 20_000): Promise<Frame> {
  return waitFor(async () => panelFrame(page), {
    timeout,
    message: 'the panel frame never appeared on the page',
  });
}

/**
 * The panel on a page: the non-modal dialog named "Cobrowse" in the panel frame, found only
 * while the panel takes clicks (`data-ready` on its <html>: visible and settled, see
 * src/panel/guard.ts), as an agent's click would only count then.
 */
export async function overlayOn(page: Page, session: ExtensionSession): Promise<SessionPanel> {
  const frame = await waitForPanelFrame(page);
  const root = frame
    .locator('html[data-ready]')
    .getByRole('dialog', { name: session.message('ov_dialog_name') });
  return panel(root, frame, session);
}

/** The popup's live session: the region under the "Cobrowse session" heading. */
export function popupSession(popup: Page, session: ExtensionSession): SessionPanel {
  return panel(
    popup.getByRole('region', { name: session.message('popup_session_heading') }),
    popup.mainFrame(),
    session,
  );
}
