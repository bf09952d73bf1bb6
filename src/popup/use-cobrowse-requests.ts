// The popup's intents to the background: start, end, answer offline, offer again, retry and the
// viewer. It keeps only a start in flight and the last request's error; a snapshot the
// background answers with goes to onSnapshot.
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/client';
import type { StartRequest } from '../shared/protocol';
import type { SessionError, SessionSnapshot } from '../shared/session';
import type { OverlayActions, StartOptions } from '../ui/session/model';

type SnapshotRequest =
  | 'cobrowse.start'
  | 'cobrowse.end'
  | 'cobrowse.answerOffline'
  | 'cobrowse.offerAgain';

export function useCobrowseRequests(
  tabId: number | undefined,
  /** The view the agent looks at: an error belongs to the view it happened in. */
  mode: 'session' | 'list',
  onSnapshot: (snapshot: SessionSnapshot) => void,
  /** A start succeeded: show its session. */
  onStarted: () => void,
) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<SessionError | undefined>(undefined);
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
    if (ok) onStarted();
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

  return { starting, error, start, actions };
}
