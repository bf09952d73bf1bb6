// Accessibility in real Chromium: axe-core (WCAG 2.0/2.1 A and AA rules, colour contrast with
// real layout) on every view — the options page, the popup, and the on-page overlay in each
// kind, its open shadow root included — and the keyboard: in the overlay Tab reaches every
// action with a visible focus ring and Esc closes it, focus going back where it was on the page;
// in the popup the conversation list is chosen with the arrow keys, Tab and Enter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openPopupOver,
  pressCommand,
  sandboxSession,
  signIn,
  useFixturePages,
} from './harness/agent';
import { freshConversation, startWithCommand } from './harness/cobrowse';
import { overlayOn, popupSession } from './harness/overlay';
import { pointExtensionAt, SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOST = 'cobrowse-launcher-overlay';

interface AxeSummary {
  violations: { id: string; impact: string; help: string; nodes: string[] }[];
  /** Nodes axe checked (passed or violated) inside a shadow root: proves the overlay was seen. */
  shadowNodes: number;
  /** Nodes whose contrast axe could not decide (e.g. text over an image), with its reason. */
  contrastUndecided: string[];
}

/**
 * Runs axe on the page (or only under `include`, e.g. the overlay's host, whose open shadow
 * root axe walks). axe is evaluated as a script, not added as a <script> tag: extension pages'
 * CSP forbids inline scripts.
 */
async function runAxe(page: Page, include?: string): Promise<AxeSummary> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is loaded into the page at run time
      const axe = (window as any).axe;
      type Node = {
        target: unknown[];
        failureSummary?: string;
        any?: { data?: { messageKey?: string } }[];
      };
      type Rule = { id: string; impact: string; help: string; nodes: Node[] };
      // axe lays the page out from <body> (its element grid starts there), and the overlay's
      // host is appended after <body>, to <html>: there axe cannot decide any colour contrast.
      // For the run the host goes to the end of <body> — fixed position, colours from its own
      // shadow root, so the same pixels — and then back where it was.
      const host = include ? document.querySelector(include) : null;
      const home = host && { parent: host.parentNode, next: host.nextSibling };
      if (host && host.parentNode !== document.body) document.body.append(host);
      let result: { violations: Rule[]; passes: Rule[]; incomplete: Rule[] };
      try {
        result = await axe.run(include ? { include: [include] } : document, {
          runOnly: { type: 'tag', values: tags },
        });
      } finally {
        if (host && home?.parent && host.parentNode !== home.parent) {
          home.parent.insertBefore(host, home.next);
        }
      }
      const inShadow = (n: Node) => Array.isArray(n.target[0]);
      return {
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map(
            (n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
          ),
        })),
        shadowNodes: [...result.passes, ...result.violations]
          .flatMap((r) => r.nodes)
          .filter(inShadow).length,
        contrastUndecided: result.incomplete
          .filter((r) => r.id === 'color-contrast')
          .flatMap((r) => r.nodes)
          .map((n) => ({ target: n.target, reason: n.any?.[0]?.data?.messageKey ?? '?' }))
          // A symbol with no letters (the decorative "●" beside "Online") has no contrast to decide.
          .filter((n) => n.reason !== 'nonBmp')
          .map((n) => `${JSON.stringify(n.target)}: ${n.reason}`),
      };
    },
    { include, tags: WCAG_TAGS },
  );
}

