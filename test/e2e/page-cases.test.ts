// What the keyboard command does on pages that do not name exactly one of the agent's
// conversations: no id → the picker; several → the picker; an id that is not the agent's → a
// confirmation, and nothing is sent until the agent confirms; a voice conversation → the code to
// read to the caller, offered until it expires or the agent ends it (voice has no accept event).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  allCreateRequests,
  createRequests,
  pressCommand,
  sandboxSession,
} from '../../tools/browser/agent';
import { badgeText } from '../../tools/browser/badge';
import { overlayOn } from '../../tools/browser/overlay';
import { useFixturePages } from './harness/fixture-pages';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const agent = SEED.conversations.agent;

describe('page cases', () => {
  const { ext, sandbox, open, openAgentTool } = useAgentSuite();
  /**
   * deploymentIdPlace: a call has no message channel, so its guest route is known only when the
   * create answer's selfUri is that route; without it End ends here only, and no guest GET runs.
   */
  const callRouteKnown = () => sandbox.current.settings().deploymentIdPlace === 'selfUri';
  const fixtures = useFixturePages();
  const creates = () => allCreateRequests(sandbox.current);

  /** The overlay's picker: one button per active conversation of the agent. */
  async function pickerOn(page: Page) {
    const session = ext.current;
    const overlay = await overlayOn(page, session);
    return {
      overlay,
      list: overlay.root.getByRole('list', { name: session.message('ov_picker_title') }),
      choice: (customerName: string) =>
        overlay.root.getByRole('button', {
          name: new RegExp(`^${customerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        }),
    };
  }

  it('no conversation id on the page: the picker, and the agent’s choice starts', async () => {
    const session = ext.current;
    const page = await open(fixtures.url('no-ids.html'));
    const before = creates().length;

    await pressCommand(session, page);

    const picker = await pickerOn(page);
    await picker.list.waitFor();
    expect(await picker.list.getByRole('listitem').count()).toBe(5);
    // Legacy web chat and email cannot cobrowse: listed, disabled.
    expect(await picker.choice('José Núñez').isDisabled()).toBe(true);
    expect(await picker.choice('<img src=x onerror=alert(1)>').isDisabled()).toBe(true);
    expect(creates()).toHaveLength(before);

    await picker.choice('محمد الأحمد').click();

    const issued = await sandboxSession(sandbox.current, agent.messagingOnline);
    await expect.poll(() => picker.overlay.joinCode()).toBe(issued.joinCode);
    expect(await picker.overlay.sessionId()).toBe(issued.id);
    expect(creates()).toHaveLength(before + 1);
  });

  it('several of the agent’s conversations on the page: the picker; Cancel sends nothing', async () => {
    const session = ext.current;
    const page = await openAgentTool();
    expect(await page.locator('[data-conversation-id]').count()).toBe(5);
    const before = creates().length;

    await pressCommand(session, page);

    const picker = await pickerOn(page);
    await picker.list.waitFor();
    for (const name of ['محمد الأحمد', 'Zoë Çelik', 'Олег Петров']) {
      expect(await picker.choice(name).isEnabled()).toBe(true);
    }
    await picker.overlay.button(session.message('ov_cancel')).click();
    await picker.overlay.root.waitFor({ state: 'hidden' });
    expect(creates()).toHaveLength(before);
  });

  it('an id that is not the agent’s: confirmed first; only then is it sent', async () => {
    const session = ext.current;
    // Another agent's conversation, on that agent's case page.
    const foreign = SEED.conversations.messagingOnly.messagingOnline;
    const page = await openAgentTool(foreign);
    const question = session.message('ov_confirm_text').replace('$ID$', foreign);

    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);
    await overlay.root.getByRole('paragraph').filter({ hasText: question }).waitFor();
    expect(createRequests(sandbox.current, foreign)).toEqual([]);
    // Declining sends nothing.
    await overlay.button(session.message('ov_cancel')).click();
    await overlay.root.waitFor({ state: 'hidden' });
    expect(createRequests(sandbox.current, foreign)).toEqual([]);

    // Asked again; confirming sends it: Genesys refuses, since Dana is not its agent.
    await pressCommand(session, page);
    await overlay.root.getByRole('paragraph').filter({ hasText: question }).waitFor();
    expect(createRequests(sandbox.current, foreign)).toEqual([]);
    await overlay.button(session.message('ov_start_anyway')).click();

    await expect.poll(() => createRequests(sandbox.current, foreign).length).toBe(1);
    expect(createRequests(sandbox.current, foreign)[0]?.status).toBe(400);
    await expect
      .poll(() => overlay.status(), { timeout: 20_000 })
      .toBe(session.message('ov_status_failed'));
    await overlay.button(session.message('ov_retry')).waitFor();
    expect(sandbox.current.sessions().filter((s) => s.conversationId === foreign)).toEqual([]);
  });

  it('a voice conversation: the code to read, still offered after the caller used it, until End', async () => {
    const session = ext.current;
    const page = await openAgentTool(agent.voice);

    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);

    const issued = await sandboxSession(sandbox.current, agent.voice);
    expect(issued.communicationType).toBe('Call');
    await expect.poll(() => overlay.joinCode()).toBe(issued.joinCode);
    expect(await overlay.sessionId()).toBe(issued.id);
    await expect.poll(() => overlay.status()).toBe(session.message('ov_status_offered_call'));

    // The caller types the code: Genesys says nothing about it on voice.
    sandbox.current.customer(agent.voice, 'accept');
    expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('active');
    // Time passes (the countdown moves on), and the offer is still what the agent sees.
    const timer = overlay.root.getByRole('timer', { name: session.message('ov_time_left') });
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 20_000 }).not.toBe(first);
    expect(await overlay.status()).toBe(session.message('ov_status_offered_call'));
    expect(await badgeText(session)).toMatch(/^(\d+:\d\d|\d+s)$/);

    await overlay.button(session.message('ov_end')).click();
    if (callRouteKnown()) {
      await expect.poll(() => overlay.status()).toBe(session.message('ov_status_ended'));
      await sandboxSession(sandbox.current, agent.voice, ['ended']);
      return;
    }
    // Genesys could not be told: said so, and the caller's session runs on there.
    await expect.poll(() => overlay.status()).toBe(session.message('ov_status_ended_here_only'));
    expect(sandbox.current.sessions().find((s) => s.id === issued.id)?.state).toBe('active');
  });

  it('a voice conversation: offered until the offer time is over, then over, never "expired"', async () => {
    const session = ext.current;
    const ttl = sandbox.current.settings().offerTtlSeconds;
    sandbox.current.settings({ offerTtlSeconds: 3 });
    try {
      const page = await openAgentTool(agent.voice);
      await pressCommand(session, page);
      const overlay = await overlayOn(page, session);
      const issued = await sandboxSession(sandbox.current, agent.voice);
      await expect.poll(() => overlay.joinCode()).toBe(issued.joinCode);
      await expect.poll(() => overlay.status()).toBe(session.message('ov_status_offered_call'));

      // No event tells the agent whether the caller joined: the sandbox's default assumption
      // (voiceSignal guest-route) lets the guest route's 404 say the session is gone, not how.
      // Without a known guest route nothing tells: the outcome stays unknown.
      const seen = callRouteKnown() ? 'ov_status_call_over' : 'ov_status_call_unknown';
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(session.message(seen));
      if (callRouteKnown()) {
        await expect.poll(() => badgeText(session)).toBe(session.message('badge_ended'));
      }
      expect(await overlay.timeline()).not.toContain(session.message('ov_step_expired'));
    } finally {
      sandbox.current.settings({ offerTtlSeconds: ttl });
    }
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
