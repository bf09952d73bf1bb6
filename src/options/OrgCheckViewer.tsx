// The Genesys agent viewer, opened by the org check inside this page: like the real one, it
// posts {joinCode, sessionId} to its parent. Only a message from this frame and the viewer's
// origin counts, and only its session id goes to the background.
import { useEffect, useRef } from 'preact/hooks';
import { send } from '../shared/client';
import { t } from '../shared/i18n';

const PLAIN_ID = /^[A-Za-z0-9-]{1,64}$/;

export function OrgCheckViewer({ url }: { url: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const origin = new URL(url).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow || event.origin !== origin) return;
      const sessionId = (event.data as { sessionId?: unknown } | null)?.sessionId;
      if (typeof sessionId === 'string' && PLAIN_ID.test(sessionId))
        void send('orgcheck.viewer', { sessionId });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [url]);
  return (
    <iframe
      ref={frame}
      src={url}
      title={t('orgcheck_viewer_title')}
      class="orgcheck-viewer"
      referrerpolicy="no-referrer"
    />
  );
}
