// Pure: what each observation means for one behaviour. Each function takes the facts the check
// collected (status codes, where an event sat, what a topic answered) and returns the finding,
// or "not observed" with the reason. Evidence names statuses and fields, never values from a
// body (no tokens, no customer data).
import type { Finding, NotObservedReason } from '../../shared/org-check';

const notObserved = (
  id: Finding['id'],
  reason: NotObservedReason,
  evidence: string[] = [],
): Finding => ({ id, reason, evidence });

/** The second POST on a conversation with a pending session: 409, or a second session. */
export function conflictFinding(second: { status: number; code?: string } | undefined): Finding {
  const id = 'conflictOnPendingSession';
  if (!second) return notObserved(id, 'request_failed');
  const evidence = [
    `second POST /api/v2/conversations/{id}/cobrowse → ${second.status}${second.code ? ` ${second.code}` : ''}`,
  ];
  if (second.status === 409) return { id, value: true, evidence };
  if (second.status >= 200 && second.status < 300) return { id, value: false, evidence };
  return notObserved(id, 'request_failed', evidence);
}

export interface SeenEvent {
  subType: string;
  /** The carrying participant's purpose (agent, customer, …). */
  purpose: string;
}

/**
 * Which participant carries which CoBrowse event. The Offering's side and the customer's answer's
 * side tell the three shapes apart: split (offer on the agent, answer on the customer), all on
 * the customer, all on the agent. Anything else is reported as seen.
 */
export function participantFinding(events: readonly SeenEvent[]): Finding {
  const id = 'coBrowseEventParticipant';
  const sideOf = (subTypes: string[]) => events.find((e) => subTypes.includes(e.subType))?.purpose;
  const offering = sideOf(['Offering']);
  const answer = sideOf(['OfferingAccepted', 'OfferingRejected']);
  const evidence = events
    .filter((e) => e.subType.startsWith('Offering'))
    .map((e) => `CoBrowse/${e.subType} on participant purpose=${e.purpose}`);
  if (!offering) return notObserved(id, 'no_offering_event', evidence);
  if (offering === 'customer' && (answer === undefined || answer === 'customer'))
    return { id, value: 'customer', evidence };
  if (offering === 'agent' && answer === 'customer') return { id, value: 'split', evidence };
  if (offering === 'agent' && answer === 'agent') return { id, value: 'agent', evidence };
  if (answer === undefined) return notObserved(id, 'customer_did_not_act', evidence);
  return { id, value: `Offering=${offering}; answer=${answer}`, evidence };
}

/** An offer made while the Messenger was closed: delivered on the next Join, or lost. */
export function redeliveryFinding(o: {
  left: boolean;
  created?: number;
  returned: boolean;
  offeringAfterJoin: boolean;
  windowSeconds: number;
}): Finding {
  const id = 'redeliverOfferOnJoin';
  if (!o.left) return notObserved(id, 'customer_did_not_leave');
  if (o.created === undefined) return notObserved(id, 'request_failed');
  const evidence = [
    'Presence/Disconnect seen before the POST',
    `POST /api/v2/conversations/{id}/cobrowse → ${o.created}`,
  ];
  if (!o.returned) return notObserved(id, 'customer_did_not_return', evidence);
  evidence.push('Presence/Join seen');
  evidence.push(
    o.offeringAfterJoin
      ? 'CoBrowse/Offering seen after the Join'
      : `no CoBrowse/Offering within ${o.windowSeconds} s after the Join`,
  );
  return { id, value: o.offeringAfterJoin, evidence };
}

export function refreshTokenFinding(stored: boolean | undefined): Finding {
  const id = 'issueRefreshTokens';
  if (stored === undefined) return notObserved(id, 'request_failed');
  return {
    id,
    value: stored,
    evidence: [`token answer field refresh_token: ${stored ? 'present' : 'absent'}`],
  };
}

export interface DeploymentProbe {
  place: 'selfUri' | 'messageChannel';
  /** Where the candidate came from, e.g. "selfUri" or "normalizedMessage.channel.id". */
  field: string;
  /** The guest GET's status with that candidate (200: the route knows the session). */
  status?: number;
  /** The place named no candidate (e.g. a selfUri that is not the guest route). */
  none?: boolean;
}

