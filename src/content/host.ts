// The panel's frame on the agent's page: a plain <div> (a page cannot pre-define it as a custom
// element) with a CLOSED shadow root holding an <iframe> of the panel page. The page can neither
// read the frame (cross-origin) nor reach the iframe (closed root). Everything the page could
// still do to the host element itself is undone: inline styles are re-asserted with !important
// (inline !important beats any stylesheet), a removed host is put back, CSS `zoom` on its
// ancestors is cancelled, and while the page shows a modal <dialog> (which makes everything
// outside it inert) the host moves into that dialog with Element.moveBefore, which keeps the
// frame alive. The frame hears about every such change, so its clicks wait until it settles.

import { BUILD_BROWSER } from '../shared/build-browser';
import { type HostToPanel, PANEL_INIT, type PanelToHost } from '../shared/panel-link';
import type { PanelPlace } from '../shared/protocol';
import { coverWatch } from './host-cover';
import { DEFAULT_SIZE, fitToViewport, hostStyle, MARGIN } from './host-layout';

export interface PanelHost {
  /** Shows the frame (made on first use) and moves the keyboard focus into it. */
  show(key: string, place?: PanelPlace): void;
  readonly visible: boolean;
}

export interface HostDeps {
  doc: Document;
  /** The frame's accessible name. */
  title: string;
  /** runtime.getURL of the panel page (Chrome: the per-session dynamic URL). */
  panelUrl: string;
  /** The extension's own origin: the loaded panel document's origin, even from a dynamic URL. */
  extensionOrigin: string;
  /** The agent moved the panel (to be remembered for this site). */
  onPlace(place: PanelPlace): void;
}

type MoveBefore = (node: Node, child: Node | null) => void;

export function createPanelHost(deps: HostDeps): PanelHost {
  const { doc, title, panelUrl, extensionOrigin, onPlace } = deps;
  const win = doc.defaultView as Window & typeof globalThis;
  const { host, frame } = makeFrame(doc, title, extensionOrigin);

  let visible = false;
  let size = { ...DEFAULT_SIZE };
  let place: PanelPlace = { right: MARGIN, bottom: MARGIN };
  let written = '';
  const link = frameLink(
    frame,
    extensionOrigin,
    (m) => onPanel(m),
    () => focus.loaded(visible),
  );
  const { tell, changed } = link;
  // Firefox's look at the page (Chrome's build leaves it out); it may raise us over a popover.
  const cover = coverWatch(host, tell, () => settle() || changed());
  const focus = focusKeeper(host, () => {
    frame.focus();
    tell({ type: 'focus' });
  });

  function onPanel(message: PanelToHost) {
    if (message?.type === 'size') {
      const width = Number(message.width);
      const height = Number(message.height);
      if (Number.isFinite(width) && Number.isFinite(height)) size = { width, height };
      layout();
    } else if (message?.type === 'close') {
      hide();
    } else if (message?.type === 'reveal' && !visible) {
      // The session changed after the agent closed the panel: back, without taking the focus.
      focus.remember();
      appear();
      tell({ type: 'revealed' });
    } else if (message?.type === 'move') {
      const dx = Number(message.dx) || 0;
      const dy = Number(message.dy) || 0;
      place = { right: place.right - dx, bottom: place.bottom - dy };
      layout();
      if (message.done) onPlace(place);
    }
  }

  function layout() {
    // The viewport in the host's CSS pixels (its zoom cancels its ancestors').
    const fit = fitToViewport(size, place, { width: win.innerWidth, height: win.innerHeight });
    place = fit.place;
    const parentZoom = (host.parentElement as { currentCSSZoom?: number } | null)?.currentCSSZoom;
    const zoom = parentZoom && parentZoom > 0 ? 1 / parentZoom : 1;
    const css = hostStyle({ visible, place, width: fit.width, height: fit.height, zoom });
    written = css;
    applyStyle(host, css);
    // all: initial leaves no border and a transparent background.
    frame.setAttribute(
      'style',
      `all: initial; display: block; width: ${fit.width}px; height: ${fit.height}px; color-scheme: light dark`,
    );
  }

  function hide() {
    if (!visible) return;
    visible = false;
    watching(false);
    if (BUILD_BROWSER === 'firefox') cover?.(false);
    layout();
    if (host.matches(':popover-open')) host.hidePopover();
    focus.giveBack();
  }

  // Shown: by a trigger (show), or on its own after a change (reveal).
  function appear() {
    visible = true;
    settle();
    watching(true);
    if (BUILD_BROWSER === 'firefox') cover?.(true);
    changed();
  }

  /** Puts the host where it can be seen and clicked, then lays it out; true when it moved. */
  function settle(raise = false): boolean {
    const moved = keepOnTop(host, visible, raise);
    layout();
    return moved;
  }

  const watching = watchPage(host, {
    // The page restyled or removed the host: undo it.
    host: () => {
      const ours = host.getAttributeNames().every((n) => n === 'style' || n === 'popover');
      if (ours && host.getAttribute('style') === written && host.isConnected) return;
      settle();
      changed();
    },
    // A dialog opened or closed (`dialog`), the host removed, zoom changed on <html>/<body>.
    page: (dialog) => {
      const before = host.getAttribute('style');
      if (settle(dialog) || host.getAttribute('style') !== before) changed();
    },
    resize: () => {
      layout();
      changed();
    },
  });

  return {
    get visible() {
      return visible;
    },
    show(nextKey, nextPlace) {
      if (nextPlace) place = { ...nextPlace };
      if (!visible) focus.remember();
      link.load(nextKey, panelUrl); // first show, or a new page's key: load the panel
      appear();
      link.tell({ type: 'shown' }); // with or without the focus: the panel must follow
      focus.take();
    },
  };
}

