// The panel laid out for the channel, in real Chromium against the sandbox. Messaging: the
// status line above a small code, a labelled countdown, End drawn as a secondary button, the
// session id and timeline folded under Details (opened and closed from the keyboard). Voice: the
// code big and drawn in groups, read to screen readers digit by digit, the countdown warning and
// announced in its last 30 seconds, and the code dimmed and tagged once it expired. The pill
// shows the countdown and a tone per state.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sandboxSession } from '../../tools/browser/agent';
import type { SessionPanel } from '../../tools/browser/overlay';
import { useAgentSuite } from './harness/suite';

/** A message with its one placeholder filled by a pattern, as a whole-text RegExp. */
const pattern = (message: string, value: string) =>
  new RegExp(
    `^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\$[A-Z]+\\\$/, value)}$`,
  );

const box = async (locator: Locator) => {
  const b = await locator.boundingBox({ timeout: 20_000 });
  if (!b) throw new Error('not on screen');
  return b;
};

describe('panel layout for the channel', () => {
  const { ext, sandbox, m, start } = useAgentSuite();
  const countdownText = () => pattern(m('ov_expires_in'), '\\d+:\\d\\d');
  const timer = (overlay: SessionPanel) =>
    overlay.root.getByRole('timer', { name: m('ov_time_left') });
  /** The drawn groups of the code (hidden from screen readers, which hear the spoken form). */
  const group = (overlay: SessionPanel, digits: string) =>
    overlay.root.locator('.join-code').getByText(digits, { exact: true });
  const liveRegion = (overlay: SessionPanel) => overlay.root.getByRole('status');
  // Voice under voiceSignal 'none': nothing tells whether the caller joined, so the session stays
  // offered past its time and the view alone marks the code (under 'guest-route' the session
  // soon ends as over, and the code reads "No longer valid").
  const withSettings = async (ttl: number, run: () => Promise<void>) => {
    const { offerTtlSeconds, voiceSignal } = sandbox.current.settings();
    sandbox.current.settings({ offerTtlSeconds: ttl, voiceSignal: 'none' });
    try {
      await run();
    } finally {
      sandbox.current.settings({ offerTtlSeconds, voiceSignal });
    }
  };

  it('messaging: the status above a small code, a labelled countdown, End secondary, Details from the keyboard', async () => {
    const { id, overlay } = await start();
    const issued = await sandboxSession(sandbox.current, id);
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
    expect(await overlay.joinCode()).toBe(issued.joinCode);

    // The status line as the harness reads it (the live region repeats it, unseen).
    const status = overlay.root.locator('p.status');
    const code = group(overlay, issued.joinCode.slice(0, 3));
    expect((await box(status)).y, 'the status line is above the code').toBeLessThan(
      (await box(code)).y,
    );
    expect(await timer(overlay).textContent()).toMatch(countdownText());
    // Small: about the size of the text around it, not the voice code's 34 px.
    expect((await box(code)).height).toBeLessThan(30);

    // End is drawn like the other secondary buttons, not filled with the accent.
    const end = overlay.button(m('ov_end'));
    const look = await end.evaluate((el) => ({
      primary: el.classList.contains('primary'),
      background: getComputedStyle(el).backgroundColor,
      panel: getComputedStyle(el.closest('[role="dialog"]') as Element).backgroundColor,
    }));
    expect(look).toEqual({ primary: false, background: look.panel, panel: look.panel });

    // Details: closed at first; Enter opens it, Space closes it.
    const details = overlay.root.getByRole('button', { name: m('ov_details'), exact: true });
    const timeline = overlay.root.getByRole('list', { name: m('ov_timeline') });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    expect(await timeline.isVisible()).toBe(false);
    expect(await overlay.button(m('ov_copy_session')).count()).toBe(0);
    await details.press('Enter');
    await timeline.waitFor({ timeout: 20_000 });
    expect(await details.getAttribute('aria-expanded')).toBe('true');
    await overlay.button(m('ov_copy_session')).waitFor();
    expect(await overlay.sessionId()).toBe(issued.id);
    await details.press('Space');
    await timeline.waitFor({ state: 'hidden', timeout: 20_000 });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
  });

  it('voice: the code big and grouped, spoken by digit, with a labelled countdown', async () => {
    const { id, overlay } = await start({ media: 'call' });
    const issued = await sandboxSession(sandbox.current, id);
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    const [a, b] = [issued.joinCode.slice(0, 3), issued.joinCode.slice(3)];
    const first = await box(group(overlay, a));
    const second = await box(group(overlay, b));
    // Two groups on one line with a gap between them, in the big voice size.
    expect(second.x).toBeGreaterThan(first.x + first.width + 4);
    expect(Math.abs(second.y - first.y)).toBeLessThan(2);
    expect(first.height).toBeGreaterThan(30);
    // What a screen reader gets: each digit, a pause between the groups; never the number.
    const spoken = `${[...a].join(' ')}, ${[...b].join(' ')}`;
    const tree = await overlay.root.ariaSnapshot();
    expect(tree).toContain(spoken);
    expect(tree).not.toContain(issued.joinCode);
    // The code comes before its countdown, which says what it counts.
    const countdown = timer(overlay);
    expect(await countdown.textContent()).toMatch(countdownText());
    expect((await box(group(overlay, a))).y).toBeLessThan((await box(countdown)).y);
  });

  it('voice: the last 30 seconds warn and are announced; after the end the code is dimmed and tagged Expired', async () => {
    // Long enough to see the countdown run before it warns, short enough to watch it end.
    await withSettings(40, async () => {
      const { id, overlay } = await start({ media: 'call' });
      const issued = await sandboxSession(sandbox.current, id);
      await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
      const line = timer(overlay).locator('xpath=ancestor::p[1]');
      expect(await line.getAttribute('class')).toBe('expiry');

      await expect
        .poll(() => line.getAttribute('class'), { timeout: 20_000 })
        .toBe('expiry warning');
      await expect
        .poll(() => liveRegion(overlay).textContent())
        .toBe(m('ov_code_expires_soon').replace('$SECONDS$', '30'));

      const field = overlay.root.locator('.join-code');
      await field.getByText(m('ov_state_expired'), { exact: true }).waitFor({ timeout: 40_000 });
      expect(await timer(overlay).count()).toBe(0);
      expect(await overlay.button(m('ov_copy_code')).count()).toBe(0);
      const drawn = await group(overlay, issued.joinCode.slice(0, 3)).evaluate((el) => {
        const code = el.parentElement as Element;
        return {
          decoration: getComputedStyle(code).textDecorationLine,
          size: Number.parseFloat(getComputedStyle(code).fontSize),
        };
      });
      expect(drawn.decoration).toBe('line-through');
      expect(drawn.size).toBeLessThan(20);
      // Spoken after its tag, so a screen reader hears "Expired" first.
      const tree = await field.ariaSnapshot();
      expect(tree.indexOf(m('ov_state_expired'))).toBeLessThan(
        tree.indexOf(issued.joinCode.charAt(0)),
      );
    });
  });

  it('the pill: the countdown while offered, a tone and a word per state', async () => {
    const { id, overlay } = await start();
    await sandboxSession(sandbox.current, id);
    await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
    await overlay.button(m('ov_minimise')).click();
    const pill = overlay.root.getByRole('button', { name: new RegExp(`${m('ov_restore')}$`) });
    await pill.waitFor();
    const read = () =>
      pill.evaluate((el) => ({
        tone: el.getAttribute('data-tone'),
        background: getComputedStyle(el).backgroundColor,
        text: el.textContent ?? '',
      }));
    const offered = await read();
    expect(offered.tone).toBe('offered');
    expect(offered.text).toContain(m('ov_state_offered'));
    expect(offered.text).toMatch(new RegExp(m('ov_expires_in').replace('$TIME$', '\\d+:\\d\\d')));

    sandbox.current.customer(id, 'accept');
    await expect.poll(async () => (await read()).tone, { timeout: 20_000 }).toBe('active');
    const active = await read();
    expect(active.text).toContain(m('ov_state_active'));
    expect(active.text).not.toContain(m('ov_expires_in').replace(' $TIME$', ''));
    // Told apart by colour and by word.
    expect(active.background).not.toBe(offered.background);

    await ext.current.request('cobrowse.end', { conversationId: id });
    await expect.poll(async () => (await read()).tone, { timeout: 20_000 }).toBe('over');
    const over = await read();
    expect(over.text).toContain(m('ov_step_ended'));
    expect(new Set([offered.background, active.background, over.background]).size).toBe(3);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
