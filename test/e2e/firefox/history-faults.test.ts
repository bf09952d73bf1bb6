// Firefox, headful under Xvfb, against the sandbox: the popup's history lists what happened
// (a declined offer, a session the agent ended), and a start that Genesys refuses shows what
// happened and what to do, with no offer made.
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequests, sandboxSession } from '../../../tools/browser/agent';
import { byRole, firefoxPanel } from '../../../tools/browser/firefox-panel';
import { pressStartOn, useFirefox, useFirefoxSandbox } from './harness';

const isLive = (s: { state: string }) => s.state === 'offered' || s.state === 'active';

describe('Firefox: history and faults', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);
  const m = (key: string) => ff.current.message(key);
  const pages: Page[] = [];
  const keep = (page: Page) => {
    pages.push(page);
    return page;
  };

  afterEach(async () => {
    const s = sandbox.current;
    s.clearFaults();
    for (const live of s.sessions().filter(isLive)) {
      await ff.current
        .request('cobrowse.end', { conversationId: live.conversationId })
        .catch(() => undefined);
    }
    await s.waitFor(() => !s.sessions().some(isLive));
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  async function signedIn() {
    sandbox.current.settings({ autoApprove: true });
    expect((await ff.current.request('auth.signIn', {})).signedIn).toBe(true);
  }

  /** A new conversation of the agent, started with the real shortcut; its panel. */
  async function started(customerName: string) {
    const s = sandbox.current;
    const conv = s.addConversation({ media: 'message', customerName });
    const page = keep(await pressStartOn(ff.current, s, conv.id));
    return { id: conv.id, page, panel: await firefoxPanel(page, ff.current) };
  }

  it('the popup’s history lists a declined offer and a session the agent ended, newest first', async () => {
    await signedIn();
    const s = sandbox.current;
    const declined = await started('Hedda Declines');
    await sandboxSession(s, declined.id);
    s.customer(declined.id, 'decline');
    await expect
      .poll(() => declined.panel.status(), { timeout: 20_000 })
      .toBe(m('ov_status_declined'));

    const ended = await started('Emil Ends');
    await sandboxSession(s, ended.id);
    s.customer(ended.id, 'accept');
    await expect.poll(() => ended.panel.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    // The active view in full (Open viewer shown) before the agent ends it.
    await ended.panel.control('button', m('ov_open_viewer'));
    await ended.panel.press('button', m('ov_end'));
    await expect.poll(() => ended.panel.status(), { timeout: 20_000 }).toBe(m('ov_status_ended'));

    const popup = keep(await ff.current.openPopup());
    await (await popup.waitForSelector(byRole('button', m('history_open'))))?.click();
    const list = await popup.waitForSelector(byRole('list', m('history_list_name')));
    const entries = await waitForEntries(list, [ended.id, declined.id]);
    const [newest, older] = entries;
    expect(newest).toContain(m('history_outcome_ended_by_agent'));
    expect(older).toContain(m('history_outcome_declined'));
  });

  it('a start Genesys refuses (403 missing.division.permission): what happened, what to do, no offer', async () => {
    await signedIn();
    const s = sandbox.current;
    s.fault({
      method: 'POST',
      path: '/cobrowse$',
      status: 403,
      code: 'missing.division.permission',
    });
    const { id, panel } = await started('Dora Division');
    await panel.frame.waitForSelector(
      byRole('heading', m('err_missing_division_permission_title')),
    );
    // What the agent sees: rendered text (the collapsed details are not in it).
    // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
    const text = await panel.frame.evaluate(() => document.body.innerText);
    expect(text).toContain(m('err_missing_division_permission_fix'));
    // Only the admin can fix it: copying the details for them is offered.
    await panel.control('button', m('ui_copy_for_admin'));
    // Positive control: the create request was made, and refused.
    expect(createRequests(s, id).map((r) => r.status)).toEqual([403]);
    expect(s.sessions().filter((x) => x.conversationId === id)).toEqual([]);
  });
});

/** The history list's entries (their text), once the first ones are the conversations `ids`. */
async function waitForEntries(
  list: Awaited<ReturnType<Page['waitForSelector']>>,
  ids: string[],
): Promise<string[]> {
  if (!list) throw new Error('no history list');
  await expect
    .poll(
      async () => {
        const texts = await list.evaluate((el) =>
          [...el.children].map((li) => li.textContent ?? ''),
        );
        return ids.every((id, i) => texts[i]?.includes(id));
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return list.evaluate((el) => [...el.children].map((li) => li.textContent ?? ''));
}
