// What the agent clicked in a tab's overlay (already checked by the bridge): start, retry, end,
// answer the offline question, offer again, open the viewer. A failure is shown where they
// clicked.
import { toSessionError } from '../../shared/errors';
import type { OverlayAction } from '../../shared/protocol';
import type { Origin } from '../../shared/session';
import type { OverlayBridge } from '../overlay';
import type { TabState } from '../overlay-store';
import type { CobrowseService } from './service';
import type { TabStart } from './tab-start';

export interface OverlayActionParts extends Pick<TabStart, 'startOnTab' | 'errorView'> {
  service: CobrowseService;
  overlay: OverlayBridge;
  tabUrl: (tabId: number) => Promise<string | undefined>;
  /** The trigger's flow on a tab (a Retry of a trigger that failed runs it again). */
  run: (tab: { id: number; url?: string | undefined }, origin: Origin) => Promise<void>;
}

export async function handleOverlayAction(
  parts: OverlayActionParts,
  tabId: number,
  state: TabState,
  action: OverlayAction,
): Promise<void> {
  const { service, overlay, startOnTab, errorView } = parts;
  const id = state.conversationId;
  try {
    switch (action.action) {
      case 'start':
        // A refusal is already shown on the tab by startOnTab.
        await startOnTab(tabId, action.conversationId, state.origin, action.options).catch(
          () => undefined,
        );
        return;
      case 'close':
        return;
      case 'retry': {
        if (state.retryTrigger) {
          await parts.run({ id: tabId, url: await parts.tabUrl(tabId) }, state.origin);
          return;
        }
        const target = id ?? (state.allowed.length === 1 ? state.allowed[0] : undefined);
        if (!target) return;
        const current = service.get(target);
        if (current?.state === 'failed') await service.offerAgain(target, 'retry');
        else await startOnTab(tabId, target, 'retry', {}).catch(() => undefined);
        return;
      }
    }
    if (!id) return; // the remaining actions act on the tab's session
    if (action.action === 'end') await service.end(id);
    else if (action.action === 'offerAgain') await service.offerAgain(id);
    else if (action.action === 'answerOffline') await service.answerOffline(id, action.choice);
    else if (action.action === 'openViewer') await service.openViewer(id);
  } catch (err) {
    // Shown where the agent clicked; a session goes on (its own view returns on the next push).
    await overlay.show(tabId, errorView(toSessionError(err), id), {
      ...state,
      allowed: state.allowed,
    });
  }
}
