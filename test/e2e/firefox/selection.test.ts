// Firefox, headful under Xvfb: the agent selects a conversation id on a page that lists several,
// right-clicks the selection for real and chooses the add-on's item with the keyboard: the
// selected conversation is started.
import { describe, expect, it } from 'vitest';
import { sandboxSession } from '../../../tools/browser/agent';
import { firefoxPanel } from '../../../tools/browser/firefox-panel';
import { SEED, useFirefox, useFirefoxSandbox } from './harness';

const agent = SEED.conversations.agent;

describe('Firefox: right-click on a selection', () => {
  const ff = useFirefox({ headful: true });
  const sandbox = useFirefoxSandbox(ff);

  it('a real right-click on the selected id, the add-on’s item chosen by keys: that conversation', async () => {
    const session = ff.current;
    const s = sandbox.current;
    s.settings({ autoApprove: true });
    expect((await session.request('auth.signIn', {})).signedIn).toBe(true);
    // Every conversation of the agent is on this page; the selection names one.
    const page = await session.openWebPage(`${s.url}/sandbox/agent-tool`);
    const box = await page.evaluate((id) => {
      const cell = [...document.querySelectorAll('td')].find((td) =>
        td.textContent?.includes(`Conversation ID: ${id}`),
      );
      if (!cell?.firstChild) return undefined;
      cell.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.selectNodeContents(cell.firstChild);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height, text: selection.toString() };
    }, agent.voice);
    if (!box) throw new Error('no conversation id cell');
    expect(box.text).toContain(agent.voice);
    const before = s.sessions().length;

    await session.rightClickInPage(page, box.x + box.width / 2, box.y + box.height / 2);
    const items = await session.contextMenuItems();
    // Firefox's selection menu (Copy, Select All, Search … for “Conversation ID…”, Inspect)
    // ends with the add-on's item: Up from nothing selected reaches it.
    expect(items).toContain('Copy');
    expect(items.at(-1)).toBe(session.message('popup_start'));
    await session.pressKeys(page, 'Up');
    await session.pressKeys(page, 'Return');

    const issued = await sandboxSession(s, agent.voice);
    const panel = await firefoxPanel(page, session);
    await expect.poll(() => panel.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    expect(
      s
        .sessions()
        .slice(before)
        .map((x) => x.id),
    ).toEqual([issued.id]);
    await session.request('cobrowse.end', { conversationId: agent.voice });
  });
});
