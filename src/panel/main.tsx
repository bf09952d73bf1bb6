// The panel page, shown in a frame on the agent's page. It waits for the content script to hand
// it a key and a private MessagePort (see shared/panel-link.ts), proves itself to the
// background with the key over its own port, renders the views the background sends for its
// tab, and sends back what the agent clicked. The host (content script) only learns sizes,
// moves and "close"; nothing of the session crosses the page.
import { h, render } from 'preact';
import browser from 'webextension-polyfill';
import './panel.css';
import './session.css';
import { t } from '../shared/i18n';
import { type HostToPanel, PANEL_INIT, type PanelToHost } from '../shared/panel-link';
import type { OverlayAction, PanelMessage, PanelPush } from '../shared/protocol';
import { PORT_PANEL } from '../shared/protocol/ports';
import { isFinal } from '../shared/session';
import type { OverlayActions, OverlayView } from '../ui/session/model';
import { createGuard, watchVisibility } from './guard';
import { Panel } from './Panel';

/** Reconnects in a row that got no message back before the panel stops trying on its own. */
const MAX_QUIET_RECONNECTS = 3;
/** Pause before reconnecting: a worker Chrome stopped is not woken in the same instant. */
const RECONNECT_DELAY_MS = 1_000;

document.documentElement.lang = browser.i18n.getUILanguage();
document.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
document.title = t('ov_dialog_name');
const app = document.getElementById('app') as HTMLElement;
// `data-ready` on <html>: pointer clicks count (the frame is visible and has settled).
const guard = createGuard({
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  onReady: (ready) => document.documentElement.toggleAttribute('data-ready', ready),
});

let link: MessagePort | undefined;
let key = '';
let port: browser.Runtime.Port | undefined;
let view: OverlayView | undefined;
let quiet = 0;
/** The background accepted our key (it sent a view): no later key is taken. */
let accepted = false;
/** The host asked for focus before there was a dialog to focus. */
let focusPending = false;
/** How many times the closed panel came back on its own (each shows the pill). */
let revealed = 0;

function focusDialog() {
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  focusPending = !dialog;
  dialog?.focus();
}

const toHost = (message: PanelToHost) => link?.postMessage(message);

function act(action: OverlayAction) {
  if (action.action === 'close') toHost({ type: 'close' });
  send({ type: 'action', ...action });
}

const actions: OverlayActions = {
  start: (conversationId, options) => act({ action: 'start', conversationId, options }),
  end: () => act({ action: 'end' }),
  answerOffline: (choice) => act({ action: 'answerOffline', choice }),
  offerAgain: () => act({ action: 'offerAgain' }),
  openViewer: () => act({ action: 'openViewer' }),
  retry: () => act({ action: 'retry' }),
  close: () => act({ action: 'close' }),
};

function draw() {
  render(
    view
      ? h(Panel, {
          view,
          actions,
          guard,
          revealed,
          onMove: (dx, dy, done) => toHost({ type: 'move', dx, dy, done }),
        })
      : null,
    app,
  );
  if (focusPending) focusDialog();
}

function send(message: PanelMessage) {
  if (!port && !connect()) return;
  try {
    port?.postMessage(message);
  } catch {
    port = undefined;
  }
}

const wantsLive = () => view?.kind === 'session' && !isFinal(view.snapshot.state);

function connect(): boolean {
  if (port || !key) return Boolean(port);
  const next = browser.runtime.connect({ name: PORT_PANEL });
  port = next;
  next.onMessage.addListener((raw: unknown) => {
    quiet = 0;
    accepted = true;
    const push = raw as PanelPush;
    if (push?.type === 'view' && push.view) {
      view = push.view;
      draw();
      // Only the host knows whether the agent closed the panel: it comes back only then.
      if (push.reveal) toHost({ type: 'reveal' });
    }
  });
  next.onDisconnect.addListener(() => {
    if (port !== next) return;
    port = undefined;
    // The worker stopped (Chrome does after ~30 s idle): come back for live updates.
    if (wantsLive() && quiet < MAX_QUIET_RECONNECTS) {
      quiet++;
      setTimeout(() => {
        if (wantsLive()) connect();
      }, RECONNECT_DELAY_MS);
    }
  });
  next.postMessage({ type: 'hello', key } satisfies PanelMessage);
  return true;
}

function onHost(message: HostToPanel) {
  if (message?.type === 'changed') guard.changed();
  else if (message?.type === 'obscured') guard.obscured(message.obscured === true);
  else if (message?.type === 'revealed') {
    revealed++;
    draw();
  } else if (message?.type === 'focus') {
    guard.focused();
    focusDialog();
  } else if (message?.type === 'shown') {
    // A start on this page. A panel left on a closed session does not reconnect after Chrome
    // stops the worker, so its port may be gone: without this it kept showing the old session
    // while the new one was offered.
    connect();
  }
}

// The content script's one message: the key and our end of the private channel. Only a message
// from our parent counts, and only until the background accepts a key: a page script could post
// a fake one first, but its key would be refused, and the real one (addressed to this origin
// only, once per load of this frame) replaces it; after that nothing replaces it.
window.addEventListener('message', (e: MessageEvent) => {
  const data = e.data as { type?: unknown; key?: unknown } | null;
  const ours = e.source === window.parent && data?.type === PANEL_INIT;
  if (accepted || !ours || typeof data.key !== 'string') return;
  const channel = e.ports[0];
  if (!channel) return;
  link?.close();
  link = channel;
  link.onmessage = (m) => onHost(m.data as HostToPanel);
  if (data.key !== key) {
    key = data.key;
    port?.disconnect();
    port = undefined;
  }
  connect();
  reportSize();
});

// The agent's own input inside the frame arms keyboard clicks; the frame gaining focus (maybe
// from the page) disarms them. A page can focus the frame only as a whole (the browser then
// focuses no control in it), so focus arriving on one of the panel's elements is the agent's:
// a Tab into or within the panel, a click, a screen reader's cursor, or our own focus on the
// dialog after the agent's trigger.
window.addEventListener('focus', () => guard.focused());
window.addEventListener('pointerdown', () => guard.input({ type: 'pointerdown' }), true);
window.addEventListener(
  'focusin',
  (e) => {
    if (e.target !== document.body && e.target !== document) guard.input({ type: 'focusmove' });
  },
  true,
);

// The host sizes the frame to the panel's content (the pill is small; the picker is tall).
function reportSize() {
  const panel = app.firstElementChild as HTMLElement | null;
  if (!panel) return;
  // The border box, rounded up, plus any content overflowing it (scroll* - client*):
  // scrollHeight alone leaves out the border, and a frame even a fraction of a pixel short
  // scrolls and clips the panel.
  const box = panel.getBoundingClientRect();
  toHost({
    type: 'size',
    width: Math.ceil(box.width) + panel.scrollWidth - panel.clientWidth,
    height: Math.ceil(box.height) + panel.scrollHeight - panel.clientHeight,
  });
}
new ResizeObserver(() => {
  reportSize();
  guard.changed();
}).observe(app);
// Visibility is watched on the panel itself (the dialog or the pill), re-attached when Preact
// replaces it.
let watched: Element | null = null;
let unwatch: () => void = () => undefined;
new MutationObserver(() => {
  const panel = app.firstElementChild;
  if (!panel || panel === watched) return;
  unwatch();
  watched = panel;
  unwatch = watchVisibility(panel, guard);
}).observe(app, { childList: true });
