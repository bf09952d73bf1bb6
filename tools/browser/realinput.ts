// Real keyboard and mouse for headful Chromium under Xvfb, through xdotool: what Chrome receives
// is indistinguishable from an agent's input, so shortcuts, the toolbar popup and the native
// context menu are the real ones. No window manager runs, so windows are focused with
// `windowfocus`, never `windowactivate`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { ExtensionSession } from './browser';
import {
  type AxNode,
  accessibleNodes,
  CdpConnection,
  collectTargetErrors,
  listTargets,
} from './cdp';
import { type WaitOptions, waitFor } from './wait';

const run = promisify(execFile);

// Manifest key names that differ from X keysyms; modifiers and letters are just lowercased.
const KEYSYMS: Record<string, string> = {
  Comma: 'comma',
  Period: 'period',
  Space: 'space',
  PageUp: 'Page_Up',
  PageDown: 'Page_Down',
  MacCtrl: 'ctrl',
  Command: 'super',
};

/** A manifest shortcut ("Alt+Shift+O") as an xdotool key chord ("alt+shift+o"). */
export function xdotoolChord(shortcut: string): string {
  return shortcut
    .split('+')
    .map(
      (part) => KEYSYMS[part] ?? (/^(Ctrl|Alt|Shift)$|^.$/.test(part) ? part.toLowerCase() : part),
    )
    .join('+');
}

export class RealInput {
  constructor(readonly display: string) {}

  static for(session: ExtensionSession): RealInput {
    if (!session.display)
      throw new Error('real input needs a headful session (launchExtension({ headful: true }))');
    return new RealInput(session.display);
  }

  async xdotool(...args: string[]): Promise<string> {
    const { stdout } = await run('xdotool', args, {
      env: { ...process.env, DISPLAY: this.display },
    });
    return stdout.trim();
  }

  /** The browser's visible top-level windows (Chromium's X class is "chromium"). */
  async chromiumWindows(): Promise<string[]> {
    // xdotool exits 1 when nothing matches yet.
    const out = await this.xdotool('search', '--onlyvisible', '--class', 'chromium').catch(
      () => '',
    );
    return out.split('\n').filter(Boolean);
  }

  /** Gives keyboard focus to the browser window showing `page` (brought to front first). */
  async focusBrowser(page?: Page): Promise<string> {
    await page?.bringToFront();
    const [window] = await waitFor(
      async () => {
        const found = await this.chromiumWindows();
        return found.length > 0 ? found : undefined;
      },
      { message: 'a visible Chromium window' },
    );
    await this.xdotool('windowfocus', '--sync', window as string);
    return window as string;
  }

  /** Presses a key chord in the focused window, e.g. "alt+shift+o". */
  async key(...chords: string[]): Promise<void> {
    await this.xdotool('key', '--clearmodifiers', ...chords);
  }

  /** Moves the real pointer to screen coordinates and right-clicks. */
  async rightClickAt(x: number, y: number): Promise<void> {
    await this.xdotool(
      'mousemove',
      '--sync',
      String(Math.round(x)),
      String(Math.round(y)),
      'click',
      '3',
    );
  }

  /**
   * Right-clicks at a point of the page's viewport: the window sits at the screen's origin
   * (no window manager), so the viewport's offset is the browser UI above and beside it.
   */
  async rightClickInPage(page: Page, x: number, y: number): Promise<void> {
    const offset = await page.evaluate(() => ({
      left: window.screenX + (window.outerWidth - window.innerWidth) / 2,
      top: window.screenY + (window.outerHeight - window.innerHeight),
    }));
    await this.rightClickAt(offset.left + x, offset.top + y);
  }

