// Small DOM readings the collector shares: node kinds, form controls, an element hidden by its
// own markup, and a bounded read of a node's text.
import { SKIPPED_TAGS } from '../shared/detect/dom';

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;
/** Text nodes read when taking the short text of a label element. */
const MAX_LABEL_NODES = 20;

type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLOutputElement;

export function isFormControl(el: Element): el is FormControl {
  const n = el.localName;
  return n === 'input' || n === 'textarea' || n === 'select' || n === 'output';
}

export function isHiddenSelf(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    (el as HTMLElement).style?.display === 'none' ||
    (el.localName === 'input' && (el as HTMLInputElement).type === 'hidden')
  );
}

/** The first `max` characters of a node's text, reading at most MAX_LABEL_NODES text nodes. */
export function shortText(node: Node | null, max: number): string {
  if (!node) return '';
  if (node.nodeType === TEXT_NODE) return (node as Text).data.slice(0, max);
  let out = '';
  let reads = 0;
  const stack: Node[] = [node];
  while (stack.length > 0 && out.length < max && reads < MAX_LABEL_NODES) {
    const n = stack.pop() as Node;
    if (n.nodeType === TEXT_NODE) {
      reads++;
      out += (n as Text).data.slice(0, max);
    } else if (n.nodeType === ELEMENT_NODE && !SKIPPED_TAGS.has((n as Element).localName)) {
      // Push children last-first so they pop in document order; stop at a handful.
      const kids: Node[] = [];
      for (let c = n.firstChild; c && kids.length < MAX_LABEL_NODES; c = c.nextSibling)
        kids.push(c);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
    }
  }
  return out.slice(0, max);
}
