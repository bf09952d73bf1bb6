// What the check's steps share: the injected browser and Genesys edges, the progress it reports,
// and what it has found and made so far.
import type { CheckPrompt, CheckStep, Finding } from '../../shared/org-check';
import type { GenesysClient } from '../genesys';
import type { CheckInput } from './plan';
import type { FrameWatch } from './watch';

export interface Progress {
  /** A step starts: `text` says what it will do. */
  step(id: CheckStep, text: string): void;
  finished(id: CheckStep, state: 'done' | 'skipped'): void;
  /** Ask the admin to act in the test Messenger until `until` (undefined: nothing asked). */
  prompt(prompt: { id: CheckPrompt; text: string; until: number } | undefined): void;
}

export interface CheckDeps {
  api: Pick<GenesysClient, 'createCobrowse' | 'createChannel' | 'subscribe' | 'request' | 'getMe'>;
  /** A guest-route call (no token): its status. */
  guest(method: 'GET' | 'DELETE', path: string): Promise<number>;
  /** Whether the stored token set holds a refresh token (undefined: no token stored). */
  storedRefreshToken(): Promise<boolean | undefined>;
  openWatch(
    connectUri: string,
    who: { userId: string; conversationId: string },
    signal: AbortSignal,
  ): Promise<FrameWatch>;
  /** The agent viewer's URL for a conversation. */
  viewerUrl(conversationId: string): Promise<string>;
  /** Opens the viewer where it can report to a parent; the session id it posted, if any in `ms`. */
  openViewer(url: string, ms: number): Promise<string | undefined>;
  progress: Progress;
  now(): number;
  /** Aborted when the admin stops the check: no further step runs, every wait ends. */
  signal: AbortSignal;
}

/** A session the check created (the only ones it ends). */
export interface Made {
  id: string;
  label: string;
  selfUri?: string;
  ended?: boolean;
}

export interface RunState {
  input: CheckInput;
  deps: CheckDeps;
  userId: string;
  watch?: FrameWatch;
  legacySubscription?: string;
  findings: Finding[];
  touched: string[];
  made: Made[];
  /** The web deployment that the guest route accepted for the check's sessions. */
  deploymentId?: string;
  /** The first session on the test conversation, and where its frames start. */
  main?: { id: string; selfUri?: string; framesFrom: number; offeringMessageId?: string };
  startedAt: number;
}

export const PLAIN_ID = /^[A-Za-z0-9-]{1,64}$/;

export const guestPath = (deploymentId: string, sessionId: string) =>
  `/api/v2/webdeployments/deployments/${deploymentId}/cobrowse/${sessionId}`;

/** The deployment id a selfUri names, when it is the guest route (plain ids only). */
export function deploymentOfSelfUri(selfUri: string | undefined): string | undefined {
  const m = /\/api\/v2\/webdeployments\/deployments\/([^/?#]+)\/cobrowse\//.exec(selfUri ?? '');
  return m?.[1] && PLAIN_ID.test(m[1]) ? m[1] : undefined;
}

/** Ends a session the check made, on the guest route; notes what it did. */
export async function endMade(state: RunState, made: Made): Promise<void> {
  if (made.ended) return;
  const d = state.deploymentId ?? deploymentOfSelfUri(made.selfUri);
  if (!d || !PLAIN_ID.test(made.id)) {
    state.touched.push(`${made.label}: not ended (no web deployment id known for the guest route)`);
    return;
  }
  made.ended = true;
  try {
    const status = await state.deps.guest('DELETE', guestPath(d, made.id));
    state.touched.push(`${made.label}: ended (DELETE guest route → ${status})`);
  } catch {
    state.touched.push(`${made.label}: end failed (DELETE guest route: no answer)`);
  }
}

/** The HTTP status of a failed call, when Genesys answered. */
export const statusOf = (err: unknown): number | undefined =>
  typeof (err as { status?: unknown })?.status === 'number'
    ? (err as { status: number }).status
    : undefined;
export const codeOf = (err: unknown): string | undefined =>
  typeof (err as { code?: unknown })?.code === 'string'
    ? (err as { code: string }).code
    : undefined;
