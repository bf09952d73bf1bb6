// Firefox tour, the agent's day: the right-click menu with the customer declining (and Offer
// again offered), the shortcut on an offline customer's case with the offer sent when they are
// back, a voice call's code read aloud, and the history in the popup listing what happened.
import { byRole } from '../../tools/browser/firefox-panel';
import { SEED } from '../../tools/sandbox/index';
import type { FirefoxTourKit } from './firefox-kit';

export async function menuDeclineStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, sandbox, m, step } = kit;
  return step(
    'Right-click menu → the customer declines',
    `On the agent tool's list: a real right-click on a new conversation's link → "${m('popup_start')}" (chosen with the keyboard); then the customer declined.`,
    async (t) => {
      const conv = sandbox.addConversation({ media: 'message', customerName: 'Lukas Müller' });
      const page = await kit.workTab('/sandbox/agent-tool');
      const link = await page.waitForSelector(
        `xpath///tr[contains(., ${JSON.stringify(conv.id)})]//a`,
      );
      await link?.scrollIntoView();
      const box = await link?.boundingBox();
      if (!box) throw new Error('the link is not on screen');
      await session.rightClickInPage(page, box.x + box.width / 2, box.y + box.height / 2);
      const items = await session.contextMenuItems();
      t.check(items.at(-1) === m('popup_start'), `the menu ends with "${items.at(-1)}"`);
      t.see(`Firefox's link menu ends with "${m('popup_start')}"`);
      await t.screen('right-click-menu');
      // Up from nothing selected reaches the last item: ours.
      await session.pressKeys(page, 'Up');
      await session.pressKeys(page, 'Return');
      const panel = await kit.panel(page);
      t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_offered')}"`);
      await kit.joinCodeMatches(t, panel, conv.id);

      sandbox.customer(conv.id, 'decline');
      t.see(`customer declined → panel: "${await kit.waitForStatus(panel, 'ov_status_declined')}"`);
      await panel.control('button', m('ov_offer_again'));
      t.see(`"${m('ov_offer_again')}" is offered`);
      await t.shot(page, 'panel-declined');
      await kit.sandboxState(t, conv.id, 'declined');
    },
  );
}

export async function offlineStep(kit: FirefoxTourKit): Promise<boolean> {
  const { sandbox, m, step } = kit;
  const id = SEED.conversations.agent.messagingOffline;
  return step(
    'Shortcut → an offline customer, sent when back',
    `On the case page of a web messaging conversation whose Messenger is offline: the start-cobrowse shortcut, pressed for real; chose "${m('ov_send_when_back')}"; the customer's Messenger came online; the offer went out; the agent pressed End.`,
    async (t) => {
      const page = await kit.casePage(id);
      t.see(`pressed ${await kit.pressCommand(page, 'start-cobrowse')}`);
      const panel = await kit.panel(page);
      t.see(`panel asks: "${await kit.waitForStatus(panel, 'ov_offline_text')}"`);
      await t.shot(page, 'panel-customer-offline');
      await panel.press('button', m('ov_send_when_back'));
      t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_waiting')}"`);
      t.check(kit.sandboxSession(id) === undefined, 'a session was created while offline');
      t.see('no session created yet at the sandbox (the offer would be lost)');
      await t.shot(page, 'panel-waiting');

      sandbox.customer(id, 'go-online');
      t.see(`customer online → panel: "${await kit.waitForStatus(panel, 'ov_status_offered')}"`);
      await kit.joinCodeMatches(t, panel, id);
      const delivered = await sandbox.waitFor(() => kit.sandboxSession(id)?.delivered, 10_000);
      t.check(delivered === true, 'the offer did not reach the Messenger');
      t.see("the offer reached the customer's Messenger");
      await t.shot(page, 'panel-offer-after-return');
      await panel.press('button', m('ov_end'));
      t.see(`End → panel: "${await kit.waitForStatus(panel, 'ov_status_ended')}"`);
      await kit.sandboxState(t, id, 'ended');
    },
  );
}

export async function historyStep(kit: FirefoxTourKit): Promise<boolean> {
  const { session, m, step } = kit;
  const expected = [
    SEED.conversations.agent.messagingOnline,
    SEED.conversations.agent.messagingOffline,
  ];
  return step(
    'The history in the popup',
    `Opened the popup and pressed "${m('history_open')}".`,
    async (t) => {
      const popup = await session.openPopup();
      try {
        await (await popup.waitForSelector(byRole('button', m('history_open'))))?.click();
        const list = await popup.waitForSelector(byRole('list', m('history_list_name')), {
          timeout: 20_000,
        });
        const text = (await list?.evaluate((el) => el.textContent ?? '')) ?? '';
        for (const id of expected) t.check(text.includes(id), `the history lacks ${id}`);
        t.check(
          text.includes(m('history_outcome_declined')),
          'the history does not say a customer declined',
        );
        const count = await list?.evaluate((el) => el.children.length);
        t.see(`${count} entries, newest first: the accepted, declined and sent-when-back offers`);
        await t.shot(popup, 'popup-history');
      } finally {
        await popup.close();
      }
    },
  );
}

export async function voiceStep(kit: FirefoxTourKit): Promise<boolean> {
  const { sandbox, m, step } = kit;
  const id = SEED.conversations.agent.voice;
  return step(
    'A voice call: the code read to the caller, the join told truly',
    'On the case page of a voice call: the shortcut, pressed for real; the agent read the code to the caller, who typed it on the website (sandbox: voiceSignal "conversation", where Genesys lists the caller in the session); the agent pressed End.',
    async (t) => {
      const before = sandbox.settings().voiceSignal;
      sandbox.settings({ voiceSignal: 'conversation' });
      try {
        const page = await kit.casePage(id);
        t.see(`pressed ${await kit.pressCommand(page, 'start-cobrowse')}`);
        const panel = await kit.panel(page);
        t.see(`panel: "${await kit.waitForStatus(panel, 'ov_status_offered_call')}"`);
        await kit.joinCodeMatches(t, panel, id);
        const groups = await panel.frame.$$eval('.join-code .group', (all) =>
          all.map((g) => g.textContent ?? ''),
        );
        t.check(groups.length >= 2, `the code is not grouped for reading aloud: ${groups}`);
        const timer = await panel.control('timer', m('ov_time_left'));
        const countdown = await timer.evaluate((el) => el.textContent);
        t.see(`the code in groups "${groups.join(' ')}", with "${countdown}"`);
        await t.shot(page, 'voice-read-the-code');

        sandbox.customer(id, 'accept');
        t.see(
          `caller joined → panel: "${await kit.waitForStatus(panel, 'ov_status_active_call')}"`,
        );
        await t.shot(page, 'voice-caller-joined');
        await panel.press('button', m('ov_end'));
        t.see(`End → panel: "${await kit.waitForStatus(panel, 'ov_status_ended')}"`);
        await kit.sandboxState(t, id, 'ended');
      } finally {
        sandbox.settings({ voiceSignal: before });
      }
    },
  );
}
