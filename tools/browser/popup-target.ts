// The real toolbar popup (a DevTools target Playwright does not manage, see realinput.ts): move
// keyboard focus to a control found by role and accessible name, so a real key press acts on it.
import type { PopupTarget } from './realinput';

export async function focusByRole(popup: PopupTarget, role: string, name: string): Promise<void> {
  const { root } = await popup.cdp.send<{ root: { nodeId: number } }>('DOM.getDocument', {
    depth: 0,
  });
  const { nodes } = await popup.cdp.send<{
    nodes: { backendDOMNodeId?: number; ignored?: boolean }[];
  }>('Accessibility.queryAXTree', { nodeId: root.nodeId, accessibleName: name, role });
  const node = nodes.find((n) => !n.ignored && n.backendDOMNodeId !== undefined);
  if (!node) throw new Error(`no ${role} named "${name}" in the popup`);
  await popup.cdp.send('DOM.focus', { backendNodeId: node.backendDOMNodeId });
}
