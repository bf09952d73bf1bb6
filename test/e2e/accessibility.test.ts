// Accessibility in real Chromium: axe-core (WCAG 2.0/2.1 A and AA rules, colour contrast with
// real layout) on every view — the options page, the popup, and the on-page panel in each kind
// (axe runs inside the panel's own frame, an extension page; laid out for messaging and for
// voice, with the countdown's last seconds, the expired code and Details open), in the light and
// the dark colour scheme — and the keyboard: a trigger moves the focus into the panel, where Tab reaches every
// action with a visible focus ring and Esc closes it, focus going back where it was on the page;
// in the popup the conversation list is chosen with the arrow keys, Tab and Enter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openPopupOver,
  pointExtensionAt,
  pressCommand,
  sandboxSession,
  signIn,
} from '../../tools/browser/agent';
import { freshConversation, startWithCommand } from '../../tools/browser/cobrowse';
import {
  overlayOn,
  popupSession,
  type SessionPanel,
  waitForPanelFrame,
} from '../../tools/browser/overlay';
import { useFixturePages } from './harness/fixture-pages';
import { SEED } from './harness/sandbox';
import { useAgentSuite } from './harness/suite';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The panel's root in its frame's document. */
const DIALOG = '[role="dialog"]';

interface AxeSummary {
  violations: { id: string; impact: string; help: string; nodes: string[] }[];
  /** Nodes axe checked (passed or violated) inside `within`: proves that part was seen. */
  nodesWithin: number;
  /** Nodes whose contrast axe could not decide (e.g. text over an image), with its reason. */
  contrastUndecided: string[];
}

/**
 * Runs axe on one document: a page's main frame, or the panel frame (an extension page in a
 * closed shadow root, which selectors cannot enter but Playwright reaches as a Frame). axe is
 * evaluated as a script through DevTools, not added as a <script> tag: extension pages' CSP
 * forbids inline scripts.
 */
async function runAxe(frame: Frame, within?: string): Promise<AxeSummary> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(
    async ({ within, tags }) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is loaded into the page at run time
      const axe = (window as any).axe;
      type Node = {
        target: unknown[];
        element?: Element;
        failureSummary?: string;
        any?: { data?: { messageKey?: string } }[];
      };
      type Rule = { id: string; impact: string; help: string; nodes: Node[] };
      const result: { violations: Rule[]; passes: Rule[]; incomplete: Rule[] } = await axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, elementRef: true },
      );
      const region = within ? document.querySelector(within) : null;
      return {
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map(
            (n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
          ),
        })),
        nodesWithin: [...result.passes, ...result.violations]
          .flatMap((r) => r.nodes)
          .filter((n) => Boolean(region && n.element && region.contains(n.element))).length,
        contrastUndecided: result.incomplete
          .filter((r) => r.id === 'color-contrast')
          .flatMap((r) => r.nodes)
          .map((n) => ({ target: n.target, reason: n.any?.[0]?.data?.messageKey ?? '?' }))
          // A symbol with no letters (the decorative "●" beside "Online") has no contrast to decide.
          .filter((n) => n.reason !== 'nonBmp')
          .map((n) => `${JSON.stringify(n.target)}: ${n.reason}`),
      };
    },
    { within, tags: WCAG_TAGS },
  );
}

