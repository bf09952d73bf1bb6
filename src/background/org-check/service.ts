// The org check in the background, the only context holding the token: one check at a time,
// its snapshot pushed to the options page on every change, and the agent viewer's answer taken
// from the options page that hosts it.
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n';
import type { OrgCheckSnapshot } from '../../shared/org-check';
import { REQUEST_PAYLOADS as P, type RequestName } from '../../shared/protocol/requests';
import { CLIENT_ID_MISSING, environmentLabel, isNeedsSignIn } from '../auth';
import type { Core } from '../core';
import type { Handlers } from '../router';
import { browserDeps } from './browser-deps';
import type { CheckDeps } from './context';
import { type CheckInput, planSteps } from './plan';
import { finished, idleSnapshot, prompted, started, stepChanged, viewerShown } from './progress';
import { renderMarkdown } from './report';
import { runCheck } from './run';

export type OrgCheckRequest = Extract<RequestName, `orgcheck.${string}`>;

export function createOrgCheck(core: Core): { handlers: Handlers<OrgCheckRequest> } {
  let snapshot: OrgCheckSnapshot = idleSnapshot();
  let viewerAnswer: ((sessionId: string | undefined) => void) | undefined;
  /** Stops the running check (the admin's Stop): one per run. */
  let stopper = new AbortController();
  const set = (next: OrgCheckSnapshot) => {
    snapshot = next;
    core.views.broadcast({ type: 'orgcheck', check: snapshot });
  };
  const settings = async () => (await core.settings.load()).settings;

  async function signedIn(): Promise<void> {
    try {
      await core.auth.getToken();
    } catch (err) {
      if (!isNeedsSignIn(err) || (err as { code?: string }).code === CLIENT_ID_MISSING) throw err;
      await core.auth.signIn();
    }
  }

  const deps: CheckDeps = {
    api: core.api,
    ...browserDeps(settings),
    openViewer: (url, ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => answer(undefined), ms);
        const answer = (sessionId: string | undefined) => {
          clearTimeout(timer);
          viewerAnswer = undefined;
          set(viewerShown(snapshot, undefined));
          resolve(sessionId);
        };
        viewerAnswer = answer;
        stopper.signal.addEventListener('abort', () => answer(undefined));
        set(viewerShown(snapshot, { url, until: Date.now() + ms }));
      }),
    progress: {
      step: (id, text) => set(stepChanged(snapshot, id, 'running', text)),
      finished: (id, state) => set(stepChanged(snapshot, id, state)),
      prompt: (p) => set(prompted(snapshot, p)),
    },
    now: () => Date.now(),
    get signal() {
      return stopper.signal;
    },
  };

  async function run(input: CheckInput): Promise<void> {
    try {
      await signedIn();
      const env = (await settings()).environment;
      const info = await core.api.getTokenInfo();
      const report = await runCheck(
        input,
        deps,
        {
          extensionVersion: browser.runtime.getManifest().version,
          environment: env.kind === 'custom' ? new URL(env.baseUrl).origin : environmentLabel(env),
          org: { id: info.organization.id, name: info.organization.name ?? '' },
        },
        (m) => console.warn(m),
      );
      set(finished(snapshot, { report, markdown: renderMarkdown(report) }));
    } catch (err) {
      const code = (err as { code?: string })?.code ?? 'error';
      set(finished(snapshot, { error: t('orgcheck_failed', code) }));
    }
  }

  return {
    handlers: {
      'orgcheck.start': {
        from: 'pages',
        payload: P['orgcheck.start'],
        handle: (p) => {
          if (snapshot.state === 'running') return snapshot;
          const input: CheckInput = {
            conversationId: p.conversationId,
            ...(p.voiceConversationId ? { voiceConversationId: p.voiceConversationId } : {}),
            customerWaitSeconds: p.customerWaitSeconds ?? 120,
            observeSeconds: p.observeSeconds ?? 15,
          };
          stopper = new AbortController();
          set(started(planSteps(input)));
          void run(input);
          return snapshot;
        },
      },
      'orgcheck.cancel': {
        from: 'pages',
        payload: P['orgcheck.cancel'],
        handle: () => {
          // The run ends the sessions it made and writes what it saw so far.
          if (snapshot.state === 'running') stopper.abort();
          return snapshot;
        },
      },
      'orgcheck.status': { from: 'pages', payload: P['orgcheck.status'], handle: () => snapshot },
      'orgcheck.viewer': {
        from: 'pages',
        payload: P['orgcheck.viewer'],
        handle: ({ sessionId }) => {
          const answer = viewerAnswer;
          answer?.(sessionId);
          return { accepted: answer !== undefined };
        },
      },
    },
  };
}