/** The first place whose candidate deploymentId the guest route accepts. */
export function deploymentFinding(probes: readonly DeploymentProbe[]): Finding {
  const id = 'deploymentIdPlace';
  const evidence = probes.map((p) =>
    p.none
      ? `${p.field}: no deployment id in it`
      : `${p.field}: GET /api/v2/webdeployments/deployments/{d}/cobrowse/{id} → ${p.status ?? 'no answer'}`,
  );
  const found = probes.find((p) => p.status === 200);
  if (!found) return notObserved(id, 'no_deployment_id', evidence);
  return { id, value: found.place, evidence };
}

/** A voice session: listed on the call's participant, or known only by the guest route. */
export function voiceFinding(
  o: { listedState?: string; guestAfterEnd?: number } | undefined,
): Finding {
  const id = 'voiceSignal';
  if (!o) return notObserved(id, 'no_voice_conversation');
  const evidence = [
    o.listedState
      ? `GET /api/v2/conversations/{id}: participants[].cobrowsesessions[] lists the session (state ${o.listedState})`
      : 'GET /api/v2/conversations/{id}: no participants[].cobrowsesessions[] entry for the session',
    `guest GET after the guest DELETE → ${o.guestAfterEnd ?? 'no answer'}`,
  ];
  if (o.listedState) return { id, value: 'conversation', evidence };
  if (o.guestAfterEnd === 404) return { id, value: 'guest-route', evidence };
  if (o.guestAfterEnd === 200) return { id, value: 'none', evidence };
  return notObserved(id, 'request_failed', evidence);
}

/** The legacy topic: Rejected, Permitted and silent, or Permitted and carrying our sessions. */
export function legacyTopicFinding(o: {
  subscription?: string;
  frames: readonly { state?: string }[];
  watchedSeconds: number;
}): Finding {
  const id = 'legacyCobrowseTopic';
  if (!o.subscription) return notObserved(id, 'request_failed');
  const evidence = [
    `subscription to v2.users.{id}.conversations.cobrowseSessions: ${o.subscription}`,
  ];
  if (o.subscription !== 'Permitted') return { id, value: 'rejected', evidence };
  if (o.frames.length === 0) {
    evidence.push(`no frame for the check's sessions in ${o.watchedSeconds} s`);
    return { id, value: 'silent', evidence };
  }
  const states = [...new Set(o.frames.map((f) => f.state ?? '(no state)'))];
  evidence.push(
    `${o.frames.length} frame(s) for the check's sessions; state: ${states.join(', ')}`,
  );
  return { id, value: 'carries', evidence };
}

/**
 * The offer lifetime: dateOfferEnds against the create answer's Date header (the server's
 * clock, so the agent's clock does not count). The header has whole seconds, cut down: the
 * difference is the lifetime plus the part of a second the offer was made in, so it is rounded
 * down (one second short only when the answer left in the next second).
 */
export function offerLifetimeFinding(o: { dateOfferEnds?: string; date?: string }): Finding {
  const id = 'offerTtlSeconds';
  const ends = Date.parse(o.dateOfferEnds ?? '');
  const at = Date.parse(o.date ?? '');
  const evidence = [
    `dateOfferEnds ${Number.isNaN(ends) ? 'missing' : 'present'}`,
    `Date header ${Number.isNaN(at) ? 'missing' : 'present'} (whole seconds: ±1 s)`,
  ];
  if (Number.isNaN(ends) || Number.isNaN(at)) return notObserved(id, 'request_failed', evidence);
  return { id, value: Math.floor((ends - at) / 1000), evidence };
}

/** The viewer opened on a conversation with our pending session: joined it, or made another. */
export function viewerFinding(posted: string | undefined, ours: readonly string[]): Finding {
  const id = 'viewerWithSession';
  if (posted === undefined) return notObserved(id, 'viewer_no_answer');
  const joined = ours.includes(posted);
  return {
    id,
    value: joined ? 'joins' : 'creates',
    evidence: [
      `viewer posted {joinCode, sessionId}; sessionId ${joined ? 'is' : 'is not'} the check's pending session`,
    ],
  };
}