function describeViolations(view: string, summary: AxeSummary): string {
  const lines = summary.violations.map(
    (v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`,
  );
  return `axe found ${summary.violations.length} violation(s) in ${view}:\n${lines.join('\n')}`;
}

/**
 * No violations, and every text's contrast was decided (an undecided one is not a pass). Soft:
 * a test goes on to its next view, so one run reports every view's findings.
 */
function expectClean(view: string, summary: AxeSummary): void {
  expect.soft(summary.violations, describeViolations(view, summary)).toEqual([]);
  expect.soft(summary.contrastUndecided, `contrast axe could not decide in ${view}`).toEqual([]);
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  expectClean(view, await runAxe(page.mainFrame()));
}

/** The one panel frame on the page (a second would be a second panel). */
async function onePanelFrame(page: Page): Promise<Frame> {
  const frame = await waitForPanelFrame(page);
  expect(
    page.frames().filter((f) => f.url() === frame.url()),
    'panel frames on the page',
  ).toHaveLength(1);
  return frame;
}

/**
 * axe on the panel's own document, once the panel takes clicks (shown and settled): the page is
 * not ours, and the panel is a document of its own in its frame.
 */
async function expectPanelAccessible(page: Page, panel: SessionPanel, view: string): Promise<void> {
  await panel.root.waitFor({ timeout: 20_000 });
  const summary = await runAxe(await onePanelFrame(page), DIALOG);
  expectClean(`the panel (${view})`, summary);
  expect(summary.nodesWithin, 'axe checked nodes inside the panel dialog').toBeGreaterThan(10);
}

/**
 * Switches the page to the dark colour scheme and waits until the panel's own document (an
 * out-of-process frame) sees it too and its stylesheet switched: the dialog's background is no
 * longer the light one.
 */
async function darkScheme(page: Page): Promise<void> {
  const frame = await onePanelFrame(page);
  const background = () =>
    frame.evaluate(
      (dialog) => getComputedStyle(document.querySelector(dialog) as Element).backgroundColor,
      DIALOG,
    );
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect
    .poll(() => frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), {
      message: 'the panel frame sees prefers-color-scheme: dark',
    })
    .toBe(true);
  await expect
    .poll(background, { message: `the panel background changes from the light ${light}` })
    .not.toBe(light);
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
      await options.getByRole('button', { name: m('options_test_connection') }).waitFor();
      // The extension id an admin's policy names, shown for copying.
      const id = options.getByRole('textbox', { name: m('options_extension_id') });
      expect(await id.inputValue()).toBe(new URL(ext.current.origin).host);
      await options.getByRole('button', { name: m('options_copy_extension_id') }).waitFor();
      // The notification settings are part of what axe checks.
      await options.getByRole('group', { name: m('options_notifications') }).waitFor();
      await expectAccessible(options, 'the options page');
    });

    it('popup: signed out', async () => {
      const popup = keep(await ext.current.openPopup());
      await popup.getByRole('button', { name: m('popup_sign_in') }).waitFor();
      await expectAccessible(popup, 'the signed-out popup');
    });

    it('options page: after Test connection, with the gaps shown', async () => {
      const session = ext.current;
      sandbox.current.settings({ autoApprove: true, autoApproveUserId: SEED.users.noCobrowse });
      try {
        const options = keep(await session.openOptions());
        await options.getByRole('button', { name: m('options_test_connection') }).click();
        const report = options.getByRole('region', { name: m('options_report_heading') });
        await report.getByRole('list', { name: m('options_report_gaps_heading') }).waitFor();
        // What was learned from the org is part of the report axe checks.
        await report.getByRole('region', { name: m('options_learned_heading') }).waitFor();
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
      await popup.getByRole('radiogroup', { name: m('popup_conversations_heading') }).waitFor();
      await expectAccessible(popup, 'the popup conversation list');
    });

    it('keyboard in the popup: the conversation list with the arrow keys, Tab and Enter', async () => {
      const session = ext.current;
      const target = SEED.conversations.agent.messagingOnline;
      endAfter(target);
      const page = await openAgentTool();
      const popup = keep(await openPopupOver(session, page));
      const group = popup.getByRole('radiogroup', { name: m('popup_conversations_heading') });
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

    it('panel and popup: a session offered, then active; the panel minimised', async () => {
      const session = ext.current;
      const { id, page, overlay } = await start();
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectPanelAccessible(page, overlay, 'offered');

      const popupPage = keep(await openPopupOver(session, page));
      const popup = popupSession(popupPage, session);
      await expect.poll(() => popup.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectAccessible(popupPage, 'the popup with a session offered');

      sandbox.current.customer(id, 'accept');
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
      await overlay.button(m('ov_open_viewer')).waitFor();
      await expectPanelAccessible(page, overlay, 'active');

      await overlay.button(m('ov_minimise')).click();
      await overlay.root.getByRole('button', { name: new RegExp(m('ov_restore')) }).waitFor();
      await expectPanelAccessible(page, overlay, 'minimised');
    });

    it('panel in the dark colour scheme: offered, active, minimised', async () => {
      const { id, page, overlay } = await start();
      await darkScheme(page);
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectPanelAccessible(page, overlay, 'offered, dark');

      await sandboxSession(sandbox.current, id);
      sandbox.current.customer(id, 'accept');
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
      await overlay.button(m('ov_open_viewer')).waitFor();
      await expectPanelAccessible(page, overlay, 'active, dark');

      await overlay.button(m('ov_minimise')).click();
      await overlay.root.getByRole('button', { name: new RegExp(m('ov_restore')) }).waitFor();
      await expectPanelAccessible(page, overlay, 'minimised, dark');
    });

    it('panel laid out for voice: the last seconds, Details open, the pill, the code expired; light and dark', async () => {
      const { offerTtlSeconds: ttl, voiceSignal } = sandbox.current.settings();
      // Short enough that the offer opens in its warning and expires while the test watches;
      // under voiceSignal 'none' the session stays offered, its code marked Expired by the view.
      sandbox.current.settings({ offerTtlSeconds: 25, voiceSignal: 'none' });
      try {
        const { page, overlay } = await start({ media: 'call' });
        const warning = overlay.root.locator('p.expiry.warning');
        await warning.waitFor({ timeout: 20_000 });
        await expectPanelAccessible(page, overlay, 'voice, the last seconds');
        await overlay.openDetails();
        await expectPanelAccessible(page, overlay, 'voice, Details open');
        await darkScheme(page);
        await expectPanelAccessible(page, overlay, 'voice, Details open, dark');

        await overlay.button(m('ov_minimise')).click();
        const pill = overlay.root.getByRole('button', { name: new RegExp(m('ov_restore')) });
        await pill.waitFor();
        await expectPanelAccessible(page, overlay, 'voice pill in the last seconds, dark');
        await pill.click();

        await overlay.root
          .locator('.join-code')
          .getByText(m('ov_state_expired'), { exact: true })
          .waitFor({ timeout: 40_000 });
        await expectPanelAccessible(page, overlay, 'voice, the code expired, dark');
        await page.emulateMedia({ colorScheme: 'light' });
        await expectPanelAccessible(page, overlay, 'voice, the code expired');
        await page.emulateMedia({ colorScheme: null });
      } finally {
        sandbox.current.settings({ offerTtlSeconds: ttl, voiceSignal });
      }
    });

    it('panel laid out for messaging: Details open, light and dark', async () => {
      const { page, overlay } = await start();
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await overlay.openDetails();
      await expectPanelAccessible(page, overlay, 'messaging, Details open');
      await darkScheme(page);
      await expectPanelAccessible(page, overlay, 'messaging, Details open, dark');
      await page.emulateMedia({ colorScheme: null });
    });

    it('panel: declined, with Offer again', async () => {
      const { id, page, overlay } = await start();
      await sandboxSession(sandbox.current, id);
      sandbox.current.customer(id, 'decline');
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_declined'));
      await overlay.button(m('ov_offer_again')).waitFor();
      await expectPanelAccessible(page, overlay, 'declined');
    });

    it('panel and popup: a failed session with the error view', async () => {
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
      await expectPanelAccessible(page, overlay, 'failed');
      await darkScheme(page);
      await expectPanelAccessible(page, overlay, 'failed, dark');
      await page.emulateMedia({ colorScheme: null });

      const popupPage = keep(await openPopupOver(session, page));
      const popup = popupSession(popupPage, session);
      await popup.root
        .getByRole('heading', { name: m('err_missing_permissions_title') })
        .waitFor({ timeout: 20_000 });
      await expectAccessible(popupPage, 'the popup with a failed session');
      await popup.root.getByText(m('ui_err_admin_details'), { exact: true }).click();
      await popup.root.getByText('conversation:cobrowse:add', { exact: false }).first().waitFor();
      await expectAccessible(popupPage, 'the popup with the admin details open');

      await popupPage.getByRole('button', { name: m('history_open') }).click();
      await popupPage.getByRole('list', { name: m('history_list_name') }).waitFor();
      await expectAccessible(popupPage, 'the popup History view');
    });

    it('panel: the picker (no conversation id on the page)', async () => {
      const page = await open(fixtures.url('no-ids.html'));
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.root.getByRole('list', { name: m('ov_picker_title') }).waitFor();
      await expectPanelAccessible(page, overlay, 'picker');
      await overlay.button(m('ov_cancel')).click();
    });

    it('the check itself: a low-contrast line planted in the panel frame is reported, light and dark', async () => {
      const page = await open(fixtures.url('no-ids.html'));
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.root.getByRole('list', { name: m('ov_picker_title') }).waitFor();
      const frame = await onePanelFrame(page);
      const plant = (line: { className: string; color: string; text: string }) =>
        frame.evaluate(
          ({ dialog, line }) => {
            const p = document.createElement('p');
            p.className = line.className;
            p.style.color = line.color;
            p.textContent = line.text;
            document.querySelector(dialog)?.append(p);
          },
          { dialog: DIALOG, line },
        );
      const contrastNodes = async (view: string) => {
        const summary = await runAxe(frame, DIALOG);
        return {
          nodes: summary.violations.find((v) => v.id === 'color-contrast')?.nodes,
          report: describeViolations(view, summary),
        };
      };

      // Light grey on the light panel.
      await plant({ className: 'planted', color: '#c8c8c8', text: 'Faint text' });
      await overlay.root.locator('.planted').waitFor();
      const light = await contrastNodes('the planted panel');
      expect(light.nodes, light.report).toEqual([expect.stringContaining('.planted')]);

      // In the dark scheme that line reads well, and a dark grey one (fine on white) does not:
      // axe judges the colours the dark scheme really paints.
      await darkScheme(page);
      await plant({ className: 'dim', color: '#3c3c3c', text: 'Dim text' });
      await overlay.root.locator('.dim').waitFor();
      const dark = await contrastNodes('the planted panel, dark');
      expect(dark.nodes, dark.report).toEqual([expect.stringContaining('.dim')]);
      await overlay.button(m('ov_cancel')).click();
    });

    it('panel: confirm (an id that is not the agent’s)', async () => {
      const foreign = SEED.conversations.messagingOnly.messagingOnline;
      const page = await openAgentTool(foreign);
      await pressCommand(ext.current, page);
      const overlay = await overlayOn(page, ext.current);
      await overlay.button(m('ov_start_anyway')).waitFor();
      await expectPanelAccessible(page, overlay, 'confirm');
      await overlay.button(m('ov_cancel')).click();
    });

    it('panel: the customer-offline question, then waiting for the customer', async () => {
      const id = SEED.conversations.agent.messagingOffline;
      const offline = await startWithCommand(ext.current, sandbox.current, endAfter(id));
      keep(offline.page);
      const view = offline.overlay;
      await view.button(m('ov_send_when_back')).waitFor({ timeout: 20_000 });
      await expectPanelAccessible(offline.page, view, 'customer-offline question');

      await view.button(m('ov_send_when_back')).click();
      await expect.poll(() => view.status(), { timeout: 20_000 }).toBe(m('ov_status_waiting'));
      await expectPanelAccessible(offline.page, view, 'waiting for the customer');
    });

    /** A page with a notes field (focused) naming one fresh conversation of the agent. */
    async function caseWithNotes(name: string) {
      const id = endAfter(freshConversation(sandbox.current));
      const page = await open(
        fixtures.page(
          name,
          `<!doctype html><html lang="en"><title>Case</title><main><h1>Case</h1>
            <p>Conversation ID: ${id}</p><label>Notes <input type="text"></label></main></html>`,
        ),
      );
      const notes = page.getByRole('textbox', { name: 'Notes' });
      await notes.focus();
      return { id, page, notes };
    }

    /**
     * The panel holds the keyboard focus: on the page, its host element (not the page's own
     * field), and in the panel's document, which has the focus, its dialog.
     */
    async function expectFocusInPanel(page: Page, frame: Frame): Promise<void> {
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const el = document.activeElement;
              return el?.localName === 'div' && el.parentElement === document.documentElement;
            }),
          { message: "the page's focus is on the panel's host" },
        )
        .toBe(true);
      await expect
        .poll(
          () =>
            frame.evaluate(() => ({
              hasFocus: document.hasFocus(),
              active:
                document.activeElement?.getAttribute('role') ?? document.activeElement?.localName,
            })),
          { message: "the panel's document has the focus, on its dialog" },
        )
        .toEqual({ hasFocus: true, active: 'dialog' });
    }

    it('keyboard: opening the panel on a page for the first time moves the focus into its dialog', async () => {
      const session = ext.current;
      const { page } = await caseWithNotes('first-open.html');
      await pressCommand(session, page);
      const overlay = await overlayOn(page, session);
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await expectFocusInPanel(page, await onePanelFrame(page));
      // From there the first Tab reaches the panel's first control.
      await page.keyboard.press('Tab');
      expect(
        await overlay
          .button(m('ov_move'))
          .evaluate((el) => el === document.activeElement && document.hasFocus()),
        'the first Tab reaches Move panel',
      ).toBe(true);
    });

    it('keyboard in the panel: Tab reaches every action with a visible focus ring; Esc closes, focus returns', async () => {
      const session = ext.current;
      const { id, page, notes } = await caseWithNotes('case-with-notes.html');
      // Opened once and closed with the pointer (the focus goes back to the notes), then opened
      // again from the keyboard: the panel's frame is already loaded (the first open on a page
      // has its own test above).
      await pressCommand(session, page);
      const overlay = await overlayOn(page, session);
      await expect.poll(() => overlay.status(), { timeout: 20_000 }).toBe(m('ov_status_offered'));
      await overlay.button(m('ov_close')).click();
      await overlay.root.waitFor({ state: 'hidden' });
      await expect.poll(() => notes.evaluate((el) => el === document.activeElement)).toBe(true);
      await pressCommand(session, page);
      await overlay.root.waitFor();
      const frame = await onePanelFrame(page);
      await expectFocusInPanel(page, frame);

      // The panel's actions, by their accessible names (the aria-label where there is one).
      const actions = await overlay.root
        .getByRole('button')
        .evaluateAll((buttons) =>
          buttons.map((b) => b.getAttribute('aria-label') ?? (b.textContent ?? '').trim()),
        );
      expect(actions).toEqual(
        expect.arrayContaining([
          m('ov_move'),
          m('ov_minimise'),
          m('ov_close'),
          m('ov_copy_code'),
          m('ov_end'),
        ]),
      );
      // Tab through the panel: each stop is the next of its buttons, drawn with a focus ring.
      const reached: string[] = [];
      for (const name of actions) {
        await page.keyboard.press('Tab');
        const button = overlay.root.getByRole('button', { name, exact: true });
        const focused = await button.evaluate((el) => {
          const style = getComputedStyle(el);
          return {
            isFocused: el === document.activeElement && document.hasFocus(),
            focusVisible: el.matches(':focus-visible'),
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            outlineWidth: Number.parseFloat(style.outlineWidth),
            outlineStyle: style.outlineStyle,
          };
        });
        expect(focused.isFocused, `Tab ${reached.length + 1} reaches ${name}`).toBe(true);
        if (!focused.isFocused) break;
        expect(focused.focusVisible, `${name} matches :focus-visible`).toBe(true);
        expect(focused.outlineStyle, `${name} outline: ${focused.outline}`).toBe('solid');
        expect(focused.outlineWidth, `${name} outline: ${focused.outline}`).toBeGreaterThanOrEqual(
          2,
        );
        reached.push(name);
      }
      expect(reached).toEqual(actions);

      await page.keyboard.press('Escape');
      await overlay.root.waitFor({ state: 'hidden' });
      // Closed: the frame is no longer shown on the page, and the focus is back in the notes.
      const frameElement = await frame.frameElement();
      await expect.poll(() => frameElement.isVisible()).toBe(false);
      await expect.poll(() => notes.evaluate((el) => el === document.activeElement)).toBe(true);
      // Closing the panel does not end the session.
      expect(sandbox.current.sessions().find((x) => x.conversationId === id)?.state).toBe(
        'offered',
      );
    });

    it('logged no errors, except the refusal the failed session causes', () => {
      ext.current.expectNoErrors([/\b403\b/]);
    });
  });
});
