// The on-page panel against a hostile page. The panel is an extension page in a frame whose host
// element sits in a CLOSED shadow root: a page script can find the host element, but not read
// the session it shows, not drive it with the agent's keys or clicks, not stop it from showing,
// and not embed the panel page itself to get a view of its own. Every attack below runs as a
// page script (the page's main world, as a hostile site's own code would); each test also shows
// that the attack really reached what it aimed at (the positive control), and that the agent's
// own input still works.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PANEL_INIT } from '../../src/shared/panel-link';
import { pressCommand, sandboxSession } from '../../tools/browser/agent';
import { freshConversation, storedSession } from '../../tools/browser/cobrowse';
import { overlayOn } from '../../tools/browser/overlay';
import { embedPanelWithForgedKey } from '../../tools/browser/page-attacks';
import { waitFor } from '../../tools/browser/wait';
import { contentWorld } from '../../tools/browser/worlds';
import { useFixturePages } from './harness/fixture-pages';
import { panelReady, startOnPage } from './harness/panel-start';
import { useAgentSuite } from './harness/suite';

/** A value only the page's own open shadow root holds: the probe must find it. */
const PLANTED = 'planted-by-the-page-4f1d9c';
/** A value in a frame the page made itself (same origin): the probe must find it too. */
const PLANTED_IN_FRAME = 'planted-in-the-page-frame-7b20e1';
const OWN_FRAME = `<iframe title="The page's own frame" srcdoc="<p>${PLANTED_IN_FRAME}</p>"></iframe>`;
const CUSTOMER = 'Quillon Vantablack';

/**
 * An agent's page: it shows the conversation id (so the shortcut starts at once), has a chat box
 * of its own and a widget in an open shadow root it made itself.
 */
function agentPage(
  conversationId: string,
  { head = '', body = '', html = '', widget = true } = {},
): string {
  return `<!doctype html>
<html lang="en" ${html}><head><meta charset="utf-8"><title>Support desk</title>${head}</head>
<body>
<main>
  <h1>Support desk</h1>
  <p>Conversation ID: <code>${conversationId}</code></p>
  <label for="chat">Reply to the customer</label>
  <textarea id="chat"></textarea>
  <section id="widget"></section>
</main>
<script>
  // The page's own way to find the panel's host: the element stacked above everything.
  window.findHost = () =>
    [...document.querySelectorAll('*')].find((el) => getComputedStyle(el).zIndex === '2147483647');
  ${widget ? `document.getElementById('widget').attachShadow({ mode: 'open' }).innerHTML = '<span>${PLANTED}</span>';` : ''}
</script>
${body}
</body></html>`;
}

/** What a page script finds when it hunts for the panel's data. */
interface Hunt {
  /** Everything readable the hunt collected, as text. */
  text: string;
  /** The page's elements with the host's stacking (z-index 2147483647): tag and shadowRoot. */
  hosts: { tag: string; shadowRoot: 'open' | 'null' }[];
  /** window.frames.length, and what each cross-origin read did. */
  frames: number;
  frameReads: string[];
  /** <iframe> elements the page's DOM (open roots included) shows. */
  iframes: number;
  /** Element ids that look like the old overlay's (ov-…). */
  overlayIds: string[];
}

