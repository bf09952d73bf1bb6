// After a refused copy, the text is selected where the view already shows it (the join code
// beside its Copy button, the redirect URI's field), so Ctrl+C copies it by hand.

/** How far up from the Copy button the shown value is looked for (its field, row or block). */
const LEVELS = 3;

const compact = (s: string) => s.replace(/\s+/g, '');

/** Selects `text` where it is shown near `from`; false when it is not shown there. */
export function selectShown(from: Element | null, text: string): boolean {
  const wanted = compact(text);
  if (!from || !wanted) return false;
  let scope = from.parentElement;
  for (let level = 0; scope && level < LEVELS; level++, scope = scope.parentElement) {
    for (const el of scope.querySelectorAll<HTMLElement>('*')) {
      if (from.contains(el)) continue;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        if (compact(el.value) !== wanted) continue;
        el.focus();
        el.select();
        return true;
      }
      // The innermost element holding exactly the text (a grouped "605 368" counts too).
      if (compact(el.textContent ?? '') !== wanted) continue;
      if ([...el.children].some((c) => compact(c.textContent ?? '') === wanted)) continue;
      const selection = el.ownerDocument.defaultView?.getSelection();
      if (!selection) return false;
      selection.selectAllChildren(el);
      return true;
    }
  }
  return false;
}
