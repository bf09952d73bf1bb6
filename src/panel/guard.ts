// Clickjacking and focus-hijack defence for the panel frame. A page cannot script the frame,
// but it can try to trick the agent's own input into it: cover the frame with something that
// lets clicks through, make it transparent, slide it under the pointer just before a click, or
// move the keyboard focus into it (window.frames[n].focus()) while the agent types Enter into
// the page. So a click counts only while the frame is really visible (IntersectionObserver v2:
// not covered, no opacity/filter/transform from the page; without v2, the host's own look from
// the page's side, content/host-cover.ts) and has stayed put for SETTLE_MS since it appeared,
// moved or was restyled; a click from the keyboard counts only after the agent
// pointed inside the frame, or moved the focus within it (Tab, a screen reader's cursor), since
// the frame last gained focus. Keys the agent types for the page (arrows, Home, End) arm nothing.
// Pure apart from the observer: the caller feeds it events and asks `allows`.

/** How long the frame must stay visible and in place before a click counts. */
export const SETTLE_MS = 500;

export interface Guard {
  /** IntersectionObserver v2's verdict; `undefined` where the browser has no v2 (trusted). */
  visibility(isVisible: boolean | undefined): void;
  /** The host's verdict where the browser has no v2: the page hides or disguises the frame. */
  obscured(byPage: boolean): void;
  /** The frame appeared, moved, was resized or restyled. */
  changed(): void;
  /** The frame's window gained focus (from the agent or from the page). */
  focused(): void;
  /**
   * The agent's own input inside the frame: 'pointerdown', or 'focusmove' (the focus moved from
   * one element of the frame to another, which a page cannot cause: it can only focus the frame
   * as a whole).
   */
  input(e: { type: 'pointerdown' | 'focusmove' }): void;
  /** Whether a click (detail 0: from the keyboard) should act. */
  allows(click: { detail: number }): boolean;
}

export interface GuardDeps {
  now: () => number;
  /** Runs `fn` after `ms` (the moment the frame will have settled). */
  later: (fn: () => void, ms: number) => void;
  /** Pointer clicks count from now on (true) or no longer (false): shown on the page. */
  onReady?: (ready: boolean) => void;
}

export function createGuard({ now, later, onReady }: GuardDeps): Guard {
  let visible = false;
  let seen = false;
  let hidden = false;
  let changedAt = now();
  let armed = false;
  let ready = false;
  const ripe = () => visible && now() - changedAt >= SETTLE_MS;
  function update() {
    const next = ripe();
    if (next !== ready) {
      ready = next;
      onReady?.(ready);
    }
    if (visible && !next) later(update, changedAt + SETTLE_MS - now());
  }
  function see(next: boolean) {
    if (next && !visible) changedAt = now();
    visible = next;
    update();
  }
  return {
    visibility(isVisible) {
      seen = isVisible !== false;
      see(seen && !hidden);
    },
    obscured(byPage) {
      hidden = byPage;
      see(seen && !hidden);
    },
    changed() {
      changedAt = now();
      update();
    },
    focused() {
      armed = false;
    },
    input() {
      armed = true;
    },
    allows(click) {
      if (!ripe()) return false;
      return click.detail > 0 || armed;
    },
  };
}

/**
 * Feeds `guard` from IntersectionObserver v2 on `target` (Chrome); where v2 is missing the
 * frame is taken as visible and only the settle time and focus rules apply.
 */
export function watchVisibility(target: Element, guard: Guard): () => void {
  const options = { trackVisibility: true, delay: 100, threshold: [0, 1] };
  let observer: IntersectionObserver;
  try {
    observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1) as
        | (IntersectionObserverEntry & { isVisible?: boolean })
        | undefined;
      if (last) guard.visibility(last.isIntersecting ? last.isVisible : false);
    }, options as IntersectionObserverInit);
  } catch {
    guard.visibility(undefined);
    return () => undefined;
  }
  observer.observe(target);
  return () => observer.disconnect();
}
