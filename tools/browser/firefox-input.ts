// Real input for headful Firefox under Xvfb (xdotool), and where to aim it: the window, the
// toolbar popup's controls, the open context menu's items.
import type { Page } from 'puppeteer-core';
import type { ParentScript } from './firefox-parent';
import { RealInput } from './realinput';
import { waitFor } from './wait';
import type { Xvfb } from './xvfb';

/** Brings `page` to the front and gives its window the keyboard. */
export async function focusWindow(xvfb: Xvfb | undefined, page: Page): Promise<RealInput> {
  if (!xvfb)
    throw new Error('real input needs a headful session (launchFirefox({ headful: true }))');
  const input = new RealInput(xvfb.display);
  await page.bringToFront();
  // Firefox's X class is "firefox-esr" (Debian) or "firefox"; no window manager runs, so the
  // window is focused with windowfocus, never windowactivate.
  const [window] = await waitFor(
    async () => {
      const out = await input
        .xdotool('search', '--onlyvisible', '--class', 'firefox')
        .catch(() => '');
      const found = out.split('\n').filter(Boolean);
      return found.length ? found : undefined;
    },
    { message: 'a visible Firefox window' },
  );
  await input.xdotool('windowfocus', '--sync', window as string);
  return input;
}

type InExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>;

/** The screen point of an enabled control of the real toolbar popup (see FirefoxSession). */
export function popupControlOf(
  evalInExtension: InExtension,
  role: 'button' | 'radio',
  name: string,
): Promise<{ x: number; y: number }> {
  // Firefox sizes the popup to its content after it opens, so a control can move: its point is
  // reported once two reads agree and the popup has the keyboard (it takes input).
  let last = '';
  return waitFor(
    async () => {
      const point = await evalInExtension(
        ({ role, name }) => {
          type Views = { extension: { getViews(q: object): Window[] } };
          const [view] = (globalThis as unknown as { browser: Views }).browser.extension.getViews({
            type: 'popup',
          });
          if (!view?.document.hasFocus()) return undefined;
          const selector = role === 'button' ? 'button, [role=button]' : 'input[type=radio]';
          const found = [...view.document.querySelectorAll<HTMLElement>(selector)].find(
            (el) =>
              (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name &&
              !(el as HTMLButtonElement).disabled,
          );
          if (!found) return undefined;
          found.scrollIntoView({ block: 'center' });
          const box = found.getBoundingClientRect();
          const screen = view as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
          return {
            x: screen.mozInnerScreenX + box.x + box.width / 2,
            y: screen.mozInnerScreenY + box.y + box.height / 2,
          };
        },
        { role, name },
      );
      const seen = JSON.stringify(point ?? null);
      const steady = point !== undefined && seen === last;
      last = seen;
      return steady ? point : undefined;
    },
    { message: `the toolbar popup's ${role} "${name}", still and focused` },
  );
}

/** The labels of the open page context menu's visible items, in order. */
export function contextMenuItemsOf(inParent: ParentScript): Promise<string[]> {
  return waitFor(
    async () => {
      const items = JSON.parse(
        await inParent<string>(`
          const menu = Services.wm.getMostRecentWindow('navigator:browser').document
            .getElementById('contentAreaContextMenu');
          if (menu.state !== 'open') return 'null';
          return JSON.stringify([...menu.children]
            .filter((c) => !c.hidden && c.localName !== 'menuseparator')
            .map((c) => c.label ?? ''));`),
      ) as string[] | null;
      return items ?? undefined;
    },
    { message: 'the page context menu open' },
  );
}

/**
 * Closes the toolbar popup if it is open, as a click elsewhere would; resolves once it is closed.
 * Without a window manager under Xvfb, Firefox does not close it when focus moves on.
 */
export async function closeToolbarPopupOf(inParent: ParentScript): Promise<void> {
  const openPanels = `[...Services.wm.getMostRecentWindow('navigator:browser').document
    .querySelectorAll('panel')].filter((p) => p.state === 'open' || p.state === 'showing')`;
  await inParent(`for (const p of ${openPanels}) p.hidePopup(); return true;`);
  await waitFor(async () => (await inParent<number>(`return ${openPanels}.length;`)) === 0, {
    message: 'the toolbar popup closed',
  });
}
