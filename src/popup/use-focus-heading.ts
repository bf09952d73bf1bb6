// When the focused control disappears (Start after starting, Back, a state without that
// button), focus moves to the new view's heading instead of being lost to <body>. Only if the
// agent was in the popup's content: a push never steals focus from elsewhere.
import { useEffect, useId, useRef } from 'preact/hooks';

/** `structure` names what is shown; a change of it is when focus may have been lost. */
export function useFocusHeading(mode: 'session' | 'list', structure: string) {
  const listHeading = useId();
  const sessionHeading = useId();
  const focusInside = useRef(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!focusInside.current || (active && active !== document.body)) return;
    document.getElementById(mode === 'session' ? sessionHeading : listHeading)?.focus();
  }, [structure]);

  const onFocusIn = () => {
    focusInside.current = true;
  };
  const onFocusOut = (e: FocusEvent) => {
    // relatedTarget null: the control was removed (or the popup lost focus); keep the flag.
    const next = e.relatedTarget as Node | null;
    if (next && !rootRef.current?.contains(next)) focusInside.current = false;
  };
  return { listHeading, sessionHeading, rootRef, onFocusIn, onFocusOut };
}
