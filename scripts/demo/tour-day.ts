// Tour steps from an agent's day: a voice session read to the caller (the code big and grouped,
// a labelled countdown, told truly once the caller joins), and the customer's accept noticed
// from another tab (the desktop notification with Open viewer, the panel back as the pill).
import { writeFileSync } from 'node:fs';
import {
  isViewerFor,
  notificationIds,
  notificationOf,
  pressNotificationButton,
} from '../../tools/browser/notifications';
import { RealInput } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import { SEED } from '../../tools/sandbox/index';
import { clickOverlayButton, overlay, waitForStatus } from './overlay';
import type { TourKit } from './tour-kit';

/** A voice call: the agent reads the grouped code; the caller joins; the panel says so. */
export function voiceStep(kit: TourKit): Promise<boolean> {
  const { session, sandbox, driver, step, casePage } = kit;
  const voice = SEED.conversations.agent.voice;
  return step(
    'A voice call: the code read to the caller, the join told truly',
    `On the case page of a voice call: the shortcut; the agent read the code to the caller, who typed it on the website (sandbox: voiceSignal "conversation", where Genesys lists the caller in the session); the agent pressed End.`,
    async (t) => {
      const before = sandbox.settings().voiceSignal;
      sandbox.settings({ voiceSignal: 'conversation' });
      try {
        const page = await casePage(voice);
        for (const line of await driver.start('command', page, voice)) t.see(line);
        t.see(`overlay: "${await waitForStatus(session, page, 'ov_status_offered_call')}"`);
        await kit.joinCodeMatches(t, page, voice);
        const panel = await overlay(session, page);
        const groups = await panel.root.locator('.join-code .group').allTextContents();
        t.check(groups.length >= 2, `the code is not grouped for reading aloud: ${groups}`);
        const countdown = await panel.root
          .getByRole('timer', { name: session.message('ov_time_left') })
          .textContent();
        t.see(`the code in groups "${groups.join(' ')}", with "${countdown}"`);
        await t.shot(page, 'voice-read-the-code');

        sandbox.customer(voice, 'accept');
        t.see(
          `the caller joined → overlay: "${await waitForStatus(session, page, 'ov_status_active_call')}"`,
        );
        await t.shot(page, 'voice-caller-joined');
        await clickOverlayButton(session, page, 'ov_end');
        t.see(`End → overlay: "${await waitForStatus(session, page, 'ov_status_ended')}"`);
        await kit.sandboxState(t, voice, 'ended');
      } finally {
        sandbox.settings({ voiceSignal: before });
      }
    },
  );
}

/**
 * The customer accepts while the agent reads another tab: the desktop notification (Chromium's
 * own toast under Xvfb, photographed from the screen) with Open viewer, which opens the viewer.
 */
export function offTabStep(kit: TourKit): Promise<boolean> {
  const { session, sandbox, driver, step, casePage } = kit;
  return step(
    'The customer accepts while the agent is on another tab',
    'Started a web messaging cobrowse with the shortcut, then switched to the knowledge-base tab; the customer accepted; the agent pressed Open viewer on the notification, then came back and pressed End.',
    async (t) => {
      const conv = sandbox.addConversation({ media: 'message', customerName: 'Ingrid Solberg' });
      const page = await casePage(conv.id);
      for (const line of await driver.start('command', page, conv.id)) t.see(line);
      t.see(`overlay: "${await waitForStatus(session, page, 'ov_status_offered')}"`);
      const other = await session.context.newPage();
      await other.goto(`${sandbox.url}/sandbox/agent-tool`);
      const input = driver.real ? RealInput.for(session) : undefined;
      await (input ? input.focusBrowser(other) : other.bringToFront());
      t.see('the agent switched to another tab (the agent tool)');

      sandbox.customer(conv.id, 'accept');
      const note = notificationOf(conv.id);
      await waitFor(async () => (await notificationIds(session)).includes(note), {
        timeout: 20_000,
        message: 'the notification',
      });
      t.see(
        'the customer accepted → a desktop notification (chrome.notifications) with Open viewer',
      );
      const viewer = session.context.waitForEvent('page', {
        predicate: (p) => isViewerFor(conv.id)(p.url()),
        timeout: 20_000,
      });
      if (input && session.screenImage) {
        const toast = await input.notificationToast({ timeout: 20_000 });
        const file = t.reserve('notification-off-tab');
        writeFileSync(file.path, session.screenImage());
        file.taken();
        t.see(
          `Chromium shows it as a toast at the screen's bottom right (${toast.width}×${toast.height})`,
        );
        // Open viewer is the toast's one button, on its bottom row at the left.
        await input.clickAt(toast.x + 60, toast.y + toast.height - 20);
        t.see('clicked Open viewer on the toast (real mouse)');
      } else {
        await pressNotificationButton(session, note, 0);
        t.see("pressed the notification's Open viewer (chrome.notifications.onButtonClicked)");
      }
      const opened = await viewer;
      t.see(`the agent viewer opened: ${new URL(opened.url()).pathname}`);
      await opened.close();
      await other.close();
      t.see(
        `back on the case page → overlay: "${await waitForStatus(session, page, 'ov_status_active')}"`,
      );
      await t.shot(page, 'overlay-accepted-off-tab');
      await clickOverlayButton(session, page, 'ov_end');
      await kit.sandboxState(t, conv.id, 'ended');
    },
  );
}
