// Voice, told truly, under each modelled assumption of what Genesys lets the agent observe of a
// voice session (the sandbox's voiceSignal): the caller types the join code on the website and no
// CoBrowse event reaches the agent, so the end of the offer time proves nothing.
//   guest-route   the guest GET answers 404 once the session is over: an unjoined offer ends as
//                 "over" (never "expired"); a joined one stays "outcome unknown"
//   none          nothing tells: after the offer time, "outcome unknown" for good
//   conversation  the conversation lists the session (connected / disconnected): "Active" once
//                 the caller joined, "ended" once an unjoined offer is over
// In every case: never an expiry after the caller joined, End and Open viewer while the outcome
// is unknown, and the next start is never refused. Then the wording tied to the start: an
// unknown Messenger is asked about, the safe choice is the main button, the timeline in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequests, pressCommand, sandboxSession } from '../../tools/browser/agent';
import { freshConversation, startWithCommand } from '../../tools/browser/cobrowse';
import { overlayOn, type SessionPanel } from '../../tools/browser/overlay';
import { waitFor } from '../../tools/browser/wait';
import { VOICE_SIGNALS, type VoiceSignal } from '../../tools/sandbox/settings';
import { useAgentSuite } from './harness/suite';

/** A short offer time, so each test sees it end (the test build checks voice every 1.5 s). */
const OFFER_TTL_S = 4;

/** What the agent sees under each assumption, once the offer time is over. */
const SEES: Record<VoiceSignal, { joined: string; notJoined: string }> = {
  'guest-route': { joined: 'ov_status_call_unknown', notJoined: 'ov_status_call_over' },
  none: { joined: 'ov_status_call_unknown', notJoined: 'ov_status_call_unknown' },
  conversation: { joined: 'ov_status_active_call', notJoined: 'ov_status_ended' },
};

