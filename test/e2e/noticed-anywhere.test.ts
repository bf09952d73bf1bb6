// Noticed anywhere, in real Chromium: the agent starts a cobrowse, turns to another tab, and the
// customer accepts. A desktop notification appears (read back through chrome.notifications in
// the worker) and its Open viewer button opens the viewer; a decline and a customer back online
// while the start waits are notified too; a panel the agent closed with Esc comes
// back as the pill, without taking the keyboard from the page (the agent being on that tab, with
// no notification); with the sound on, the offscreen document plays the tone.
//
// Headless Chromium shows no notification on screen, so the button is pressed as Chrome reports
// it: chrome.notifications.onButtonClicked dispatched in the worker with Chrome's data (the
// notification's id and button index 0), as the other suites dispatch commands and menu clicks.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pressCommand, tabOf } from '../../tools/browser/agent';
import {
  isViewerFor,
  notificationIds,
  notificationOf,
  pressNotificationButton,
} from '../../tools/browser/notifications';
import { overlayOn } from '../../tools/browser/overlay';
import { useFixturePages } from './harness/fixture-pages';
import { caseDeskPage, startOnPage } from './harness/panel-start';
import { useAgentSuite } from './harness/suite';

describe('noticed anywhere: notification, viewer button, the panel back after Esc', () => {
  const suite = useAgentSuite();
  const fixtures = useFixturePages();
  const { ext, sandbox, m } = suite;

  /** The shortcut on a page showing a fresh conversation (and a notes field): the offer is out. */
  const startOffer = (customerName: string, name: string) =>
    startOnPage(suite, fixtures, customerName, name, caseDeskPage);

  /** Another page in front: the agent reads something else while the offer is out. */
  async function turnAway(sessionPage: Page) {
    const other = await suite.open(`${sandbox.current.url}/sandbox/agent-tool`);
    expect((await tabOf(ext.current, sessionPage)).active).toBe(false);
    return other;
  }

  it('accept on a background tab: a notification with Open viewer, whose button opens the viewer', async () => {
    const session = ext.current;
    const { id, page } = await startOffer('Noor Background', 'background.html');
    await turnAway(page);
    const note = notificationOf(id);
    expect(await notificationIds(session)).not.toContain(note);

    sandbox.current.customer(id, 'accept');

    await expect.poll(() => notificationIds(session), { timeout: 20_000 }).toContain(note);

    const viewer = session.context.waitForEvent('page', {
      predicate: (p) => isViewerFor(id)(p.url()),
      timeout: 20_000,
    });
    await pressNotificationButton(session, note, 0);
    suite.keep(await viewer);
    // Pressed, the notification is done with.
    await expect.poll(() => notificationIds(session)).not.toContain(note);
  });

  it('a decline, and a customer back online while the start waits, are notified off the tab too', async () => {
    const session = ext.current;
    const declined = await startOffer('Dana Declines', 'declines.html');
    await turnAway(declined.page);
    sandbox.current.customer(declined.id, 'decline');
    await expect
      .poll(() => notificationIds(session), { timeout: 20_000 })
      .toContain(notificationOf(declined.id));

    // The customer's Messenger is closed: the agent chooses to send when they are back.
    const id = suite.endAfter(
      sandbox.current.addConversation({ media: 'message', customerName: 'Omar Offline' }).id,
    );
    // Closed after it was open: the Messenger's Leave is on record (a never-seen state is unknown).
    sandbox.current.customer(id, 'go-offline');
    const page = await suite.open(fixtures.page('offline.html', caseDeskPage(id)));
    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);
    await overlay.button(m('ov_send_when_back')).click();
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_waiting'));
    await turnAway(page);
    expect(await notificationIds(session)).not.toContain(notificationOf(id));

    sandbox.current.customer(id, 'go-online');

    await expect
      .poll(() => notificationIds(session), { timeout: 20_000 })
      .toContain(notificationOf(id));
  });

  it('a panel closed with Esc comes back as the pill on accept, and the page keeps the focus', async () => {
    const { id, page, overlay, frame } = await startOffer('Ines Closed', 'closed.html');
    const frameElement = await frame.frameElement();

    await overlay.root.press('Escape');
    await expect.poll(() => frameElement.isVisible()).toBe(false);
    // The agent works on in the page.
    const notes = page.getByRole('textbox', { name: 'Notes' });
    await notes.focus();

    sandbox.current.customer(id, 'accept');

    await expect.poll(() => frameElement.isVisible(), { timeout: 20_000 }).toBe(true);
    // Found only while the panel takes clicks (see overlayOn), so the click below counts.
    const pill = overlay.root.getByRole('button', {
      name: new RegExp(`^${m('ov_state_active')} · .* ${m('ov_restore')}$`),
    });
    await pill.waitFor({ timeout: 20_000 });
    // Minimised: the full panel's controls are not there.
    expect(await frame.getByRole('button', { name: m('ov_end'), exact: true }).count()).toBe(0);
    expect(await notes.evaluate((el) => el === document.activeElement && document.hasFocus())).toBe(
      true,
    );
    // The agent was looking at this tab: by default no notification (the panel comes back only
    // once any notification exists, so none will).
    expect(await notificationIds(ext.current)).not.toContain(notificationOf(id));

    // The pill restores the panel, with Open viewer.
    await pill.click();
    await overlay.button(m('ov_open_viewer')).waitFor();
  });

  it('with the sound on, the offscreen document plays the tone on accept', async () => {
    const session = ext.current;
    await session.request('settings.save', { notificationSound: true });
    try {
      const { id, page } = await startOffer('Sami Sound', 'sound.html');
      await turnAway(page);

      sandbox.current.customer(id, 'accept');

      await expect
        .poll(() => notificationIds(session), { timeout: 20_000 })
        .toContain(notificationOf(id));
      const offscreen = () =>
        session.evalInWorker(async () =>
          (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).map(
            (c) => c.documentUrl,
          ),
        );
      await expect
        .poll(offscreen, { timeout: 20_000 })
        .toEqual([`${session.origin}/src/offscreen/index.html`]);
      // The document answers the worker's request by playing the tone to its end (asked until
      // its script listens: Chrome lists a document while it still loads).
      const answer = () =>
        session.evalInWorker(() =>
          chrome.runtime.sendMessage({ type: 'offscreen.tone' }).catch(() => undefined),
        );
      await expect.poll(answer, { timeout: 20_000 }).toEqual({ played: true, state: 'running' });
    } finally {
      await session.request('settings.save', { notificationSound: false });
    }
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
