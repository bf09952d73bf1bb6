// Reading a cobrowse session as the agent sees it: the on-page overlay (a dialog named "Cobrowse"
// in an open shadow root, which Playwright's locators pierce) and the popup's live session (the
// same SessionView). Controls are found by role and accessible name; the two values an agent
// reads out — join code and session id — are read from the field their visible label names.
import type { Locator, Page } from 'playwright-core';
import type { ExtensionSession } from './browser';

export interface SessionPanel {
  /** The dialog (overlay) or region (popup) holding the session. */
  readonly root: Locator;
  /** The value shown under the "Join code" label. */
  joinCode(): Promise<string>;
  /** The value shown under the "Session ID" label. */
  sessionId(): Promise<string>;
  /** The session's status line (the one sentence saying where the session is). */
  status(): Promise<string>;
  /** The timeline's steps, in order, without their times. */
  timeline(): Promise<string[]>;
  button(name: string): Locator;
}

function panel(root: Locator, session: ExtensionSession): SessionPanel {
  // A field is the label and its value side by side; the value is the field's only code text.
  const field = (labelKey: string) =>
    root
      .locator('.field')
      .filter({ has: root.page().getByText(session.message(labelKey), { exact: true }) })
      .locator('.code, .sid');
  return {
    root,
    joinCode: async () => (await field('ov_join_code').textContent({ timeout: 20_000 })) ?? '',
    sessionId: async () => (await field('ov_session_id').textContent({ timeout: 20_000 })) ?? '',
    status: async () => (await root.locator('p.status').textContent()) ?? '',
    timeline: () =>
      root
        .getByRole('list', { name: session.message('ov_timeline') })
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.map((item) => {
            const time = item.querySelector('time')?.textContent ?? '';
            return (item.textContent ?? '').slice(time.length).trim();
          }),
        ),
    button: (name) => root.getByRole('button', { name, exact: true }),
  };
}

/** The overlay on a page: the non-modal dialog named "Cobrowse". */
export function overlayOn(page: Page, session: ExtensionSession): SessionPanel {
  return panel(page.getByRole('dialog', { name: session.message('ov_dialog_name') }), session);
}

/** The popup's live session: the region under the "Cobrowse session" heading. */
export function popupSession(popup: Page, session: ExtensionSession): SessionPanel {
  return panel(
    popup.getByRole('region', { name: session.message('popup_sessionHeading') }),
    session,
  );
}