/** The host element with a CLOSED shadow root holding the panel's frame. */
function makeFrame(doc: Document, title: string, extensionOrigin: string) {
  const host = doc.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  frame.title = title;
  // A cross-origin frame may write the clipboard only when its embedder delegates it: without
  // this, every Copy button in the panel (join code, Copy details) is refused. Named for the
  // document's origin, which a dynamic URL's default ('src') does not match.
  frame.allow = `clipboard-write ${extensionOrigin}`;
  root.append(frame);
  return { host, frame };
}

/**
 * The private line to the panel frame: a new MessageChannel on every load of the frame, its far
 * end posted (with the frame's key) to the extension's origin only.
 */
function frameLink(
  frame: HTMLIFrameElement,
  origin: string,
  onMessage: (message: PanelToHost) => void,
  onLoad: () => void,
) {
  let key = '';
  let port: MessagePort | undefined;
  const tell = (message: HostToPanel) => port?.postMessage(message);
  frame.addEventListener('load', () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (e) => onMessage(e.data as PanelToHost);
    frame.contentWindow?.postMessage({ type: PANEL_INIT, key }, origin, [channel.port2]);
    tell({ type: 'changed' });
    onLoad();
  });
  // "It changed" at most once a frame (the first change of a frame starts the panel's settle
  // time; later ones within ~16 ms hardly move it): a page that fights the host's style in a
  // loop must not flood the panel's process with messages.
  let toldThisFrame = false;
  return {
    tell,
    changed() {
      if (toldThisFrame) return;
      toldThisFrame = true;
      tell({ type: 'changed' });
      requestAnimationFrame(() => {
        toldThisFrame = false;
      });
    },
    /** Loads the panel page with `next` as its key, unless that is the key it has. */
    load(next: string, url: string) {
      if (key === next) return;
      key = next;
      frame.src = url;
    },
  };
}

/** Where the keyboard focus goes when the panel shows and hides. */
function focusKeeper(host: HTMLElement, focusPanel: () => void) {
  const doc = host.ownerDocument;
  let returnTo: Element | null = null;
  /** A trigger asked for the focus; the frame may still be loading. */
  let wanted = false;
  return {
    /** Before showing: the page element to give the focus back to. */
    remember() {
      const active = doc.activeElement;
      returnTo = active && active !== host && active !== doc.body ? active : null;
    },
    /**
     * Shown by the agent's trigger: into the panel, but only while the agent is on this page (a
     * start that answers after they moved on must not pull them back).
     */
    take() {
      wanted = doc.hasFocus();
      if (wanted) focusPanel();
    },
    /**
     * The frame loaded: focus given to it before its page loaded does not carry over, so again,
     * once (a later reload, e.g. the page removing the host, must not take the agent's focus).
     */
    loaded(visible: boolean) {
      if (visible && wanted) focusPanel();
      wanted = false;
    },
    /** Hidden: the focus back where it was, if it was in the panel. */
    giveBack() {
      wanted = false;
      if (doc.activeElement === host && returnTo?.isConnected) (returnTo as HTMLElement).focus?.();
      returnTo = null;
    },
  };
}

