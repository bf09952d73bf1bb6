// Pure: the check's snapshot as each progress report changes it. Views render it and nothing
// else (they compute no state of their own).
import type { CheckPrompt, CheckStep, OrgCheckSnapshot } from '../../shared/org-check';

export const idleSnapshot = (): OrgCheckSnapshot => ({ state: 'idle', steps: [], said: [] });

export function started(steps: readonly CheckStep[]): OrgCheckSnapshot {
  return { state: 'running', steps: steps.map((id) => ({ id, state: 'pending' })), said: [] };
}

export function stepChanged(
  s: OrgCheckSnapshot,
  id: CheckStep,
  state: OrgCheckSnapshot['steps'][number]['state'],
  now?: string,
): OrgCheckSnapshot {
  const steps = s.steps.map((x) => (x.id === id ? { id, state } : x));
  const { now: _was, ...rest } = s;
  if (now === undefined) return { ...rest, steps };
  return { ...rest, steps, now, said: [...s.said, now] };
}

export function prompted(
  s: OrgCheckSnapshot,
  prompt: { id: CheckPrompt; text: string; until: number } | undefined,
): OrgCheckSnapshot {
  const { prompt: _was, ...rest } = s;
  return prompt ? { ...rest, prompt, said: [...s.said, prompt.text] } : rest;
}

export function viewerShown(
  s: OrgCheckSnapshot,
  viewer: { url: string; until: number } | undefined,
): OrgCheckSnapshot {
  const { viewer: _was, ...rest } = s;
  return viewer ? { ...rest, viewer } : rest;
}

export function finished(
  s: OrgCheckSnapshot,
  outcome: Pick<OrgCheckSnapshot, 'report' | 'markdown' | 'error'>,
): OrgCheckSnapshot {
  const { now: _n, prompt: _p, viewer: _v, ...rest } = s;
  return { ...rest, ...outcome, state: outcome.error ? 'failed' : 'done' };
}
