// Puts the overlay on the page: one host element at the end of <html>, an open shadow root
// (open so end-to-end tests can read the join code; the page sees the code on screen anyway),
// our constructed stylesheet, and Preact rendering into it. Injecting the content script again
// reuses the same host and renderer, so there is never a second overlay.
import { h, render } from 'preact';
import { type Clock, ClockContext, systemClock } from './overlay/clock';
import type { OverlayActions, OverlayView } from './overlay/model';
import { Overlay } from './overlay/Overlay';
import css from './overlay/overlay.css?inline';

export const HOST_TAG = 'cobrowse-launcher-overlay';
// Symbol.for: a second injection (a new module instance in the same isolated world) finds the
// first one's handle. Page scripts live in another JS world and cannot see this property.
const HANDLE = Symbol.for('cobrowse-launcher.overlay');

export interface OverlayHandle {
  readonly host: HTMLElement;
  readonly shadowRoot: ShadowRoot;
  /** Re-render with the latest view (e.g. a pushed snapshot). Does not reopen a closed overlay. */
  update(view: OverlayView): void;
  /** Show (again) and move focus into the overlay, remembering where focus was on the page. */
  show(view?: OverlayView): void;
  /** Hide; focus returns to where it was on the page. The session is not affected. */
  hide(): void;
  readonly visible: boolean;
  /** Remove the host from the page. */
  unmount(): void;
}

export interface MountOptions {
  clock?: Clock;
  doc?: Document;
  /** Unit tests only: accept synthetic events (see Overlay's guard). Never set in the page. */
  trustAll?: boolean;
}

type HostWithHandle = HTMLElement & { [HANDLE]?: OverlayHandle };

/**
 * Shows `view` and returns the overlay's handle. Calling it again (also from a re-injected
 * copy of this script) updates the same overlay with the new view and actions.
 */
export function mountOverlay(
  view: OverlayView,
  actions: OverlayActions,
  options: MountOptions = {},
): OverlayHandle {
  const doc = options.doc ?? document;
  const existing = doc.querySelector<HostWithHandle>(HOST_TAG);
  const handle = existing?.[HANDLE];
  if (handle) {
    (handle as Controller).setActions(actions);
    handle.show(view);
    return handle;
  }
  // An element with our name but without our handle was made by the page: do not trust it.
  existing?.remove();
  const created = createController(doc, actions, options);
  created.show(view);
  return created;
}

/** The overlay on this page, if any. */
export function findOverlay(doc: Document = document): OverlayHandle | undefined {
  return doc.querySelector<HostWithHandle>(HOST_TAG)?.[HANDLE];
}

interface Controller extends OverlayHandle {
  setActions(actions: OverlayActions): void;
}

function createController(
  doc: Document,
  initial: OverlayActions,
  { clock = systemClock, trustAll }: MountOptions,
): Controller {
  const host = doc.createElement(HOST_TAG) as HostWithHandle;
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const sheet = new (doc.defaultView ?? window).CSSStyleSheet();
  sheet.replaceSync(css);
  shadowRoot.adoptedStyleSheets = [sheet];
  doc.documentElement.append(host);

  let view: OverlayView | undefined;
  let actions = initial;
  let visible = false;
  let returnFocusTo: Element | null = null;

  // Actions handed to the components: closing also hides, whatever the caller then does.
  const wrapped: OverlayActions = {
    start: (id, opts) => actions.start(id, opts),
    end: () => actions.end(),
    answerOffline: (choice) => actions.answerOffline(choice),
    offerAgain: () => actions.offerAgain(),
    openViewer: () => actions.openViewer(),
    retry: () => actions.retry(),
    close: () => {
      controller.hide();
      actions.close();
    },
  };

  const draw = () =>
    render(
      visible && view
        ? h(
            ClockContext.Provider,
            { value: clock },
            h(Overlay, { view, actions: wrapped, trustAll }),
          )
        : null,
      shadowRoot,
    );

  const controller: Controller = {
    host,
    shadowRoot,
    get visible() {
      return visible;
    },
    setActions(next) {
      actions = next;
    },
    update(next) {
      view = next;
      draw();
    },
    show(next) {
      if (next) view = next;
      if (!visible) {
        const active = doc.activeElement;
        returnFocusTo = active && active !== host && active !== doc.body ? active : null;
      }
      visible = true;
      draw();
      shadowRoot.querySelector<HTMLElement>('[role="dialog"]')?.focus();
    },
    hide() {
      if (!visible) return;
      const hadFocus = doc.activeElement === host;
      visible = false;
      draw();
      if (hadFocus && returnFocusTo?.isConnected) (returnFocusTo as HTMLElement).focus?.();
      returnFocusTo = null;
    },
    unmount() {
      visible = false;
      draw();
      host.remove();
    },
  };
  host[HANDLE] = controller;
  return controller;
}