/** The page's own hunt, in its main world: the DOM, every open shadow root, frames, timings. */
function hunt(page: Page): Promise<Hunt> {
  return page.evaluate(() => {
    const found: string[] = [];
    const hosts: { tag: string; shadowRoot: 'open' | 'null' }[] = [];
    const overlayIds: string[] = [];
    let iframes = 0;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        for (const name of el.getAttributeNames()) found.push(`${name}=${el.getAttribute(name)}`);
        if (/^ov-/.test(el.id)) overlayIds.push(el.id);
        if (el.tagName === 'IFRAME') iframes++;
        if (getComputedStyle(el).zIndex === '2147483647') {
          hosts.push({
            tag: el.tagName.toLowerCase(),
            shadowRoot: el.shadowRoot ? 'open' : 'null',
          });
        }
        if (el.shadowRoot) {
          found.push(el.shadowRoot.innerHTML);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    found.push(document.documentElement.outerHTML, document.body.textContent ?? '', document.title);
    const frameReads: string[] = [];
    for (let i = 0; i < window.frames.length; i++) {
      const w = window.frames[i] as Window;
      const reads = [
        () => w.document.documentElement.outerHTML,
        () => w.location.href,
        () => w.name,
        () => w.document.title,
      ];
      for (const read of reads) {
        try {
          found.push(String(read()));
          frameReads.push('read');
        } catch (e) {
          frameReads.push((e as Error).name);
        }
      }
    }
    for (const entry of performance.getEntries()) found.push(entry.name);
    found.push(
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      window.name,
      location.href,
      document.cookie,
    );
    return {
      text: found.join('\n'),
      hosts,
      frames: window.frames.length,
      frameReads,
      iframes,
      overlayIds,
    };
  });
}

/**
 * Counts, inside the panel frame, the clicks that reached the End button (window capture: before
 * the panel's own handlers) and those that got past the panel's guard to the button's handler
 * (window bubble: after it; a refused click stops propagating before the button).
 */
async function watchEndClicks(frame: Frame, endLabel: string) {
  await frame.evaluate((label) => {
    const w = window as unknown as { __endClicks: { reached: number[]; passed: number[] } };
    w.__endClicks = { reached: [], passed: [] };
    const isEnd = (e: Event) =>
      (e.target as Element | null)?.closest?.('button')?.textContent === label;
    window.addEventListener(
      'click',
      (e) => {
        if (e.isTrusted && isEnd(e)) w.__endClicks.reached.push(e.detail);
      },
      true,
    );
    window.addEventListener('click', (e) => {
      if (isEnd(e)) w.__endClicks.passed.push(e.detail);
    });
  }, endLabel);
  return () =>
    frame.evaluate(
      () =>
        (window as unknown as { __endClicks: { reached: number[]; passed: number[] } }).__endClicks,
    );
}

/** Where a control is on the page (its centre), in the page's CSS pixels. */
async function centre(target: {
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}) {
  const box = await target.boundingBox();
  if (!box) throw new Error('the control is not on screen');
  return { box, x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The panel takes pointer clicks again. */
const ready = panelReady;
/** The panel refuses pointer clicks (its guard saw it covered, restyled or moved). */
const notReady = (frame: Frame) =>
  frame.locator('html:not([data-ready])').waitFor({ state: 'attached' });

describe('panel attacks: a hostile page against the panel frame', () => {
  const { ext, sandbox, open, endAfter } = useAgentSuite();
  const fixtures = useFixturePages();
  const m = (key: string) => ext.current.message(key);

  /** A fresh conversation shown on the page `html` makes; the agent presses the shortcut there. */
  const startOn = (name: string, html: (conversationId: string) => string) =>
    startOnPage({ ext, sandbox, open, endAfter }, fixtures, CUSTOMER, name, html);

  const sandboxState = (sessionId: string) =>
    sandbox.current.sessions().find((s) => s.id === sessionId)?.state;

  /** The session is still on offer, in the sandbox and as the background persisted it. */
  async function expectStillOffered(id: string, sessionId: string) {
    expect(sandboxState(sessionId)).toBe('offered');
    expect((await storedSession(ext.current, id))?.state).toBe('offered');
  }

  /** The largest colour difference between two same-sized PNGs (0–255), compared in a blank tab. */
  async function pixelDiff(a: Buffer, b: Buffer): Promise<number> {
    const scratch = await ext.current.context.newPage();
    try {
      return await scratch.evaluate(
        async ({ a, b }) => {
          const pixels = async (base64: string) => {
            const image = await createImageBitmap(
              await (await fetch(`data:image/png;base64,${base64}`)).blob(),
            );
            const canvas = new OffscreenCanvas(image.width, image.height);
            const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
            ctx.drawImage(image, 0, 0);
            return ctx.getImageData(0, 0, image.width, image.height).data;
          };
          const [pa, pb] = [await pixels(a), await pixels(b)];
          if (pa.length !== pb.length) return 255;
          let max = 0;
          for (let i = 0; i < pa.length; i++) {
            max = Math.max(max, Math.abs((pa[i] ?? 0) - (pb[i] ?? 0)));
          }
          return max;
        },
        { a: a.toString('base64'), b: b.toString('base64') },
      );
    } finally {
      await scratch.close();
    }
  }

  it('a page script walking the DOM, shadow roots, frames and timings finds no session data', async () => {
    const { page, joinCode, sessionId } = await startOn('hunt.html', (id) =>
      agentPage(id, { body: OWN_FRAME }),
    );

    const found = await hunt(page);

    // Positive control: the hunt reads the page's own open shadow root and its own frame (every
    // read of it works), and finds the host.
    expect(found.text).toContain(PLANTED);
    expect(found.text).toContain(PLANTED_IN_FRAME);
    expect(found.frameReads).toEqual(['read', 'read', 'read', 'read']);
    expect(found.hosts).toEqual([{ tag: 'div', shadowRoot: 'null' }]);
    // The host's root is closed, so the panel's <iframe> is out of reach, and a frame inside a
    // shadow tree is not listed in window.frames either: only the page's own frame is.
    expect(found.iframes).toBe(1);
    expect(found.frames).toBe(1);
    for (const secret of [joinCode, sessionId, CUSTOMER]) expect(found.text).not.toContain(secret);
  });

  it('the picker: no customer name, channel, queue or conversation id reaches the page', async () => {
    const session = ext.current;
    const page = await open(fixtures.url('no-ids.html'));
    await page.evaluate(
      ({ planted, frame }) => {
        const widget = document.createElement('section');
        document.body.append(widget);
        widget.attachShadow({ mode: 'open' }).innerHTML = `<span>${planted}</span>`;
        widget.insertAdjacentHTML('afterend', frame);
      },
      { planted: PLANTED, frame: OWN_FRAME },
    );
    await pressCommand(session, page);
    const overlay = await overlayOn(page, session);
    const list = overlay.root.getByRole('list', { name: m('ov_picker_title') });
    await list.waitFor();
    // What the picker shows, read from the frame, and the conversations behind it.
    const shown = await list.getByRole('listitem').allTextContents();
    expect(shown.length).toBeGreaterThan(1);
    const conversations = sandbox.current
      .state()
      .conversations.filter((c) => shown.some((text) => text.includes(c.customerName)));
    expect(conversations).toHaveLength(shown.length);
    // A choice that cannot cobrowse carries its reason (the old overlay's ov-reason-<id> ids).
    expect(shown.join(' ')).toContain(m('ov_media_email'));

    // The hunt, once the page's own frame has loaded.
    const found = await waitFor(
      async () => {
        const hunted = await hunt(page);
        return hunted.text.includes(PLANTED_IN_FRAME) ? hunted : undefined;
      },
      { message: 'the hunt to read the page’s own frame' },
    );

    expect(found.text).toContain(PLANTED);
    expect(found.frames).toBe(1);
    expect(found.hosts).toEqual([{ tag: 'div', shadowRoot: 'null' }]);
    expect(found.overlayIds).toEqual([]);
    const secrets = [
      ...shown,
      ...conversations.flatMap((c) => [c.customerName, c.id, c.queue.name]),
      m('ov_media_message'),
      m('ov_media_call'),
      m('ov_media_email'),
    ];
    for (const secret of secrets) expect(found.text).not.toContain(secret);
  });

  it('focus hijack: the page pulls focus into the panel as the agent presses Enter; the session goes on', async () => {
    const { page, overlay, frame, id, sessionId } = await startOn('hijack.html', (conversationId) =>
      agentPage(conversationId, {
        // The hostile part: on Enter in the chat box, the page puts the keyboard focus in the
        // panel before the key's click lands: through the frame's window (none is listed), and
        // with a modal dialog of its own moved around the host (a dialog focuses what it holds).
        body: `<script>
          document.getElementById('chat').addEventListener('keydown', (e) => {
            if (e.key !== 'Enter') return;
            const host = window.findHost();
            window.hijack = { frames: window.frames.length };
            for (let i = 0; i < window.frames.length; i++) window.frames[i].focus();
            const dialog = document.createElement('dialog');
            document.body.append(dialog);
            dialog.moveBefore(host, null);
            dialog.showModal();
            window.hijack.hostFocused = document.activeElement === host;
          });
        </script>`,
      }),
    );
    const endClicks = await watchEndClicks(frame, m('ov_end'));

    // The agent had been in the panel (on End), then goes back to the page's chat box to reply.
    await overlay.button(m('ov_end')).focus();
    await page.getByRole('textbox', { name: 'Reply to the customer' }).click();
    expect(await frame.evaluate(() => document.hasFocus())).toBe(false);
    await page.keyboard.type('One moment please');
    await page.keyboard.press('Enter');

    // Positive control: the page's code ran on that Enter and the focus really is in the panel.
    expect(await page.evaluate(() => (window as unknown as { hijack: unknown }).hijack)).toEqual({
      frames: 0,
      hostFocused: true,
    });
    expect(await frame.evaluate(() => document.hasFocus())).toBe(true);
    // ...yet the Enter clicked nothing there: End is not pressed, the session is still offered.
    expect(await endClicks()).toEqual({ reached: [], passed: [] });
    await expectStillOffered(id, sessionId);

    // The agent's own keys: Tab through the panel to End, then Enter.
    for (let i = 0; i < 12; i++) {
      if ((await frame.evaluate(() => document.activeElement?.textContent)) === m('ov_end')) break;
      await page.keyboard.press('Tab');
    }
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe(m('ov_end'));
    await ready(frame); // the page's dialog moved the panel a moment ago
    await page.keyboard.press('Enter');
    await sandboxSession(sandbox.current, id, ['ended']);
    expect((await endClicks()).passed).toEqual([0]);
  });

  it('clickjacking: a click through a cover on the panel does not count; uncovered, the same click does', async () => {
    const { page, overlay, frame, id, sessionId } = await startOn('cover.html', (conversationId) =>
      agentPage(conversationId),
    );
    const endClicks = await watchEndClicks(frame, m('ov_end'));
    const end = await centre(overlay.button(m('ov_end')));
    // Without a cover, the page's hit test at End's place finds the host (the panel).
    expect(
      await page.evaluate(({ x, y }) => {
        const w = window as unknown as { findHost(): Element };
        return document.elementFromPoint(x, y) === w.findHost();
      }, end),
    ).toBe(true);

    // Two covers, both letting clicks through (pointer-events: none), both in the top layer
    // above the host: a transparent pane, and an opaque fake "Send" button.
    for (const kind of ['transparent', 'fake-send'] as const) {
      const onTop = await page.evaluate(
        ({ box, kind, x, y }) => {
          const cover = document.createElement(kind === 'transparent' ? 'div' : 'button');
          cover.id = 'cover';
          cover.popover = 'manual';
          cover.textContent = kind === 'fake-send' ? 'Send' : '';
          cover.style.cssText =
            `inset: auto; position: fixed; margin: 0; padding: 0; border: 0; ` +
            `left: ${box.x - 8}px; top: ${box.y - 8}px; width: ${box.width + 16}px; ` +
            `height: ${box.height + 16}px; ` +
            (kind === 'transparent'
              ? 'background: transparent;'
              : 'background: #0b57d0; color: #fff; font: 16px system-ui;');
          document.body.append(cover);
          cover.showPopover();
          // Hit-testable for a moment, to see what is on top at End's place.
          const hit = document.elementFromPoint(x, y) === cover;
          cover.style.pointerEvents = 'none';
          return hit;
        },
        { box: end.box, kind, x: end.x, y: end.y },
      );
      expect(onTop).toBe(true);
      // The panel sees that it is covered (the agent's eye would need far longer to aim).
      await notReady(frame);

      await page.mouse.click(end.x, end.y);

      // Positive control: the click went through the cover to End; it stopped there.
      await expect
        .poll(async () => (await endClicks()).reached.length)
        .toBe(kind === 'transparent' ? 1 : 2);
      expect((await endClicks()).passed).toEqual([]);
      await expectStillOffered(id, sessionId);
      await page.evaluate(() => document.getElementById('cover')?.remove());
    }

    // Uncovered and settled, the same real click at the same place ends the session.
    await ready(frame);
    await page.mouse.click(end.x, end.y);
    await sandboxSession(sandbox.current, id, ['ended']);
    expect((await endClicks()).passed).toEqual([1]);
  });

  it('clickjacking: restyling or sliding the host right before the click makes it not count', async () => {
    const { page, overlay, frame, id, sessionId } = await startOn(
      'restyle.html',
      (conversationId) => agentPage(conversationId),
    );
    const endClicks = await watchEndClicks(frame, m('ov_end'));
    const end = await centre(overlay.button(m('ov_end')));
    const attacks = {
      // Slide the frame under the pointer (it is put back at once, but it moved).
      slide: `host.style.right = '400px'; host.style.bottom = '300px';`,
      fade: `host.style.opacity = '0.01';`,
      transform: `host.style.transform = 'translateX(-200px)';`,
      'class and attribute': `host.className = 'page-hides-this'; host.setAttribute('hidden', '');`,
      // A scrollbar of the page's shrinks the viewport: the frame, placed from its edges, moves
      // up under the pointer (the page waits until that is on screen).
      scrollbar: `const wide = document.createElement('div');
        wide.id = 'wide';
        wide.style.cssText = 'width: 4000px; height: 1px';
        document.body.append(wide);`,
    };
    let reached = 0;
    for (const [name, attack] of Object.entries(attacks)) {
      await ready(frame);
      await page.mouse.move(end.x, end.y);
      // The page restyles or moves the host, then the agent's click lands: two frames later
      // (a page cannot time a person's click closer than that; the host's word that it changed
      // reaches the frame as a message, which the click must not overtake).
      const applied = await page.evaluate(async (attack) => {
        const host = (window as unknown as { findHost(): HTMLElement }).findHost();
        const seen = () => `${host.outerHTML} ${JSON.stringify(host.getBoundingClientRect())}`;
        const before = seen();
        new Function('host', attack)(host);
        // Read at once: the host's own style comes back right after this task.
        const changed = seen() !== before;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return changed || seen() !== before;
      }, attack);
      await page.mouse.down();
      await page.mouse.up();
      reached++;
      // Positive control: the page's change really was made; the click reached End.
      expect(applied, name).toBe(true);
      await expect
        .poll(async () => (await endClicks()).reached.length, { message: name })
        .toBe(reached);
      expect((await endClicks()).passed, name).toEqual([]);
      await expectStillOffered(id, sessionId);
    }
    await page.evaluate(() => document.getElementById('wide')?.remove());
    // The host's own style came back each time: the panel is where it was.
    await ready(frame);
    expect(await centre(overlay.button(m('ov_end')))).toEqual(end);

    // Settled, the same real click ends the session.
    await ready(frame);
    await page.mouse.click(end.x, end.y);
    await sandboxSession(sandbox.current, id, ['ended']);
    expect((await endClicks()).passed).toEqual([1]);
  });

  it('opacity, filter or transform on <html>/<body> does not reach the panel: it looks the same', async () => {
    const { page, overlay, frame } = await startOn('page-style.html', (conversationId) =>
      agentPage(conversationId),
    );
    const end = await centre(overlay.button(m('ov_end')));
    const heading = await centre(page.getByRole('heading', { name: 'Support desk' }));
    await page.mouse.move(end.x, end.y);
    const shot = (box: typeof end.box) => page.screenshot({ clip: box });
    const endBefore = await shot(end.box);
    const headingBefore = await shot(heading.box);
    const attacks = {
      'fade the page': `document.documentElement.style.opacity = '0.05';`,
      'filter the page': `document.documentElement.style.filter = 'opacity(0.05) blur(4px)';`,
      // Shrinking (no scrollbar appears: that one moves the panel, see the test above).
      'transform the page': `document.documentElement.style.transform = 'scale(0.5) rotate(5deg)';`,
      'transform the body': `document.body.style.transform = 'scale(0.5)';`,
    };
    for (const [name, attack] of Object.entries(attacks)) {
      await page.evaluate((attack) => new Function(attack)(), attack);
      // Positive control: the page itself changed on screen.
      expect(await pixelDiff(headingBefore, await shot(heading.box)), name).toBeGreaterThan(100);
      // The panel (in the top layer, outside <html>'s rendering) is painted as before, and the
      // page's restyle of itself leaves the panel taking clicks.
      expect(await pixelDiff(endBefore, await shot(end.box)), name).toBeLessThan(8);
      await ready(frame);
      await page.evaluate(() => {
        document.documentElement.removeAttribute('style');
        document.body.removeAttribute('style');
      });
    }
  });

  it('a page that took the old host tag name and breaks attachShadow still gets a working panel', async () => {
    const page_ = (conversationId: string) =>
      agentPage(conversationId, {
        widget: false,
        head: `<script>
          customElements.define('cobrowse-launcher-overlay', class extends HTMLElement {
            connectedCallback() { this.textContent = 'fake panel'; }
          });
          Element.prototype.attachShadow = function () { throw new Error('no shadow roots here'); };
        </script>`,
      });
    const id = endAfter(freshConversation(sandbox.current, { customerName: CUSTOMER }));
    const page = await open(fixtures.page('squatter.html', page_(id)));
    // Positive control: in the page's world the tag is taken and attachShadow throws.
    expect(
      await page.evaluate(() => {
        let threw = '';
        try {
          document.createElement('div').attachShadow({ mode: 'closed' });
        } catch (e) {
          threw = (e as Error).message;
        }
        return { taken: Boolean(customElements.get('cobrowse-launcher-overlay')), threw };
      }),
    ).toEqual({ taken: true, threw: 'no shadow roots here' });

    await pressCommand(ext.current, page);

    const issued = await sandboxSession(sandbox.current, id);
    const overlay = await overlayOn(page, ext.current);
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
    await overlay.button(m('ov_end')).click();
    await sandboxSession(sandbox.current, id, ['ended']);
  });

  it('a page embedding the panel page: the static URL is refused, the dynamic one gets no view', async () => {
    const session = ext.current;
    const { page, joinCode, id } = await startOn('embed.html', (conversationId) =>
      agentPage(conversationId),
    );
    // The static URL: Chrome refuses it to a page (an error page loads instead).
    const staticUrl = `${session.origin}/src/panel/index.html`;
    const loaded = await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'static';
      frame.src = src;
      const done = new Promise((resolve) => frame.addEventListener('load', () => resolve('load')));
      document.body.append(frame);
      return done;
    }, staticUrl);
    expect(loaded).toBe('load');
    const staticFrame = await (await page.locator('iframe#static').elementHandle())?.contentFrame();
    expect(staticFrame?.url()).toMatch(/^chrome-error:/);

    // The dynamic URL, as the content script's world knows it (say the page learnt it): it
    // loads our panel page, which the page then hands a key of its own and a channel.
    const world = await contentWorld(page, session.extensionId);
    let dynamicUrl: string;
    try {
      dynamicUrl = await world.evaluate<string>("chrome.runtime.getURL('src/panel/index.html')");
    } finally {
      await world.close();
    }
    expect(dynamicUrl).not.toBe(staticUrl);
    await page.evaluate(embedPanelWithForgedKey, {
      src: dynamicUrl,
      init: PANEL_INIT,
      id: 'dynamic',
    });
    const embedded = await waitFor(
      async () => (await page.locator('iframe#dynamic').elementHandle())?.contentFrame(),
      { message: 'the page’s own panel frame' },
    );
    // Positive control: it is our panel page, running (it set its title).
    await expect.poll(() => embedded.title()).toBe(m('ov_dialog_name'));

    // The session moves on: the real panel shows it; the page's frame has still nothing.
    sandbox.current.customer(id, 'accept');
    const real = await overlayOn(page, session);
    await expect.poll(() => real.status(), { timeout: 20_000 }).toBe(m('ov_status_active'));
    expect(await real.joinCode()).toBe(joinCode);
    expect(await embedded.evaluate(() => document.getElementById('app')?.childElementCount)).toBe(
      0,
    );
    expect(await embedded.evaluate(() => document.body.textContent)).not.toContain(joinCode);

    // Directly: a hello with a key that is not the tab's gets the port closed and no view.
    const answer = await embedded.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const port = chrome.runtime.connect({ name: 'panel' });
          port.onMessage.addListener((m) => resolve(`answered ${JSON.stringify(m)}`));
          port.onDisconnect.addListener(() => resolve('disconnected'));
          port.postMessage({ type: 'hello', key: 'another-forged-key-0123456789' });
        }),
    );
    expect(answer).toBe('disconnected');
  });

  it('the page removes the host or hides it with !important CSS: the panel comes back / stays', async () => {
    const { page, joinCode, id } = await startOn('remove.html', (conversationId) =>
      agentPage(conversationId),
    );
    const removed = await page.evaluate(() => {
      const host = (window as unknown as { findHost(): Element }).findHost();
      host.remove();
      return !host.isConnected;
    });
    // Positive control: the page really removed it.
    expect(removed).toBe(true);
    await waitFor(
      () =>
        page.evaluate(() =>
          Boolean((window as unknown as { findHost(): Element | undefined }).findHost()),
        ),
      { message: 'the host back on the page' },
    );
    let overlay = await overlayOn(page, ext.current);
    await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(joinCode);

    const hidden = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        'div, html > div, body ~ div { display: none !important; visibility: hidden !important; }';
      document.head.append(style);
      const host = (window as unknown as { findHost(): Element }).findHost();
      const own = document.createElement('div');
      document.body.append(own);
      return {
        own: getComputedStyle(own).display,
        host: getComputedStyle(host).display,
        visibility: getComputedStyle(host).visibility,
      };
    });
    // Positive control: the rule hides the page's own divs; the host stays shown.
    expect(hidden).toEqual({ own: 'none', host: 'block', visibility: 'visible' });
    overlay = await overlayOn(page, ext.current);
    expect(await overlay.joinCode()).toBe(joinCode);
    await overlay.button(m('ov_end')).click();
    await sandboxSession(sandbox.current, id, ['ended']);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors();
  });
});