function describeViolations(view: string, summary: AxeSummary): string {
  const lines = summary.violations.map(
    (v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`,
  );
  return `axe found ${summary.violations.length} violation(s) in ${view}:\n${lines.join('\n')}`;
}

/** No violations, and every text's contrast was decided (an undecided one is not a pass). */
function expectClean(view: string, summary: AxeSummary): void {
  expect(summary.violations, describeViolations(view, summary)).toEqual([]);
  expect(summary.contrastUndecided, `contrast axe could not decide in ${view}`).toEqual([]);
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  expectClean(view, await runAxe(page));
}

/** axe on the overlay's host element and its shadow root only (the page is not ours). */
async function expectOverlayAccessible(page: Page, view: string): Promise<void> {
  expect(await page.locator(HOST).count(), `${HOST} on the page`).toBe(1);
  const summary = await runAxe(page, HOST);
  expectClean(`the overlay (${view})`, summary);
  expect(summary.shadowNodes, 'axe checked nodes inside the overlay shadow root').toBeGreaterThan(
    10,
  );
}

describe('accessibility: axe-core on every view, and the keyboard', () => {
  const { ext, sandbox, m, keep, endAfter, open, openAgentTool, start } = useAgentSuite({
    signedIn: false,
  });
  const fixtures = useFixturePages();

  describe('signed out', () => {
    it('options page: initial', async () => {
      const options = keep(await ext.current.openOptions());
      await options.getByRole('button', { name: m('options_save') }).waitFor();
      await options.getByRole('button', { name: m('options_testConnection') }).waitFor();
      await expectAccessible(options, 'the options page');
    });

    it('popup: signed out', async () => {
      const popup = keep(await ext.current.openPopup());
      await popup.getByRole('button', { name: m('popup_signIn') }).waitFor();
      await expectAccessible(popup, 'the signed-out popup');
    });

    it('options page: after Test connection, with the gaps shown', async () => {
      const session = ext.current;
      sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.noCobrowse });
      try {
        const options = keep(await session.openOptions());
        await options.getByRole('button', { name: m('options_testConnection') }).click();
        const report = options.getByRole('region', { name: m('options_reportHeading') });
        await report.getByRole('list', { name: m('options_reportGapsHeading') }).waitFor();
        await expectAccessible(options, 'the options page with the connection report');
      } finally {
        await session.request('auth.signOut', {});
        await pointExtensionAt(session, sandbox.current.url);
        sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.agent });
      }
    });
  });

  describe('signed in', () => {
    beforeAll(async () => {
      await signIn(ext.current, sandbox.current);
    });

    it('popup: the conversation list', async () => {
      const page = await openAgentTool();
      const popup = keep(await openPopupOver(ext.current, page));
      await popup.getByRole('radiogroup', { name: m('popup_conversationsHeading') }).waitFor();
      await expectAccessible(popup, 'the popup conversation list');
    });

    it('keyboard in the popup: the conversation list with the arrow keys, Tab and Enter', async () => {
      const session = ext.current;
      const target = SEED.conversations.agent.messagingOnline;
      endAfter(target);
      const page = await openAgentTool();
      const popup = keep(await openPopupOver(session, page));
      const group = popup.getByRole('radiogroup', { name: m('popup_conversationsHeading') });
      await group.waitFor();
      const focusedRadio = () =>
        popup.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return el?.type === 'radio' ? { value: el.value, checked: el.checked } : null;
        });

      // Tab from the top of the popup to the list (one stop for the whole radio group).
      let radio = null as Awaited<ReturnType<typeof focusedRadio>>;
      for (let i = 0; i < 10 && !radio; i++) {
        await popup.keyboard.press('Tab');
        radio = await focusedRadio();
      }
      expect(radio, 'Tab reaches the conversation list').not.toBeNull();

      // The arrow keys move through the conversations that can cobrowse, choosing each one.
      const enabled = await group
        .getByRole('radio')
        .evaluateAll((radios) =>
          radios
            .filter((r) => !(r as HTMLInputElement).disabled)
            .map((r) => (r as HTMLInputElement).value),
        );
      expect(enabled).toContain(target);
      const visited = new Set<string>();
      for (let i = 0; i < enabled.length && radio?.value !== target; i++) {
        await popup.keyboard.press('ArrowDown');
        radio = await focusedRadio();
        expect(radio?.checked, 'the arrow key chooses the conversation it moves to').toBe(true);
        if (radio) visited.add(radio.value);
      }
      expect(radio?.value).toBe(target);
      for (const value of visited) expect(enabled).toContain(value);

      // Tab leaves the group for Start; Enter starts the chosen conversation.
      await popup.keyboard.press('Tab');
      expect(
        await popup.evaluate(() =>
          (document.activeElement as HTMLElement | null)?.textContent.trim(),
        ),
      ).toBe(m('popup_start'));
      await popup.keyboard.press('Enter');
      await sandboxSession(sandbox.current, target);
      await expect
        .poll(() => popupSession(popup, session).status(), { timeout: 20_000 })
        .toBe(m('ov_status_offered'));
    });

    it('overlay and popup: a session offered, then active; the overlay minimised', async () => {
      const session = ext.current;
      const { id, page, overlay } = await start();
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectOverlayAccessible(page, 'offered');

      const popupPage = keep(await openPopupOver(session, page));
      const popup = popupSession(popupPage, session);
      await expect.poll(() => popup.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectAccessible(popupPage, 'the popup with a session offered');

      sandbox.current.customer(id, 'accept');
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
      await overlay.button(m('ov_open_viewer')).waitFor();
      await expectOverlayAccessible(page, 'active');

      await overlay.button(m('ov_minimise')).click();
      await overlay.root.getByRole('button', { name: new RegExp(m('ov_restore')) }).waitFor();
      await expectOverlayAccessible(page, 'minimised');
    });

    it('overlay: declined, with Offer again', async () => {
      const { id, page, overlay } = await start();
      await sandboxSession(sandbox.current, id);
      sandbox.current.customer(id, 'decline');
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_declined'));
      await overlay.button(m('ov_offer_again')).waitFor();
      await expectOverlayAccessible(page, 'declined');
    });

    it('overlay and popup: a failed session with the error view', async () => {
      const session = ext.current;
      sandbox.current.fault({
        method: 'POST',
        path: '/cobrowse$',
        status: 403,
        code: 'missing.any.permissions',
        message:
          'You must have at least one of the following permissions assigned: conversation:cobrowse:add',
      });
      const { page, overlay } = await start();
      await overlay.root
        .getByRole('heading', { name: m('err_missing_permissions_title') })
        .waitFor({ timeout: 20_000 });
      await expectOverlayAccessible(page, 'failed');

      const popupPage = keep(await openPopupOver(session, page));
      const popup = popupSession(popupPage, session);
      await popup.root
        .getByRole('heading', { name: m('err_missing_permissions_title') })
        .waitFor({ timeout: 20_000 });
      await expectAccessible(popupPage, 'the popup with a failed session');

      await popupPage.getByRole('button', { name: m('history_open') }).click();
      await popupPage.getByRole('list', { name: m('history_listName') }).waitFor();
      await expectAccessible(popupPage, 'the popup History view');
    });

    it('overlay: the picker (no conversation id on the page)', async () => {
      const page = await open(fixtures.url('no-ids.html'));
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.root.getByRole('list', { name: m('ov_picker_title') }).waitFor();
      await expectOverlayAccessible(page, 'picker');
      await overlay.button(m('ov_cancel')).click();
    });

    it('the check itself: a low-contrast line planted in the overlay shadow root is reported', async () => {
      const page = await open(fixtures.url('no-ids.html'));
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.root.getByRole('list', { name: m('ov_picker_title') }).waitFor();
      await page.evaluate((host) => {
        const dialog = document.querySelector(host)?.shadowRoot?.querySelector('[role="dialog"]');
        const faint = document.createElement('p');
        faint.className = 'planted';
        faint.style.color = '#c8c8c8';
        faint.textContent = 'Faint text';
        dialog?.append(faint);
      }, HOST);
      const summary = await runAxe(page, HOST);
      const contrast = summary.violations.find((v) => v.id === 'color-contrast');
      expect(contrast?.nodes, describeViolations('the planted overlay', summary)).toEqual([
        expect.stringContaining(`[["${HOST}",".planted"]]`),
      ]);
      await overlay.button(m('ov_cancel')).click();
    });

    it('overlay: confirm (an id that is not the agent’s)', async () => {
      const foreign = SEED.conversations.messagingOnly.messagingOnline;
      const page = await openAgentTool(foreign);
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.button(m('ov_start_anyway')).waitFor();
      await expectOverlayAccessible(page, 'confirm');
      await overlay.button(m('ov_cancel')).click();
    });

    it('overlay: the customer-offline question, then waiting for the customer', async () => {
      const id = SEED.conversations.agent.messagingOffline;
      const offline = await startWithCommand(ext.current, sandbox.current, endAfter(id));
      keep(offline.page);
      const view = offline.overlay;
      await view.button(m('ov_send_when_back')).waitFor({ timeout: 20_000 });
      await expectOverlayAccessible(offline.page, 'customer-offline question');

      await view.button(m('ov_send_when_back')).click();
      await expect.poll(() => view.status(), { timeout: 20_000 }).toBe(m('ov_status_waiting'));
      await expectOverlayAccessible(offline.page, 'waiting for the customer');
    });

    it('keyboard in the overlay: Tab reaches every action with a visible focus ring; Esc closes, focus returns', async () => {
      const session = ext.current;
      const id = endAfter(freshConversation(sandbox.current));
      const page = await open(
        fixtures.page(
          'case-with-notes.html',
          `<!doctype html><html lang="en"><title>Case</title><main><h1>Case</h1>
            <p>Conversation ID: ${id}</p><label>Notes <input type="text"></label></main></html>`,
        ),
      );
      const notes = page.getByRole('textbox', { name: 'Notes' });
      await notes.focus();
      await pressCommand(session, page);
      const overlay = await overlayOn(page, session);
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      // The overlay took focus (its dialog) when it opened.
      expect(await page.evaluate((host) => document.activeElement?.localName === host, HOST)).toBe(
        true,
      );

      const actions = await overlay.root
        .getByRole('button')
        .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).textContent.trim()));
      expect(actions).toEqual(
        expect.arrayContaining([m('ov_minimise'), m('ov_close'), m('ov_end')]),
      );
      // Tab through the overlay: each stop is one of its buttons, drawn with a focus ring.
      const reached: string[] = [];
      for (let i = 0; i < actions.length; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate((host) => {
          const el = document.querySelector(host)?.shadowRoot?.activeElement as HTMLElement | null;
          if (!el) return null;
          const style = getComputedStyle(el);
          return {
            name: el.textContent.trim(),
            focusVisible: el.matches(':focus-visible'),
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            outlineWidth: Number.parseFloat(style.outlineWidth),
            outlineStyle: style.outlineStyle,
          };
        }, HOST);
        expect(focused, `Tab ${i + 1} stays in the overlay`).not.toBeNull();
        if (!focused) break;
        expect(focused.focusVisible, `${focused.name} matches :focus-visible`).toBe(true);
        expect(focused.outlineStyle, `${focused.name} outline: ${focused.outline}`).toBe('solid');
        expect(
          focused.outlineWidth,
          `${focused.name} outline: ${focused.outline}`,
        ).toBeGreaterThanOrEqual(2);
        reached.push(focused.name);
      }
      expect(reached).toEqual(actions);

      await page.keyboard.press('Escape');
      await overlay.root.waitFor({ state: 'hidden' });
      expect(await notes.evaluate((el) => el === document.activeElement)).toBe(true);
      // Closing the overlay does not end the session.
      expect(sandbox.current.sessions().find((x) => x.conversationId === id)?.state).toBe(
        'offered',
      );
    });

    it('logged no errors, except the refusal the failed session causes', () => {
      ext.current.expectNoErrors([/\b403\b/]);
    });
  });
});
