// The overlay's root: a non-modal dialog named "Cobrowse" in the page's bottom-right corner,
// with one live region, Esc to close, and a minimised pill. It renders an OverlayView and
// reports intents through OverlayActions; it never talks to the browser itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { AnnounceContext } from './announce';
import { ErrorDetails } from './ErrorDetails';
import type { OverlayActions, OverlayView } from './model';
import { Confirm, Offline, Picker } from './Prompts';
import { SessionView } from './SessionView';
import { STATE_WORD, statusKey } from './status';

export interface OverlayProps {
  view: OverlayView;
  actions: OverlayActions;
  /** Unit tests only (their fireEvent is synthetic); the content script never sets it. */
  trustAll?: boolean;
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

export function Overlay({ view, actions, trustAll }: OverlayProps) {
  const [minimised, setMinimised] = useState(false);
  // A note (e.g. "Join code copied") is spoken until the headline changes; derived during
  // render so a pushed state change is in the live region as soon as it is rendered.
  const [note, setNote] = useState<{ text: string; over: string } | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const pillRef = useRef<HTMLButtonElement>(null);
  const minimiseRef = useRef<HTMLButtonElement>(null);
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
    const tree = root.getRootNode() as Document | ShadowRoot;
    const active = root.ownerDocument.activeElement;
    const onPage =
      active &&
      active !== root.ownerDocument.body &&
      active !== ('host' in tree ? tree.host : null);
    if (!onPage && !root.contains(tree.activeElement)) root.focus();
  }, [structure]);

  const firstMinimised = useRef(minimised);
  useEffect(() => {
    if (minimised === firstMinimised.current) return;
    firstMinimised.current = minimised;
    (minimised ? pillRef : minimiseRef).current?.focus();
  }, [minimised]);

  // The shadow root is open, so the page's script can reach our buttons and .click() them
  // ("Start anyway", "End"...). Only the agent's own input (isTrusted) gets through.
  const guard = (e: Event) => {
    if (!e.isTrusted && !trustAll) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
  };

  function onKeyDown(e: KeyboardEvent) {
    // The page's own shortcuts must not fire on keys typed into the overlay.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.close();
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
        onClickCapture={guard}
        onKeyDownCapture={guard}
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
          <button
            ref={pillRef}
            type="button"
            class="pill-button"
            onClick={() => setMinimised(false)}
          >
            {pillText(view)}
            <span class="visually-hidden"> {t('ov_restore')}</span>
          </button>
        ) : (
          <>
            <header class="head">
              <h2>{t('ov_dialog_name')}</h2>
              <button
                ref={minimiseRef}
                type="button"
                class="icon"
                onClick={() => setMinimised(true)}
              >
                {t('ov_minimise')}
              </button>
              <button type="button" class="icon" onClick={actions.close}>
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
      return <ErrorDetails error={view.error} at={view.at} onRetry={actions.retry} />;
  }
}

/** The pill's text: the code and a one-word state for a session, else the prompt's title. */
function pillText(view: OverlayView): string {
  if (view.kind !== 'session') return headline(view);
  const s = view.snapshot;
  return [s.joinCode, t(STATE_WORD[s.state])].filter(Boolean).join(' · ');
}
