// The steps on the test conversation's first offer: create it, find its web deployment, try a
// second session, open the viewer, let the customer answer, end what the check made.

import {
  codeOf,
  deploymentOfSelfUri,
  endMade,
  guestPath,
  PLAIN_ID,
  type RunState,
  statusOf,
} from './context';
import {
  conflictFinding,
  type DeploymentProbe,
  deploymentFinding,
  offerLifetimeFinding,
  participantFinding,
  viewerFinding,
} from './findings';
import { type CheckFrame, isEvent } from './frames';
import { promptText } from './plan';

const seconds = (n: number) => n * 1000;

export async function createStep(state: RunState): Promise<void> {
  const { deps, input } = state;
  const framesFrom = state.watch?.frames.length ?? 0;
  let date: string | undefined;
  const session = await deps.api.createCobrowse(input.conversationId, {
    onResponse: (r) => {
      date = r.headers.get('Date') ?? undefined;
    },
  });
  const selfUri = typeof session.selfUri === 'string' ? session.selfUri : undefined;
  state.made.push({
    id: session.id ?? '',
    label: 'web messaging session 1',
    ...(selfUri ? { selfUri } : {}),
  });
  state.touched.push(
    'web messaging session 1: created (POST /api/v2/conversations/{id}/cobrowse → 200)',
  );
  state.main = { id: session.id ?? '', ...(selfUri ? { selfUri } : {}), framesFrom };
  state.findings.push(
    offerLifetimeFinding({ dateOfferEnds: session.dateOfferEnds, ...(date ? { date } : {}) }),
  );
  const offering = await state.watch?.next(
    isEvent(['Offering']),
    seconds(input.observeSeconds),
    framesFrom,
  );
  if (offering?.kind === 'event' && offering.messageId)
    state.main.offeringMessageId = offering.messageId;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Candidate deployment ids from the offer's message details (normalizedMessage.channel). */
async function channelCandidates(state: RunState): Promise<{ field: string; id: string }[]> {
  const mid = state.main?.offeringMessageId;
  if (!mid || !PLAIN_ID.test(mid)) return [];
  const data: unknown = await state.deps.api.request(
    'GET',
    `/api/v2/conversations/messages/${state.input.conversationId}/messages/${mid}`,
  );
  const norm = isRecord(data) && isRecord(data.normalizedMessage) ? data.normalizedMessage : {};
  const channel = isRecord(norm.channel) ? norm.channel : {};
  const out: { field: string; id: string }[] = [];
  const add = (field: string, id: unknown) => {
    if (typeof id === 'string' && PLAIN_ID.test(id) && !out.some((c) => c.id === id))
      out.push({ field, id });
  };
  add('normalizedMessage.channel.id', channel.id);
  if (isRecord(channel.to)) add('normalizedMessage.channel.to.id', channel.to.id);
  if (isRecord(channel.from)) add('normalizedMessage.channel.from.id', channel.from.id);
  return out;
}

export async function deploymentStep(state: RunState): Promise<void> {
  const main = state.main;
  if (!main) return;
  const probes: (DeploymentProbe & { id: string })[] = [];
  const fromSelf = deploymentOfSelfUri(main.selfUri);
  if (fromSelf) probes.push({ place: 'selfUri', field: 'selfUri', id: fromSelf });
  else probes.push({ place: 'selfUri', field: 'selfUri', id: '', none: true });
  for (const c of await channelCandidates(state).catch(() => []))
    probes.push({ place: 'messageChannel', field: c.field, id: c.id });
  for (const p of probes) {
    if (!p.id) continue;
    p.status = await state.deps.guest('GET', guestPath(p.id, main.id)).catch(() => undefined);
  }
  state.deploymentId = probes.find((p) => p.status === 200)?.id;
  state.findings.push(deploymentFinding(probes));
}

export async function secondStep(state: RunState): Promise<void> {
  // Without the first session, a POST here would be a first one: it would prove nothing.
  if (!state.main) return;
  let answer: { status: number; code?: string } | undefined;
  try {
    const second = await state.deps.api.createCobrowse(state.input.conversationId);
    const selfUri = typeof second.selfUri === 'string' ? second.selfUri : undefined;
    const made = {
      id: second.id ?? '',
      label: 'web messaging session 2',
      ...(selfUri ? { selfUri } : {}),
    };
    state.made.push(made);
    state.touched.push('web messaging session 2: created (second POST → 200)');
    answer = { status: 200 };
    await endMade(state, made);
  } catch (err) {
    const status = statusOf(err);
    const code = codeOf(err);
    if (status !== undefined) answer = { status, ...(code ? { code } : {}) };
  }
  state.findings.push(conflictFinding(answer));
}

export async function viewerStep(state: RunState): Promise<void> {
  const { deps, input } = state;
  if (!state.main) return;
  const url = await deps.viewerUrl(input.conversationId);
  const posted = await deps.openViewer(url, seconds(input.observeSeconds));
  const ours = state.made.map((m) => m.id);
  state.findings.push(viewerFinding(posted, ours));
  if (posted && !ours.includes(posted) && PLAIN_ID.test(posted)) {
    const made = { id: posted, label: 'session made by the agent viewer' };
    state.made.push(made);
    state.touched.push('session made by the agent viewer: opened (viewer page)');
    await endMade(state, made);
  }
}

export async function answerStep(state: RunState): Promise<void> {
  const { deps, input, watch, main } = state;
  if (!watch || !main) return;
  const until = deps.now() + seconds(input.customerWaitSeconds);
  deps.progress.prompt({
    id: 'answer_offer',
    text: promptText('answer_offer', input.customerWaitSeconds),
    until,
  });
  await watch.next(
    isEvent(['OfferingAccepted', 'OfferingRejected']),
    seconds(input.customerWaitSeconds),
    main.framesFrom,
  );
  deps.progress.prompt(undefined);
  const events = watch.frames
    .slice(main.framesFrom)
    .filter(
      (f): f is Extract<CheckFrame, { kind: 'event' }> =>
        f.kind === 'event' && f.eventType === 'CoBrowse',
    );
  state.findings.push(participantFinding(events));
}

export async function endStep(state: RunState): Promise<void> {
  for (const made of state.made) await endMade(state, made);
}