describe('voice told truly', () => {
  const suite = useAgentSuite();
  const { ext, sandbox, m } = suite;
  /**
   * deploymentIdPlace: a call has no message channel, so the extension knows its guest route
   * only from the create answer's selfUri. Without it there is no guest GET (guest-route tells
   * nothing, as none) and End ends the session in this browser only.
   */
  const routeKnown = () => sandbox.current.settings().deploymentIdPlace === 'selfUri';
  const sees = (signal: VoiceSignal) =>
    SEES[signal === 'guest-route' && !routeKnown() ? 'none' : signal];

  async function expectStatus(overlay: SessionPanel, key: string) {
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m(key));
  }

  /** No step of this attempt says the offer expired, and the status never did either. */
  async function expectNoExpiry(overlay: SessionPanel) {
    expect(await overlay.timeline()).not.toContain(m('ov_step_expired'));
    expect(await overlay.status()).not.toBe(m('ov_status_expired'));
  }

  describe.each(VOICE_SIGNALS)('assumption voiceSignal=%s', (signal) => {
    let ttl = 0;
    beforeAll(() => {
      ttl = sandbox.current.settings().offerTtlSeconds;
      sandbox.current.settings({ voiceSignal: signal, offerTtlSeconds: OFFER_TTL_S });
    });
    afterAll(() => {
      sandbox.current.settings({ voiceSignal: 'guest-route', offerTtlSeconds: ttl });
    });

    it('the caller joins: never an expiry after it; End and Open viewer stay', async () => {
      const { id, page } = await suite.start({ media: 'call', customerName: 'Voice Joiner' });
      const { issued, overlay } = await suite.expectOverlayShowsSandboxSession(page, id);
      await expectStatus(overlay, 'ov_status_offered_call');

      sandbox.current.customer(id, 'accept'); // the caller typed the code on the website
      // The offer time runs out with the caller in the session (no sandbox event marks it).
      await waitFor(() => Date.now() > Date.parse(issued.dateOfferEnds) + 500 || undefined, {
        message: 'the offer time to end',
      });

      await expectStatus(overlay, sees(signal).joined);
      await expectNoExpiry(overlay);
      expect(await overlay.status()).not.toBe(m('ov_status_offered_call'));
      await overlay.button(m('ov_open_viewer')).waitFor();
      await overlay.button(m('ov_end')).waitFor();
      expect(await overlay.button(m('ov_offer_again')).count()).toBe(0);
      expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('active');
      if (signal === 'conversation') {
        expect(await overlay.timeline()).toContain(m('ov_step_joined'));
        return;
      }

      if (!routeKnown()) {
        // End cannot reach Genesys for a call: the panel says it ended here only, and at
        // Genesys the caller's session goes on (its code works until it expires).
        await overlay.button(m('ov_end')).click();
        await expectStatus(overlay, 'ov_status_ended_here_only');
        expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('active');
        // Interacts with conflictOnPendingSession: while that session lives at Genesys, a new
        // start is refused there (409, explained) or, without the conflict, goes out beside it.
        const refused = sandbox.current.settings().conflictOnPendingSession;
        const next = await suite.start({ media: 'call', customerName: 'Next Caller' });
        const shown = await overlayOn(next.page, ext.current);
        if (refused) {
          await shown.root
            .getByRole('heading', { name: m('err_request_conflict_title') })
            .waitFor({ timeout: 20_000 });
        } else {
          await expectStatus(shown, 'ov_status_offered_call');
        }
        expect(createRequests(sandbox.current, next.id).map((r) => r.status)).toEqual([
          refused ? 409 : 200,
        ]);
        sandbox.current.customer(id, 'end-session'); // the caller leaves
        return;
      }
      // Outcome unknown: a start on another conversation replaces this session, not refused.
      const next = await suite.start({ media: 'call', customerName: 'Next Caller' });
      const shown = await suite.expectOverlayShowsSandboxSession(next.page, next.id);
      await expectStatus(shown.overlay, 'ov_status_offered_call');
      expect(sandbox.current.sessions().find((s) => s.id === issued.id)).toMatchObject({
        state: 'ended',
        endedBy: 'agent',
      });
      expect(createRequests(sandbox.current, next.id).map((r) => r.status)).toEqual([200]);
    });

    it('the caller never joins: no expiry claimed; the next start on it is not refused', async () => {
      const { id, page } = await suite.start({ media: 'call', customerName: 'Voice Silent' });
      const { issued, overlay } = await suite.expectOverlayShowsSandboxSession(page, id);

      await expectStatus(overlay, sees(signal).notJoined);
      await expectNoExpiry(overlay);
      if (sees(signal).notJoined === 'ov_status_call_unknown') {
        await overlay.button(m('ov_open_viewer')).waitFor();
        await overlay.button(m('ov_end')).waitFor();
        expect(await overlay.timeline()).toContain(m('ov_step_offer_time_over'));
      }

      // The same conversation again, with the shortcut on its page: a new session, no refusal.
      await pressCommand(ext.current, page);
      const again = await sandboxSession(sandbox.current, id, ['offered']);
      expect(again.id).not.toBe(issued.id);
      const after = await overlayOn(page, ext.current);
      await expect.poll(() => after.joinCode(), { timeout: 20_000 }).toBe(again.joinCode);
      await expectStatus(after, 'ov_status_offered_call');
      expect(createRequests(sandbox.current, id).map((r) => r.status)).toEqual([200, 200]);
    });
  });

  describe('wording tied to the start', () => {
    it('an unknown Messenger is asked about like an offline one; nothing is sent before the answer', async () => {
      const id = suite.endAfter(
        freshConversation(sandbox.current, {
          customerName: 'Unseen Messenger',
          presenceUnknown: true,
        }),
      );
      const { page, overlay } = await startWithCommand(ext.current, sandbox.current, id);
      suite.keep(page);

      await expectStatus(overlay, 'ov_presence_unknown_text');
      expect(createRequests(sandbox.current, id)).toEqual([]);
      expect(await overlay.status()).not.toBe(m('ov_status_offered'));
      // The safe choice is the main button; "Waiting…" is not claimed before the agent chose it.
      const safe = overlay.button(m('ov_send_when_back'));
      expect(await safe.getAttribute('class')).toContain('primary');
      expect(await overlay.button(m('ov_send_anyway')).getAttribute('class')).not.toContain(
        'primary',
      );
      expect(await overlay.timeline()).not.toContain(m('ov_step_waiting_customer'));

      await safe.click();
      await expectStatus(overlay, 'ov_status_waiting');
      await expect
        .poll(() => overlay.timeline(), { timeout: 20_000 })
        .toContain(m('ov_step_waiting_customer'));
      // Armed to wait, "Send anyway" is still there but is not the main button.
      expect(await overlay.button(m('ov_send_anyway')).getAttribute('class')).not.toContain(
        'primary',
      );
      expect(createRequests(sandbox.current, id)).toEqual([]);
    });

    it('the timeline reads in true order: "Session created" before "Offer sent"', async () => {
      const { id, page } = await suite.start({ customerName: 'Ordered Timeline' });
      const { overlay } = await suite.expectOverlayShowsSandboxSession(page, id);
      await expectStatus(overlay, 'ov_status_offered');
      const steps = await overlay.timeline();
      const created = steps.indexOf(m('ov_step_created'));
      expect(created).toBeGreaterThan(-1);
      expect(steps.indexOf(m('ov_step_offered'))).toBeGreaterThan(created);
    });
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
