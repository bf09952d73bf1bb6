// The org check as the background holds it: read once, then followed through its pushes. The
// options page shows this snapshot and nothing it computes itself.
import { useEffect, useState } from 'preact/hooks';
import { send, subscribe } from '../shared/client';
import type { OrgCheckSnapshot } from '../shared/org-check';
import type { SessionError } from '../shared/session';

export function useOrgCheck() {
  const [check, setCheck] = useState<OrgCheckSnapshot>();
  const [error, setError] = useState<SessionError>();

  useEffect(() => {
    // A push newer than the first read's answer wins: the answer may arrive after it.
    let pushed = false;
    const unsubscribe = subscribe((push) => {
      if (push.type !== 'orgcheck') return;
      pushed = true;
      setCheck(push.check);
    });
    void send('orgcheck.status', {}).then((r) => {
      if (!r.ok) setError(r.error);
      else if (!pushed) setCheck(r.value);
    });
    return unsubscribe;
  }, []);

  const start = async (input: { conversationId: string; voiceConversationId?: string }) => {
    setError(undefined);
    const r = await send('orgcheck.start', input);
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  };

  const stop = async () => {
    const r = await send('orgcheck.cancel', {});
    if (!r.ok) setError(r.error);
  };

  return { check, error, start, stop };
}
