// The panel's root: a non-modal dialog named "Cobrowse" filling its frame on the agent's page,
// with one live region, Esc to close, a move handle (drag it, or arrow keys on it) and a
// minimised pill (Pill.tsx). It renders an OverlayView and reports intents through
// OverlayActions; it never talks to the browser itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { statusKey } from '../shared/session-status';
import { ErrorView } from '../ui/ErrorView';
import { AnnounceContext } from '../ui/session/announce';
import type { OverlayActions, OverlayView } from '../ui/session/model';
import { Confirm, Offline, Picker } from '../ui/session/Prompts';
import { SessionView } from '../ui/session/SessionView';
import type { Guard } from './guard';
import { MoveHandle } from './MoveHandle';
import { Pill } from './Pill';

export interface OverlayProps {
  view: OverlayView;
  actions: OverlayActions;
}

export interface PanelProps extends OverlayProps {
  /** Decides whether a click counts (see guard.ts); absent in unit tests: every click counts. */
  guard?: Guard;
  /** Moves the frame on the page by (dx, dy) CSS pixels; `done` ends one move. */
  onMove?: (dx: number, dy: number, done: boolean) => void;
  /**
   * Counts the times the closed panel came back on its own: each change shows the pill,
   * without taking the keyboard focus from the page.
   */
  revealed?: number;
}

/** What the live region says when the view changes. */
export function headline(view: OverlayView): string {
  switch (view.kind) {
    case 'session':
      return t(statusKey(view.snapshot));
    case 'picker':
      return t('ov_picker_title');
    case 'confirm':
      return t('ov_confirm_text', view.conversationId);
    case 'offline':
      return t('ov_offline_text');
    case 'error':
      return view.error.title;
  }
}

export function Panel({ view, actions, guard, onMove, revealed = 0 }: PanelProps) {
  const { minimised, setMinimised, pillRef, minimiseRef } = useMinimised(revealed);
  // A note (e.g. "Join code copied") is spoken until the headline changes; derived during
  // render so a pushed state change is in the live region as soon as it is rendered.
  const [note, setNote] = useState<{ text: string; over: string } | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const said = headline(view);
  const announcement = note && note.over === said ? note.text : said;
  const announce = (text: string) => setNote({ text, over: said });

  // When the focused control disappears (a prompt answered, a state without that button),
  // keep focus in the overlay instead of letting it fall to the page's <body>. Only on a
  // structural change and only if the agent was last in the overlay: never steal focus.
  const focusInside = useRef(false);
  const structure = view.kind === 'session' ? `session:${view.snapshot.state}` : view.kind;
  const firstStructure = useRef(structure);
  useEffect(() => {
    const root = rootRef.current;
    if (!root || structure === firstStructure.current) return;
    firstStructure.current = structure;
    if (!focusInside.current) return;
    if (!root.contains(root.ownerDocument.activeElement)) root.focus();
  }, [structure]);

  // Closed, the panel holds no focus to keep: a later change (it may come back on its own) must
  // not pull the keyboard from the page.
  const close = () => {
    focusInside.current = false;
    actions.close();
  };

  // A click the guard does not trust (frame covered, just moved, focus put here by the page)
  // stops here, before any button sees it.
  const onClickCapture = (e: MouseEvent) => {
    if (guard && !guard.allows(e)) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  };
  function onKeyDown(e: KeyboardEvent) {
    // Keys typed in the panel are the panel's alone (in its frame the page never sees them).
    e.stopPropagation();
    // Esc closes, the one safe action, so it needs no guard: at worst the panel hides.
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  }

  return (
    <AnnounceContext.Provider value={announce}>
      <section
        ref={rootRef}
        class={minimised ? 'panel pill' : 'panel'}
        role="dialog"
        aria-label={t('ov_dialog_name')}
        tabIndex={-1}
        onClickCapture={onClickCapture}
        onKeyDown={onKeyDown}
        onFocusIn={() => {
          focusInside.current = true;
        }}
        onFocusOut={(e) => {
          // relatedTarget null: the control was removed or the window lost focus; keep the flag.
          const next = e.relatedTarget as Node | null;
          if (next && !rootRef.current?.contains(next)) focusInside.current = false;
        }}
      >
        {minimised ? (
          <Pill
            snapshot={view.kind === 'session' ? view.snapshot : undefined}
            text={headline(view)}
            buttonRef={pillRef}
            onRestore={() => setMinimised(false)}
          />
        ) : (
          <>
            <header class="head">
              {onMove && <MoveHandle onMove={onMove} />}
              <h2>{t('ov_dialog_name')}</h2>
              <button
                ref={minimiseRef}
                type="button"
                class="icon"
                onClick={() => setMinimised(true)}
              >
                {t('ov_minimise')}
              </button>
              <button type="button" class="icon" onClick={close}>
                {t('ov_close')}
              </button>
            </header>
            <Body view={view} actions={actions} />
          </>
        )}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
      </section>
    </AnnounceContext.Provider>
  );
}

/**
 * Minimised or not, with the focus following the agent's own toggle (onto the pill, back onto
 * Minimise); a reveal (`revealed` counts up) shows the pill and moves no focus.
 */
function useMinimised(revealed: number) {
  const [minimised, setMinimised] = useState(false);
  const pillRef = useRef<HTMLButtonElement>(null);
  const minimiseRef = useRef<HTMLButtonElement>(null);
  const firstMinimised = useRef(minimised);
  /** The next change of `minimised` is a reveal's: no focus moves. */
  const quietly = useRef(false);
  useEffect(() => {
    if (minimised === firstMinimised.current) return;
    firstMinimised.current = minimised;
    if (quietly.current) quietly.current = false;
    else (minimised ? pillRef : minimiseRef).current?.focus();
  }, [minimised]);

  const firstRevealed = useRef(revealed);
  useEffect(() => {
    if (revealed === firstRevealed.current) return;
    firstRevealed.current = revealed;
    quietly.current = !minimised;
    setMinimised(true);
  }, [revealed, minimised]);
  return { minimised, setMinimised, pillRef, minimiseRef };
}

function Body({ view, actions }: OverlayProps) {
  switch (view.kind) {
    case 'session':
      return <SessionView snapshot={view.snapshot} actions={actions} />;
    case 'picker':
      return <Picker conversations={view.conversations} actions={actions} />;
    case 'confirm':
      return <Confirm conversationId={view.conversationId} actions={actions} />;
    case 'offline':
      return (
        <Offline
          conversationId={view.conversationId}
          customerName={view.customerName}
          actions={actions}
        />
      );
    case 'error':
      return (
        <ErrorView
          level={3}
          alert={false}
          error={view.error}
          at={view.at}
          onRetry={actions.retry}
        />
      );
  }
}
