// The signed-in popup: the agent's conversations with Start, or the live session. It renders
// the background's latest snapshot and sends intents; the only state it keeps is which of
// the two views the agent looks at, a request in flight, and that request's error.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import { t } from '../shared/i18n';
import type { StartRequest } from '../shared/protocol';
import type { SessionError, SessionSnapshot } from '../shared/session';
import { statusKey } from '../shared/session-status';
import { ErrorView } from '../ui/ErrorView';
import { AnnounceContext } from '../ui/session/announce';
import type { OverlayActions, StartOptions } from '../ui/session/model';
import { ConversationPicker } from './ConversationPicker';
import { LiveSession } from './LiveSession';
import { currentSession, type Sessions } from './sessions';
import { type ListView, useConversations } from './use-conversations';

export interface CobrowsePanelProps {
  sessions: Sessions;
  /** A snapshot the background answered a request with (pushes arrive on their own). */
  onSnapshot: (snapshot: SessionSnapshot) => void;
}

type SnapshotRequest =
  | 'cobrowse.start'
  | 'cobrowse.end'
  | 'cobrowse.answerOffline'
  | 'cobrowse.offerAgain';

export function CobrowsePanel({ sessions, onSnapshot }: CobrowsePanelProps) {
  const conversations = useConversations();
  const session = currentSession(sessions);
  // The agent went back to the list; any new or changed snapshot brings the session forward.
  const [showList, setShowList] = useState(false);
  useEffect(() => {
    if (session) setShowList(false);
  }, [session?.conversationId, session?.updatedAt]);
  const mode = session && !showList ? 'session' : 'list';

  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<SessionError | undefined>(undefined);
  // An error belongs to the view it happened in.
  useEffect(() => setError(undefined), [mode]);

  async function request<N extends SnapshotRequest>(
    name: N,
    payload: Parameters<typeof send<N>>[1],
  ): Promise<boolean> {
    setError(undefined);
    const r = await send(name, payload);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    onSnapshot(r.value as SessionSnapshot);
    return true;
  }

  const tabId = conversations.tabId;
  const startRequest = (conversationId: string, origin: StartRequest['origin']): StartRequest => ({
    conversationId,
    origin,
    ...(tabId === undefined ? {} : { tabId }),
  });

  async function start(conversationId: string, options: StartOptions = {}) {
    setStarting(true);
    const ok = await request('cobrowse.start', {
      ...startRequest(conversationId, 'popup'),
      ...options,
    });
    setStarting(false);
    if (ok) setShowList(false);
  }

  const actions = (s: SessionSnapshot): OverlayActions => {
    const conversationId = s.conversationId;
    return {
      start: (id, options) => void start(id, options),
      end: () => void request('cobrowse.end', { conversationId }),
      answerOffline: (choice) => void request('cobrowse.answerOffline', { conversationId, choice }),
      offerAgain: () => void request('cobrowse.offerAgain', { conversationId }),
      retry: () => void request('cobrowse.start', startRequest(conversationId, 'retry')),
      openViewer: () => {
        setError(undefined);
        // The background opens the viewer in a tab (the popup then closes by itself).
        void send('cobrowse.openViewer', { conversationId }).then((r) => {
          if (!r.ok) setError(r.error);
        });
      },
      close: () => window.close(),
    };
  };

  // One live region: the session's status line, or what the list is doing; a note such as
  // "Join code copied" is spoken until the next change.
  const said =
    mode === 'session' && session ? t(statusKey(session)) : listHeadline(conversations.view);
  const [note, setNote] = useState<{ text: string; over: string } | null>(null);
  const announcement = note && note.over === said ? note.text : said;

  // When the focused control disappears (Start after starting, Back, a state without that
  // button), move focus to the new view's heading instead of losing it to <body>. Only if the
  // agent was in the popup's content: a push never steals focus from elsewhere.
  const listHeading = useId();
  const sessionHeading = useId();
  const focusInside = useRef(false);
  const structure =
    mode === 'session' && session ? `session:${session.conversationId}:${session.state}` : 'list';
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!focusInside.current || (active && active !== document.body)) return;
    document.getElementById(mode === 'session' ? sessionHeading : listHeading)?.focus();
  }, [structure]);

  return (
    <AnnounceContext.Provider value={(text) => setNote({ text, over: said })}>
      <div
        ref={rootRef}
        class="panel stack"
        onFocusIn={() => {
          focusInside.current = true;
        }}
        onFocusOut={(e) => {
          // relatedTarget null: the control was removed (or the popup lost focus); keep the flag.
          const next = e.relatedTarget as Node | null;
          if (next && !rootRef.current?.contains(next)) focusInside.current = false;
        }}
      >
        {mode === 'session' && session ? (
          <LiveSession
            snapshot={session}
            actions={actions(session)}
            onBack={() => setShowList(true)}
            headingId={sessionHeading}
          />
        ) : (
          <>
            {session && (
              <button type="button" class="btn btn-small" onClick={() => setShowList(false)}>
                {t('popup_showSession')}
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
  if (view.phase === 'loading') return t('popup_conversationsLoading');
  if (view.phase === 'ready' && view.list.conversations.length === 0) {
    return t('popup_conversationsEmpty');
  }
  return '';
}