/** Our style, and only our style and popover attributes: a page-added class or attribute goes. */
function applyStyle(host: HTMLElement, css: string) {
  for (const name of host.getAttributeNames()) {
    if (name !== 'style' && name !== 'popover') host.removeAttribute(name);
  }
  if (host.getAttribute('style') !== css) host.setAttribute('style', css);
}

/** The open modal dialog the host must live in (the last one opened), else <html>. */
function home(doc: Document): Element {
  const modals = [...doc.querySelectorAll('dialog[open]')].filter((d) => d.matches(':modal'));
  return modals.at(-1) ?? doc.documentElement;
}

/**
 * Moves the host under the open modal dialog (or back to <html>) and keeps it, while shown, the
 * newest element of the top layer; true when it moved.
 */
function keepOnTop(host: HTMLElement, visible: boolean, raise: boolean): boolean {
  const parent = home(host.ownerDocument);
  let moved = false;
  // Only a change of parent moves it: the top layer (popover) puts it above the page's own
  // elements, so it never fights a page or another extension over being the last child.
  if (host.parentElement !== parent) {
    const move = (parent as unknown as { moveBefore?: MoveBefore }).moveBefore;
    if (host.isConnected && move) move.call(parent, host, null);
    else parent.append(host); // a removed host: its frame reloads and asks for its key again
    moved = true;
  }
  if (visible && 'showPopover' in host) {
    // Moved into (or out of) a modal dialog, or a dialog opened around it: shown again, the
    // host is the newest in the top layer, above the dialog and its backdrop, which would
    // otherwise cover it.
    if ((moved || raise) && host.matches(':popover-open')) {
      host.hidePopover();
      moved = true;
    }
    if (!host.matches(':popover-open')) {
      host.popover = 'manual';
      host.showPopover();
    }
  }
  return moved;
}

interface PageWatch {
  host(): void;
  /** `dialog`: a <dialog> opened or closed. */
  page(dialog: boolean): void;
  resize(): void;
}

/** What the page may do to us while the panel is shown; `(true)` starts, `(false)` stops. */
function watchPage(host: HTMLElement, on: PageWatch): (start: boolean) => void {
  const doc = host.ownerDocument;
  const win = doc.defaultView as Window;
  const hostObserver = new MutationObserver(() => on.host());
  // Most of a busy page's mutations concern us not at all: only these are looked at.
  const pageObserver = new MutationObserver((records) => {
    const dialog = records.some(
      (r) =>
        (r.attributeName === 'open' && r.target.nodeName === 'DIALOG') ||
        [...r.removedNodes].some((n) => n.nodeName === 'DIALOG'),
    );
    // Removed (itself or an ancestor), or zoom on <html>/<body> (the only attributes watched).
    const ours = !host.isConnected || records.some((r) => r.type === 'attributes');
    if (dialog || ours) on.page(dialog);
  });
  const resize = () => on.resize();
  return (start) => {
    hostObserver.disconnect();
    pageObserver.disconnect();
    win.removeEventListener('resize', resize);
    win.visualViewport?.removeEventListener('resize', resize);
    if (!start) return;
    hostObserver.observe(host, { attributes: true });
    pageObserver.observe(doc, { subtree: true, childList: true, attributeFilter: ['open'] });
    for (const el of [doc.documentElement, doc.body]) {
      if (el) pageObserver.observe(el, { attributeFilter: ['style', 'class'] });
    }
    win.addEventListener('resize', resize);
    // The page's own scrollbars coming and going shrink the viewport (no window resize): the
    // frame, placed from the viewport's edges, moves with them.
    win.visualViewport?.addEventListener('resize', resize);
  };
}
