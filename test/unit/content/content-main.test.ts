// @vitest-environment happy-dom
// The injected content script: the port handshake, page hints on request, the panel frame's
// host (one plain element with a closed shadow root, its styles re-asserted when the page
// changes them, put back when removed), idempotent re-injection, and no reconnect storm.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PortLike, type RuntimeLike, startContent } from '../../../src/content/bridge';
import type { PageHints } from '../../../src/shared/detect/types';
import type { OverlayMessage, OverlayPush } from '../../../src/shared/protocol';

const CID = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const KEY = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

function fakeRuntime() {
  const ports: {
    sent: OverlayMessage[];
    push: (m: OverlayPush) => void;
    drop: () => void;
    disconnected: boolean;
  }[] = [];
  const runtime: RuntimeLike & { id?: string } = {
    id: 'ext',
    getURL: (path: string) => `chrome-extension://ext/${path}`,
    connect: vi.fn(({ name }: { name: string }): PortLike => {
      expect(name).toBe('overlay');
      const onMessage: ((m: unknown) => void)[] = [];
      const onDisconnect: (() => void)[] = [];
      const entry = {
        sent: [] as OverlayMessage[],
        push: (m: OverlayPush) => {
          for (const l of onMessage) l(m);
        },
        drop: () => {
          for (const l of onDisconnect) l();
        },
        disconnected: false,
      };
      ports.push(entry);
      return {
        postMessage: (m) => entry.sent.push(m as OverlayMessage),
        disconnect: () => {
          entry.disconnected = true;
        },
        onMessage: { addListener: (cb) => onMessage.push(cb) },
        onDisconnect: { addListener: (cb) => onDisconnect.push(cb) },
      };
    }),
  };
  return { runtime, ports, last: () => ports.at(-1) as (typeof ports)[number] };
}

/** Records the shadow roots the content script attaches (closed: the page cannot read them). */
function spyShadowRoots() {
  const roots: { host: Element; mode: string; root: ShadowRoot }[] = [];
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    const root = original.call(this, init);
    roots.push({ host: this, mode: init.mode, root });
    return root;
  });
  return roots;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

// happy-dom does not load frames (it reports each one it skips): the frame's address is kept
// where the test can read it instead of being loaded.
beforeEach(() => {
  vi.spyOn(HTMLIFrameElement.prototype, 'src', 'set').mockImplementation(function (
    this: HTMLIFrameElement,
    url: string,
  ) {
    this.dataset.src = url;
    this.setAttribute('srcdoc', '');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('cobrowse-launcher.content')];
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('content script', () => {
  it('connects the overlay port and says hello', () => {
    const { runtime, last } = fakeRuntime();
    startContent(runtime);
    expect(last().sent).toEqual([{ type: 'hello' }]);
  });

  it('answers a collect request with the ids the page shows', () => {
    const { runtime, last } = fakeRuntime();
    document.body.innerHTML = `<p>Conversation ID: ${CID}</p>`;
    startContent(runtime);
    last().push({ type: 'collect', requestId: 4, rules: [] });
    const answer = last().sent.at(-1) as Omit<
      Extract<OverlayMessage, { type: 'hints' }>,
      'page'
    > & {
      page: PageHints;
    };
    expect(answer).toMatchObject({ type: 'hints', requestId: 4 });
    expect(answer.page.hints.map((h) => h.id)).toContain(CID);
  });

  it('shows the panel as a frame in a closed shadow root of a plain element, once', () => {
    const roots = spyShadowRoots();
    const { runtime, last } = fakeRuntime();
    const instance = startContent(runtime);
    // A page that took the old host tag name for its own element changes nothing now.
    document.body.innerHTML = '<cobrowse-launcher-overlay></cobrowse-launcher-overlay>';
    last().push({ type: 'show', key: KEY });
    last().push({ type: 'show', key: KEY });
    expect(roots).toHaveLength(1);
    const [{ host, mode, root }] = roots as [(typeof roots)[number]];
    expect(mode).toBe('closed');
    expect(host.tagName).toBe('DIV');
    expect(host.shadowRoot).toBeNull(); // what a page script sees
    expect(host.parentElement).toBe(document.documentElement);
    const frame = root.querySelector('iframe');
    expect(frame?.dataset.src).toBe('chrome-extension://ext/src/panel/index.html');
    expect(host.getAttribute('style')).toContain('display: block !important');
    expect(instance.host?.visible).toBe(true);
    // Nothing of the session is in the page's DOM: the frame holds it.
    expect(document.documentElement.textContent).not.toContain(KEY);
  });

  it('runs the rules over the context the background sends (the right-clicked link)', () => {
    document.body.innerHTML = '<main>nothing</main>';
    const r = fakeRuntime();
    startContent(r.runtime);
    const rules = [{ kind: 'regex' as const, value: 'case/([0-9a-f-]{36})' }];
    const context = { linkUrl: `https://crm.example/case/${CID}` };
    r.last().push({ type: 'collect', requestId: 5, rules, context });
    expect(r.last().sent.at(-1)).toMatchObject({
      requestId: 5,
      page: { hints: [{ id: CID, source: 'rule', where: 'rule 1' }] },
    });
    r.last().push({ type: 'collect', requestId: 6, rules }); // no context: nothing to match
    expect(r.last().sent.at(-1)).toMatchObject({ requestId: 6, page: { hints: [] } });
  });

  it('re-asserts the host’s style and attributes when the page changes them', async () => {
    const roots = spyShadowRoots();
    const { runtime, last } = fakeRuntime();
    startContent(runtime);
    last().push({ type: 'show', key: KEY });
    const host = roots[0]?.host as HTMLElement;
    const style = host.getAttribute('style');
    host.setAttribute('style', 'display: none !important');
    host.setAttribute('class', 'hidden-by-page');
    await flush();
    expect(host.getAttribute('style')).toBe(style);
    expect(host.hasAttribute('class')).toBe(false);
    // Positive control: the page's change did land before the host undid it.
    host.style.opacity = '0';
    expect(host.style.opacity).toBe('0');
    await flush();
    expect(host.getAttribute('style')).toBe(style);
  });

  it('puts a removed host back while the panel is shown', async () => {
    const roots = spyShadowRoots();
    const { runtime, last } = fakeRuntime();
    startContent(runtime);
    last().push({ type: 'show', key: KEY });
    const host = roots[0]?.host as HTMLElement;
    host.remove();
    expect(host.isConnected).toBe(false);
    await flush();
    expect(host.isConnected).toBe(true);
  });

  it('is idempotent: a second injection reuses the instance, its port and its host', () => {
    const roots = spyShadowRoots();
    const { runtime, ports, last } = fakeRuntime();
    const first = startContent(runtime);
    last().push({ type: 'show', key: KEY });
    const second = startContent(runtime);
    expect(second).toBe(first);
    expect(ports).toHaveLength(1);
    last().push({ type: 'show', key: KEY });
    expect(roots).toHaveLength(1);
  });

  it('does not reconnect by itself when the worker goes away; the next injection does', () => {
    const { runtime, ports, last } = fakeRuntime();
    startContent(runtime);
    last().drop();
    expect(ports).toHaveLength(1);
    startContent(runtime);
    expect(ports).toHaveLength(2);
    expect(last().sent).toEqual([{ type: 'hello' }]);
  });

  it('stays quiet when the extension was reloaded (connect throws)', () => {
    const runtime: RuntimeLike = {
      getURL: (p) => p,
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
    };
    expect(() => startContent(runtime)).not.toThrow();
  });
});
