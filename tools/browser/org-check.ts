// The org check driven through the options page, as an admin runs it: fill the test
// conversation ids, press "Check this org", follow the background's snapshot until the report
// is written, and hand each prompt (act in the test Messenger) to the caller.
import type { Page } from 'playwright-core';
import type { CheckPrompt, OrgCheckReport, OrgCheckSnapshot } from '../../src/shared/org-check';
import type { ExtensionSession } from './browser';
import { waitFor } from './wait';

export interface CheckTarget {
  conversationId: string;
  voiceConversationId?: string;
}

/** The check's snapshot, asked from the options page the way the page itself asks. */
export async function checkStatus(options: Page): Promise<OrgCheckSnapshot> {
  const reply = (await options.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'orgcheck.status', payload: {} }),
  )) as { ok: boolean; value?: OrgCheckSnapshot };
  if (!reply?.ok || !reply.value)
    throw new Error(`orgcheck.status failed: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** Fills the section's fields and presses its button (by role and accessible name). */
export async function startInOptions(
  session: ExtensionSession,
  options: Page,
  target: CheckTarget,
): Promise<void> {
  const m = (key: string) => session.message(key);
  await options
    .getByRole('textbox', { name: m('orgcheck_conversation_label') })
    .fill(target.conversationId);
  if (target.voiceConversationId)
    await options
      .getByRole('textbox', { name: m('orgcheck_voice_label') })
      .fill(target.voiceConversationId);
  await options.getByRole('button', { name: m('orgcheck_start'), exact: true }).click();
}

/**
 * Follows a running check until it is done, calling `onPrompt` once for each thing it asks of
 * the admin (and `onStep` for each announcement). Resolves with the report and its Markdown.
 */
export async function followCheck(
  read: () => Promise<OrgCheckSnapshot>,
  hooks: {
    onPrompt?: (prompt: CheckPrompt, text: string) => void | Promise<void>;
    onStep?: (text: string) => void;
    timeoutMs?: number;
  } = {},
): Promise<{ report: OrgCheckReport; markdown: string }> {
  const seen = new Set<string>();
  let said: string | undefined;
  let failedPrompt: unknown;
  const done = await waitFor(
    async () => {
      const s = await read();
      if (s.now && s.now !== said) {
        said = s.now;
        hooks.onStep?.(s.now);
      }
      if (s.prompt && !seen.has(`${s.prompt.id}@${s.prompt.until}`)) {
        seen.add(`${s.prompt.id}@${s.prompt.until}`);
        try {
          await hooks.onPrompt?.(s.prompt.id, s.prompt.text);
        } catch (err) {
          failedPrompt = err;
          return s;
        }
      }
      return s.state === 'done' || s.state === 'failed' ? s : undefined;
    },
    { timeout: hooks.timeoutMs ?? 600_000, interval: 100, message: 'the org check to finish' },
  );
  if (failedPrompt) throw failedPrompt;
  if (done.state === 'failed' || !done.report || !done.markdown)
    throw new Error(`the org check failed: ${done.error ?? 'no report'}`);
  return { report: done.report as OrgCheckReport, markdown: done.markdown as string };
}
