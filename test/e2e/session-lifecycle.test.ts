// A session's life as the agent sees it in three places at once — the overlay on the page, the
// popup and the toolbar badge — while the sandbox plays the customer: accept, decline, the offer
// expiring, a customer whose Messenger is offline coming back ("Send when the customer is
// back"), and the agent's End.
import { describe, expect, it } from 'vitest';
import {
  createRequests,
  openPopupOver,
  pressCommand,
  sandboxSession,
} from '../../tools/browser/agent';
import { badgeText } from '../../tools/browser/badge';
import { freshConversation } from '../../tools/browser/cobrowse';
import { overlayOn, popupSession, type SessionPanel } from '../../tools/browser/overlay';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const agent = SEED.conversations.agent;
/** The badge while an offer is out: its countdown ("1:59", "45s"). */
const COUNTDOWN = /^(\d+:\d\d|\d+s)$/;

describe('session lifecycle: overlay, popup and badge', () => {
  const { ext, sandbox, keep, endAfter, openAgentTool } = useAgentSuite();

  /** The agent starts with the keyboard command on the conversation's page; the popup is opened over it. */
  async function start(conversationId: string) {
    const session = ext.current;
    const page = await openAgentTool(endAfter(conversationId));
    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);
    await overlay.root.waitFor();
    const popupPage = keep(await openPopupOver(session, page));
    return { page, overlay, popup: popupSession(popupPage, session) };
  }

  /** The overlay and the popup both say `key`'s status line, and the badge shows `badge`. */
  async function expectEverywhere(
    views: { overlay: SessionPanel; popup: SessionPanel },
    key: string,
    badge: string | RegExp,
  ) {
    const status = ext.current.message(key);
    await expect.poll(() => views.overlay.status(), { timeout: 20_000 }).toBe(status);
    await expect.poll(() => views.popup.status(), { timeout: 20_000 }).toBe(status);
    await expect
      .poll(() => badgeText(ext.current), { timeout: 20_000 })
      .toMatch(typeof badge === 'string' ? new RegExp(`^${badge}$`) : badge);
  }

  async function expectOffered(
    views: { overlay: SessionPanel; popup: SessionPanel },
    conversationId: string,
  ) {
    const issued = await sandboxSession(sandbox.current, conversationId);
    await expectEverywhere(views, 'ov_status_offered', COUNTDOWN);
    expect(await views.overlay.joinCode()).toBe(issued.joinCode);
    expect(await views.popup.joinCode()).toBe(issued.joinCode);
    expect(await views.overlay.sessionId()).toBe(issued.id);
    return issued;
  }

  it('accept: active, with Open viewer', async () => {
    const session = ext.current;
    const views = await start(agent.messagingOnline);
    await expectOffered(views, agent.messagingOnline);

    sandbox.current.customer(agent.messagingOnline, 'accept');

    await expectEverywhere(views, 'ov_status_active', session.message('badge_active'));
    await views.overlay.button(session.message('ov_open_viewer')).waitFor();
    await views.popup.button(session.message('ov_open_viewer')).waitFor();
    expect(await views.overlay.timeline()).toContain(session.message('ov_step_accepted'));
  });

  it('decline: declined, with Offer again', async () => {
    const session = ext.current;
    const views = await start(agent.messagingOnline);
    const issued = await expectOffered(views, agent.messagingOnline);

    sandbox.current.customer(agent.messagingOnline, 'decline');

    await expectEverywhere(views, 'ov_status_declined', session.message('badge_declined'));
    expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('declined');
    await views.overlay.button(session.message('ov_offer_again')).waitFor();
    await views.popup.button(session.message('ov_offer_again')).waitFor();
    await views.overlay.root.waitFor(); // counted while the panel is there to count in
    expect(await views.overlay.button(session.message('ov_open_viewer')).count()).toBe(0);
  });

  it('expiry: the offer runs out before the customer accepts', async () => {
    const session = ext.current;
    const ttl = sandbox.current.settings().offerTtlSeconds;
    sandbox.current.settings({ offerTtlSeconds: 3 });
    try {
      const views = await start(agent.messagingOnline);
      const issued = await expectOffered(views, agent.messagingOnline);

      await sandboxSession(sandbox.current, agent.messagingOnline, ['expired']);
      await expectEverywhere(views, 'ov_status_expired', session.message('badge_expired'));
      expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('expired');
      expect(await views.overlay.timeline()).toContain(session.message('ov_step_expired'));
      await views.overlay.button(session.message('ov_offer_again')).waitFor();
    } finally {
      sandbox.current.settings({ offerTtlSeconds: ttl });
    }
  });

  it('customer offline → online: asked, "Send when the customer is back", sent on their return', async () => {
    const session = ext.current;
    const id = agent.messagingOffline;
    const views = await start(id);

    // Asked first, in the overlay and the popup alike; nothing is sent yet.
    await expectEverywhere(views, 'ov_offline_text', session.message('badge_waiting'));
    await views.popup.button(session.message('ov_send_when_back')).waitFor();
    expect(createRequests(sandbox.current, id)).toEqual([]);

    await views.overlay.button(session.message('ov_send_when_back')).click();

    await expectEverywhere(views, 'ov_status_waiting', session.message('badge_waiting'));
    expect(createRequests(sandbox.current, id)).toEqual([]);

    sandbox.current.customer(id, 'go-online');

    const issued = await expectOffered(views, id);
    expect(issued.delivered).toBe(true);
    expect(createRequests(sandbox.current, id)).toHaveLength(1);
    expect(await views.overlay.timeline()).toEqual(
      expect.arrayContaining([
        session.message('ov_step_customer_online'),
        session.message('ov_step_offered'),
      ]),
    );

    // Delivered: the customer can accept it.
    sandbox.current.customer(id, 'accept');
    await expectEverywhere(views, 'ov_status_active', session.message('badge_active'));
  });

  // Whether Genesys delivers an offer made while the Messenger was away once the customer is
  // back is unverified (redeliverOfferOnJoin). The extension sends it once either way and shows
  // one offer: true, the customer gets it on return and can accept; false, it stays lost and the
  // panel keeps "Offer sent" with its countdown (nothing tells the agent it was lost).
  it('an offer sent while the Messenger is away is never sent or shown twice when the customer returns', async () => {
    const session = ext.current;
    const s = sandbox.current;
    const id = freshConversation(s, { customerName: 'Away Customer', customerOnline: false });
    const views = await start(id);
    await views.overlay.button(session.message('ov_send_anyway')).click();
    const issued = await expectOffered(views, id);
    expect(issued.delivered).toBe(false);

    s.customer(id, 'go-online');
    // The return is seen (pushed), and the waiting offer is not sent again because of it.
    await expect
      .poll(() => views.overlay.timeline(), { timeout: 20_000 })
      .toContain(session.message('ov_step_customer_online'));
    const redelivered = s.settings().redeliverOfferOnJoin;
    const now = await sandboxSession(s, id);
    expect(now.id).toBe(issued.id);
    expect(now.delivered).toBe(redelivered);
    if (redelivered) {
      s.customer(id, 'accept');
      await expectEverywhere(views, 'ov_status_active', session.message('badge_active'));
    } else {
      expect(() => s.customer(id, 'accept')).toThrow(/never reached/);
      await expectEverywhere(views, 'ov_status_offered', COUNTDOWN);
    }
    expect(await views.overlay.joinCode()).toBe(issued.joinCode);
    const offered = session.message('ov_step_offered');
    expect((await views.overlay.timeline()).filter((step) => step === offered)).toHaveLength(1);
    expect(createRequests(s, id)).toHaveLength(1);
  });

  it('End: the agent ends the offer from the overlay; Genesys ends the session', async () => {
    const session = ext.current;
    const views = await start(agent.messagingOnline);
    const issued = await expectOffered(views, agent.messagingOnline);
    const messageDataReads = () =>
      sandbox.current.requests({
        method: 'GET',
        route: '/api/v2/conversations/messages/{conversationId}/messages/{messageId}',
      }).length;
    const readsBefore = messageDataReads();

    await views.overlay.button(session.message('ov_end')).click();

    await expectEverywhere(views, 'ov_status_ended', session.message('badge_ended'));
    const ended = await sandboxSession(sandbox.current, agent.messagingOnline, ['ended']);
    expect(ended.id).toBe(issued.id);
    expect(ended).toMatchObject({ endedBy: 'agent' });
    // Per value of deploymentIdPlace: the guest route comes from the create answer's selfUri, or
    // End reads one message's data to find the deployment id in its channel.
    const inSelfUri = sandbox.current.settings().deploymentIdPlace === 'selfUri';
    expect(messageDataReads() - readsBefore).toBe(inSelfUri ? 0 : 1);
    const deletes = sandbox.current
      .requests({ method: 'DELETE' })
      .filter((r) => r.path.endsWith(`/cobrowse/${issued.id}`));
    expect(deletes.map((r) => [r.path, r.status])).toEqual([
      [`/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${issued.id}`, 204],
    ]);
    await views.overlay.root.waitFor(); // counted while the panel is there to count in
    expect(await views.overlay.button(session.message('ov_end')).count()).toBe(0);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
