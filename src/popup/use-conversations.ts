// The agent's active conversations as the background classified them for the active tab's
// page. Loaded when the panel opens and when the agent asks for a refresh.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import type { ConversationList } from '../shared/protocol';
import type { SessionError } from '../shared/session';
import { activeTabId } from './active-tab';

export type ListView =
  | { phase: 'loading'; list?: ConversationList }
  | { phase: 'ready'; list: ConversationList }
  | { phase: 'failed'; error: SessionError; list?: ConversationList };

export interface ConversationsModel {
  view: ListView;
  /** undefined until known, and when the window has no active tab */
  tabId?: number;
  reload: () => void;
}

export function useConversations(): ConversationsModel {
  const [view, setView] = useState<ListView>({ phase: 'loading' });
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  // Only the latest load may land: a slow earlier answer must not replace a newer one.
  const latest = useRef(0);

  const reload = useCallback(() => {
    // A refresh keeps the current list on screen until the new one arrives.
    setView((v) => ({ phase: 'loading', list: v.list }));
    const seq = ++latest.current;
    void (async () => {
      const id = await activeTabId();
      setTabId(id);
      const r = await send('conversations.list', id === undefined ? {} : { tabId: id });
      if (seq !== latest.current) return;
      setView((v) =>
        r.ok
          ? { phase: 'ready', list: r.value }
          : { phase: 'failed', error: r.error, list: v.list },
      );
    })();
  }, []);

  useEffect(() => reload(), [reload]);

  return { view, tabId, reload };
}
