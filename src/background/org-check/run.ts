// The org check: the steps in order, each said before it runs; a failed step is noted and the
// next one runs; whatever happens, every session the check made is ended and its socket closed.
import type { CheckStep, Finding, OrgCheckReport } from '../../shared/org-check';
import type { CheckDeps, RunState } from './context';
import { codeOf, endMade, statusOf } from './context';
import { legacyTopicFinding, refreshTokenFinding, voiceFinding } from './findings';
import { type LegacySession, legacyTopic, messagesTopic } from './frames';
import { announce, type CheckInput, planSteps } from './plan';
import { buildReport, type ReportMeta } from './report';
import { redeliveryStep, voiceStep } from './steps-customer';
import {
  answerStep,
  createStep,
  deploymentStep,
  endStep,
  secondStep,
  viewerStep,
} from './steps-offer';

async function tokenStep(state: RunState): Promise<void> {
  state.findings.push(refreshTokenFinding(await state.deps.storedRefreshToken()));
}

async function topicsStep(state: RunState): Promise<void> {
  const { deps, userId, input } = state;
  const channel = await deps.api.createChannel();
  state.touched.push(
    'notification channel: created (POST /api/v2/notifications/channels → 200; Genesys removes it after 24 h)',
  );
  const legacy = legacyTopic(userId);
  const answer = await deps.api.subscribe(channel.id, [messagesTopic(userId), legacy]);
  state.legacySubscription = answer.entities.find((e) => e.id === legacy)?.state ?? 'not listed';
  state.watch = await deps.openWatch(
    channel.connectUri,
    { userId, conversationId: input.conversationId },
    deps.signal,
  );
}

const STEPS: Record<CheckStep, (state: RunState) => Promise<void>> = {
  token: tokenStep,
  topics: topicsStep,
  create: createStep,
  deployment: deploymentStep,
  second: secondStep,
  viewer: viewerStep,
  answer: answerStep,
  end: endStep,
  redelivery: redeliveryStep,
  voice: voiceStep,
};

/** Runs every planned step and returns the report (never throws for a step's failure). */
export async function runCheck(
  input: CheckInput,
  deps: CheckDeps,
  meta: Omit<
    ReportMeta,
    'touched' | 'failedSteps' | 'conversationId' | 'voiceConversationId' | 'generatedAt'
  >,
  log: (message: string) => void,
): Promise<OrgCheckReport> {
  const me = await deps.api.getMe();
  const state: RunState = {
    input,
    deps,
    userId: me.id,
    findings: [],
    touched: [],
    made: [],
    startedAt: deps.now(),
  };
  const failedSteps: OrgCheckReport['failedSteps'] = [];
  try {
    for (const step of planSteps(input)) {
      if (deps.signal.aborted) {
        deps.progress.finished(step, 'skipped');
        continue;
      }
      deps.progress.step(step, announce(step, input));
      try {
        await STEPS[step](state);
        deps.progress.finished(step, 'done');
      } catch (err) {
        // Only the status and code: an error's text may quote a response.
        const status = statusOf(err);
        const code = codeOf(err) ?? 'error';
        failedSteps.push({ step, code, ...(status !== undefined ? { status } : {}) });
        log(`org check step ${step} failed: ${status ?? ''} ${code}`);
        deps.progress.finished(step, 'skipped');
      } finally {
        deps.progress.prompt(undefined);
      }
    }
  } finally {
    for (const made of state.made) await endMade(state, made);
    state.watch?.close();
  }
  const ours = new Set(state.made.map((m) => m.id));
  const found: Finding[] = [...state.findings];
  if (state.legacySubscription)
    found.push(
      legacyTopicFinding({
        subscription: state.legacySubscription,
        frames: (state.watch?.frames ?? []).filter(
          (f): f is LegacySession => f.kind === 'legacy' && ours.has(f.cobrowseSessionId ?? ''),
        ),
        watchedSeconds: Math.round((deps.now() - state.startedAt) / 1000),
      }),
    );
  if (!input.voiceConversationId) found.push(voiceFinding(undefined));
  const reason = deps.signal.aborted ? 'cancelled' : 'request_failed';
  const failed = (id: Finding['id']): Finding => ({ id, evidence: [], reason });
  return buildReport(
    {
      ...meta,
      generatedAt: new Date(deps.now()).toISOString(),
      conversationId: input.conversationId,
      ...(input.voiceConversationId ? { voiceConversationId: input.voiceConversationId } : {}),
      touched: state.touched,
      failedSteps,
    },
    found,
    failed,
  );
}
