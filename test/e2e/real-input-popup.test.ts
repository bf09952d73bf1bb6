// Real input: under Xvfb, the manifest's _execute_action shortcut pressed with xdotool opens the
// real toolbar popup (not a tab showing the popup's page). Also proves the right-click helper
// that the context-menu tests build on.
import { describe, expect, it } from 'vitest';
import { listTargets } from '../../tools/browser/cdp';
import { findPopupTarget, RealInput, xdotoolChord } from '../../tools/browser/realinput';
import { waitFor } from '../../tools/browser/wait';
import { useExtension } from './harness/fixture';

describe('real input', () => {
  const ext = useExtension({ headful: true });

  it('the _execute_action shortcut opens the real popup, which has focus', async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const shortcut = session.manifest.commands?._execute_action?.suggested_key?.default;
    expect(shortcut).toBe('Alt+Shift+O');
    const popupUrl = `${session.origin}/${session.manifest.action?.default_popup}`;
    const popupTargets = async () =>
      (await listTargets(session.devtoolsPort)).filter((target) => target.url === popupUrl);

    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto('data:text/html,<title>Agent tool</title><h1>Customer record</h1>');
    expect(await popupTargets()).toEqual([]);

    await input.focusBrowser(page);
    await input.key(xdotoolChord(shortcut as string));

    const popup = await findPopupTarget(session);
    try {
      // Not a tab: Playwright sees only our page, the popup is the browser's own bubble.
      expect(session.context.pages().map((p) => p.url())).not.toContain(popupUrl);
      await popup.waitForRole('heading', session.message('ext_name'));
      await popup.waitForRole('button', session.message('popup_open_settings'));
      expect(popup.errors).toEqual([]);

      // The popup holds keyboard focus: Escape, typed for real, closes it.
      await input.key('Escape');
      await waitFor(async () => (await popupTargets()).length === 0, {
        message: 'the popup to close on Escape',
      });
    } finally {
      popup.close();
    }
    session.expectNoErrors();
  });

  it("a real right-click opens Chrome's native menu, whose items the keyboard picks", async () => {
    const session = ext.current;
    const input = RealInput.for(session);
    const source = '<h1 style="margin:120px">Customer record</h1>';
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(`data:text/html,${encodeURIComponent(source)}`);
    await input.focusBrowser(page);
    const opened = session.context.waitForEvent('page');
    await input.rightClickInPage(page, 300, 300);
    // The menu ends with "View page source" and "Inspect": one above the bottom.
    await input.chooseContextMenuItemFromBottom(1);
    const viewSource = await opened;
    // The new tab shows the markup as text, where the page itself renders a heading.
    await viewSource.getByText(source).waitFor();
    await viewSource.close();
  });
});
