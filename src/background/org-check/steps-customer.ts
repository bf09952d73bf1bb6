// The steps that need another offer: redelivery on Join (the admin closes and reopens the test
// Messenger) and the voice conversation (what the agent can see of a voice session).

import {
  deploymentOfSelfUri,
  endMade,
  guestPath,
  type Made,
  PLAIN_ID,
  type RunState,
  statusOf,
} from './context';
import { redeliveryFinding, voiceFinding } from './findings';
import { isEvent } from './frames';
import { promptText } from './plan';

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export async function redeliveryStep(state: RunState): Promise<void> {
  const { deps, input, watch } = state;
  if (!watch) return;
  const wait = input.customerWaitSeconds * 1000;
  const ask = (id: 'close_messenger' | 'open_messenger') =>
    deps.progress.prompt({
      id,
      text: promptText(id, input.customerWaitSeconds),
      until: deps.now() + wait,
    });
  const windowSeconds = input.observeSeconds;
  ask('close_messenger');
  const left = await watch.next(isEvent(['Disconnect']), wait, watch.frames.length);
  deps.progress.prompt(undefined);
  if (!left) {
    state.findings.push(
      redeliveryFinding({ left: false, returned: false, offeringAfterJoin: false, windowSeconds }),
    );
    return;
  }
  let created: number | undefined;
  let made: Made | undefined;
  try {
    const session = await deps.api.createCobrowse(input.conversationId);
    const selfUri = typeof session.selfUri === 'string' ? session.selfUri : undefined;
    made = {
      id: session.id ?? '',
      label: 'web messaging session 3 (made while offline)',
      ...(selfUri ? { selfUri } : {}),
    };
    state.made.push(made);
    state.touched.push(`${made.label}: created (POST → 200)`);
    created = 200;
  } catch (err) {
    created = statusOf(err);
  }
  if (!made) {
    state.findings.push(
      redeliveryFinding({ left: true, returned: false, offeringAfterJoin: false, windowSeconds }),
    );
    return;
  }
  const from = watch.frames.length;
  ask('open_messenger');
  const joined = await watch.next(isEvent(['Join']), wait, from);
  deps.progress.prompt(undefined);
  let offeringAfterJoin = false;
  if (joined) {
    const at = watch.frames.indexOf(joined);
    offeringAfterJoin =
      (await watch.next(isEvent(['Offering']), windowSeconds * 1000, at)) !== undefined;
  }
  state.findings.push(
    redeliveryFinding({
      left: true,
      ...(created !== undefined ? { created } : {}),
      returned: !!joined,
      offeringAfterJoin,
      windowSeconds,
    }),
  );
  await endMade(state, made);
}

/** The state under which the call's conversation lists the session, if it does. */
function listedState(conversation: unknown, sessionId: string): string | undefined {
  if (!isRecord(conversation) || !Array.isArray(conversation.participants)) return undefined;
  for (const p of conversation.participants) {
    if (!isRecord(p) || !Array.isArray(p.cobrowsesessions)) continue;
    for (const c of p.cobrowsesessions)
      if (isRecord(c) && c.cobrowseSessionId === sessionId && typeof c.state === 'string')
        return c.state;
  }
  return undefined;
}

export async function voiceStep(state: RunState): Promise<void> {
  const { deps, input } = state;
  const voiceId = input.voiceConversationId;
  if (!voiceId) return;
  const session = await deps.api.createCobrowse(voiceId);
  const selfUri = typeof session.selfUri === 'string' ? session.selfUri : undefined;
  const made: Made = {
    id: session.id ?? '',
    label: 'voice session',
    ...(selfUri ? { selfUri } : {}),
  };
  state.made.push(made);
  state.touched.push('voice session: created (POST /api/v2/conversations/{id}/cobrowse → 200)');
  const conversation: unknown = await deps.api.request('GET', `/api/v2/conversations/${voiceId}`);
  const listed = listedState(conversation, made.id);
  await endMade(state, made);
  const d = state.deploymentId ?? deploymentOfSelfUri(selfUri);
  const guestAfterEnd =
    d && PLAIN_ID.test(made.id)
      ? await deps.guest('GET', guestPath(d, made.id)).catch(() => undefined)
      : undefined;
  state.findings.push(
    voiceFinding({
      ...(listed ? { listedState: listed } : {}),
      ...(guestAfterEnd !== undefined ? { guestAfterEnd } : {}),
    }),
  );
}
