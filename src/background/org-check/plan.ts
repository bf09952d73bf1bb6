// Pure: the check's steps in order, and what each says before it runs. The order matters: each
// step leaves no pending session of the check behind, so the next one's POST is not refused as
// a second session (an agent runs one cobrowse at a time).
import { t } from '../../shared/i18n';
import { CHECK_STEPS, type CheckPrompt, type CheckStep } from '../../shared/org-check';

export interface CheckInput {
  conversationId: string;
  voiceConversationId?: string;
  /** How long the check waits for the admin's action in the test Messenger. */
  customerWaitSeconds: number;
  /** How long it watches for something that may never come (an offer after a Join, the viewer). */
  observeSeconds: number;
}

/** The steps that run for this input (voice only with a voice conversation). */
export function planSteps(input: Pick<CheckInput, 'voiceConversationId'>): CheckStep[] {
  return CHECK_STEPS.filter((s) => s !== 'voice' || input.voiceConversationId !== undefined);
}

/** What a step will do, said before it runs. */
export function announce(step: CheckStep, input: CheckInput): string {
  const seconds = String(input.customerWaitSeconds);
  switch (step) {
    case 'token':
      return t('orgcheck_step_token');
    case 'topics':
      return t('orgcheck_step_topics');
    case 'create':
      return t('orgcheck_step_create', input.conversationId);
    case 'deployment':
      return t('orgcheck_step_deployment');
    case 'second':
      return t('orgcheck_step_second');
    case 'viewer':
      return t('orgcheck_step_viewer', String(input.observeSeconds));
    case 'answer':
      return t('orgcheck_step_answer', seconds);
    case 'end':
      return t('orgcheck_step_end');
    case 'redelivery':
      return t('orgcheck_step_redelivery', seconds);
    case 'voice':
      return t('orgcheck_step_voice', input.voiceConversationId ?? '');
  }
}

export function promptText(prompt: CheckPrompt, seconds: number): string {
  return t(`orgcheck_prompt_${prompt}`, String(seconds));
}