  /**
   * Chromium's own notification toast: with no desktop notification service (as under Xvfb),
   * Chromium shows a notification as an untitled top-level window that slides in at the
   * screen's bottom right. Found once it has stopped moving (the same place on two reads).
   */
  async notificationToast(options: WaitOptions = {}): Promise<Box> {
    const [screenWidth] = (await this.xdotool('getdisplaygeometry')).split(' ').map(Number);
    let last = '';
    return waitFor(
      async () => {
        const ids = await this.xdotool('search', '--onlyvisible', '--name', '^$').catch(() => '');
        for (const id of ids.split('\n').filter(Boolean)) {
          const geometry = await this.xdotool('getwindowgeometry', '--shell', id);
          const box = boxOf(geometry);
          // The toast sits inside the screen's right edge, never at the origin like the root.
          if (!box || box.x === 0 || box.x + box.width > (screenWidth ?? 0)) continue;
          const key = JSON.stringify(box);
          const settled = key === last;
          last = key;
          if (settled) return box;
        }
        return undefined;
      },
      { message: 'a notification toast on the screen', ...options },
    );
  }

  /** Left-clicks at screen coordinates with the real pointer. */
  async clickAt(x: number, y: number): Promise<void> {
    await this.xdotool('mousemove', '--sync', String(Math.round(x)), String(Math.round(y)));
    await this.xdotool('click', '1');
  }

  /**
   * Picks the extension's item in Chrome's native context menu, which sits `fromBottom` items
   * above the end of the menu (the end holds "View page source" and "Inspect"): Up from the
   * top wraps to the last item, then Up again to reach it.
   */
  async chooseContextMenuItemFromBottom(fromBottom: number): Promise<void> {
    await this.key(...Array<string>(fromBottom + 1).fill('Up'), 'Return');
  }
}

/** A window's place and size on the screen. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `xdotool getwindowgeometry --shell` output (X=…, Y=…, WIDTH=…, HEIGHT=…) as a Box. */
function boxOf(shell: string): Box | undefined {
  const read = (name: string) => Number(new RegExp(`^${name}=(\\d+)$`, 'm').exec(shell)?.[1]);
  const box = { x: read('X'), y: read('Y'), width: read('WIDTH'), height: read('HEIGHT') };
  return Object.values(box).every(Number.isFinite) ? box : undefined;
}

export interface PopupTarget {
  cdp: CdpConnection;
  url: string;
  /** Console errors and exceptions of the popup since it opened (replayed on attach). */
  errors: string[];
  /** The popup's accessibility tree: roles and names. */
  accessibleNodes(): Promise<AxNode[]>;
  /** Waits until a node with this role (and name, if given) is in the popup. */
  waitForRole(role: string, name?: string | RegExp, options?: WaitOptions): Promise<AxNode>;
  evaluate<T>(expression: string): Promise<T>;
  close(): void;
}

/**
 * The real toolbar popup is a DevTools target of type "page" with the popup's URL, but Playwright
 * does not list it in context.pages(): find it over the remote debugging port and attach.
 */
export async function findPopupTarget(
  session: ExtensionSession,
  options: WaitOptions = {},
): Promise<PopupTarget> {
  const url = `${session.origin}/${session.manifest.action?.default_popup}`;
  const target = await waitFor(
    async () =>
      (await listTargets(session.devtoolsPort)).find(
        (candidate) => candidate.type === 'page' && candidate.url === url,
      ),
    { message: `a popup target at ${url}`, ...options },
  );
  const cdp = await CdpConnection.connect(target.webSocketDebuggerUrl as string);
  const errors = await collectTargetErrors(cdp);
  await cdp.send('Accessibility.enable');
  const matches = (node: AxNode, role: string, name?: string | RegExp) =>
    node.role === role &&
    (name === undefined || (typeof name === 'string' ? node.name === name : name.test(node.name)));
  return {
    cdp,
    url,
    errors,
    accessibleNodes: () => accessibleNodes(cdp),
    waitForRole: (role, name, waitOptions) =>
      waitFor(async () => (await accessibleNodes(cdp)).find((node) => matches(node, role, name)), {
        message: `role ${role}${name ? ` named ${name}` : ''} in the popup`,
        ...waitOptions,
      }),
    evaluate: (expression) => cdp.evaluate(expression),
    close: () => cdp.close(),
  };
}
