// The signed-in popup: the agent's conversations with Start, or the live session. It renders
// the background's latest snapshot and sends intents (use-cobrowse-requests.ts); the only state
// it keeps is which of the two views the agent looks at, a request in flight, and that
// request's error.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SessionSnapshot } from '../shared/session';
import { statusKey } from '../shared/session-status';
import { ErrorView } from '../ui/ErrorView';
import { AnnounceContext } from '../ui/session/announce';
import { ConversationPicker } from './ConversationPicker';
import { LiveSession } from './LiveSession';
import { latestSession, type Sessions, sessionForTab, type TabView } from './sessions';
import { useCobrowseRequests } from './use-cobrowse-requests';
import { type ListView, useConversations } from './use-conversations';
import { useFocusHeading } from './use-focus-heading';

export interface CobrowsePanelProps {
  sessions: Sessions;
  /** A snapshot the background answered a request with (pushes arrive on their own). */
  onSnapshot: (snapshot: SessionSnapshot) => void;
}

export function CobrowsePanel({ sessions, onSnapshot }: CobrowsePanelProps) {
  const conversations = useConversations();
  // Which session follows the tab is known once the background read the tab's page; until
  // then the list shows that it loads.
  const tab = tabView(conversations.view);
  // The session on screen stays there when it ends, and a start shows its own session.
  const [pinned, setPinned] = useState<string | undefined>(undefined);
  const session = tab ? sessionForTab(sessions, tab, pinned) : undefined;
  useEffect(() => {
    if (session) setPinned(session.conversationId);
  }, [session?.conversationId]);
  // The agent went back to the list; any new or changed snapshot brings the session forward.
  const [showList, setShowList] = useState(false);
  useEffect(() => {
    if (session) setShowList(false);
  }, [session?.conversationId, session?.updatedAt]);
  const mode = session && !showList ? 'session' : 'list';
  // From the list: the session left on screen, or the latest one (e.g. another tab's).
  const reachable = session ?? latestSession(sessions);

  const { starting, error, start, actions } = useCobrowseRequests(
    conversations.tabId,
    mode,
    (snapshot) => {
      setPinned(snapshot.conversationId);
      onSnapshot(snapshot);
    },
    () => setShowList(false),
  );

  // One live region: the session's status line, or what the list is doing; a note such as
  // "Join code copied" is spoken until the next change.
  const said =
    mode === 'session' && session ? t(statusKey(session)) : listHeadline(conversations.view);
  const [note, setNote] = useState<{ text: string; over: string } | null>(null);
  const announcement = note && note.over === said ? note.text : said;

  const structure =
    mode === 'session' && session ? `session:${session.conversationId}:${session.state}` : 'list';
  const { listHeading, sessionHeading, rootRef, onFocusIn, onFocusOut } = useFocusHeading(
    mode,
    structure,
  );

  return (
    <AnnounceContext.Provider value={(text) => setNote({ text, over: said })}>
      <div ref={rootRef} class="panel stack" onFocusIn={onFocusIn} onFocusOut={onFocusOut}>
        {mode === 'session' && session ? (
          <LiveSession
            snapshot={session}
            actions={actions(session)}
            onBack={() => setShowList(true)}
            headingId={sessionHeading}
          />
        ) : (
          <>
            {reachable && (
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setPinned(reachable.conversationId);
                  setShowList(false);
                }}
              >
                {t('popup_show_session')}
              </button>
            )}
            <ConversationPicker
              view={conversations.view}
              starting={starting}
              onStart={(id, options) => void start(id, options)}
              onRefresh={conversations.reload}
              headingId={listHeading}
            />
          </>
        )}
        {error && <ErrorView error={error} level={3} />}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
      </div>
    </AnnounceContext.Provider>
  );
}

function listHeadline(view: ListView): string {
  if (view.phase === 'loading') return t('popup_conversations_loading');
  if (view.phase === 'ready' && view.list.conversations.length === 0) {
    return t('popup_conversations_empty');
  }
  return '';
}

/** The tab as the background described it with the list; an unreadable list: a page without
 *  conversations. Undefined while the first list loads. */
function tabView(view: ListView): TabView | undefined {
  if (!view.list) return view.phase === 'failed' ? { onPage: [] } : undefined;
  const { conversations, unknownHints, tabSession } = view.list;
  const onPage = [...conversations.filter((c) => c.onPage).map((c) => c.id), ...unknownHints];
  return { onPage, tabSession };
}
