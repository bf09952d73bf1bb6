// Carries out the plan: one start at a time (the sandbox allows one live cobrowse per agent),
// each settled — the extension's stored session and the sandbox's agree on a final state — before
// the next. What a start leaves behind is recorded for the judgement (checks.ts).
import type { RemoteSandbox } from '../../bench/sandbox-process';
import type { ExtensionSession } from '../../tools/browser/browser';
import { SEED } from '../../tools/sandbox/index';
import type { SandboxSession } from '../../tools/sandbox/org';
import type { Agent, AgentTab } from './agent';
import type { StartRecord } from './checks';
import type { EventStep, StartStep } from './plan';
import type { Watch } from './watch';

const CREATE_ROUTE = '/api/v2/conversations/{conversationId}/cobrowse';
const FINAL = ['ended', 'declined', 'expired', 'failed'];
const SANDBOX_FINAL = ['ended', 'declined', 'expired'];
export const USERS = [SEED.users.agent, SEED.users.messagingOnly];

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(fn: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) return undefined;
    await pause(40);
  }
}

export class Shift {
  user = USERS[0] as string;
  readonly records: StartRecord[] = [];
  readonly events: { t: number; event: string }[] = [];

  constructor(
    private readonly session: ExtensionSession,
    private readonly sandbox: RemoteSandbox,
    private readonly agent: Agent,
    private readonly watch: Watch,
  ) {}

  private sessionsOf = async (cid: string) =>
    (await this.sandbox.sessions()).filter((s) => s.conversationId === cid);

  async event(step: EventStep): Promise<void> {
    this.events.push({ t: this.watch.now(), event: step.event });
    const control = (path: string, body: unknown = {}) =>
      fetch(`${this.sandbox.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    switch (step.event) {
      case 'expire-token':
        await control('/sandbox/tokens/expire');
        return;
      case 'drop-sockets':
        await this.sandbox.dropSockets();
        return;
      case 'stop-worker':
        await this.session.stopWorker();
        return;
      case 'force-sign-in':
        // The token is revoked server-side; the agent signs in again.
        await control('/sandbox/tokens/revoke');
        await this.signIn();
        return;
      case 'switch-account': {
        this.user = (USERS.find((u) => u !== this.user) ?? USERS[0]) as string;
        await this.session.request('auth.signOut', {});
        await this.sandbox.settings({ autoApproveUserId: this.user });
        await this.signIn();
        for (const tab of this.agent.tabs) await this.agent.newConversation(tab, this.user);
        return;
      }
    }
  }

  private async signIn(): Promise<void> {
    // Sign-in's own requests meet the chaos too: the agent tries again, as one would.
    for (let i = 0; i < 5; i++) {
      const status = await this.session.request('auth.signIn', {}).catch(() => undefined);
      if (status?.signedIn) return;
      await pause(500);
    }
    throw new Error('sign-in failed five times');
  }

  async start(step: StartStep): Promise<StartRecord> {
    const tab = this.agent.tabs[step.tab % this.agent.tabs.length] as AgentTab;
    if (tab.userId !== this.user) await this.agent.newConversation(tab, this.user);
    const cid = tab.conversationId;
    if (step.stopWorker) await this.session.stopWorker();
    const before = new Set((await this.sessionsOf(cid)).map((s) => s.id));
    const at = this.watch.now();
    const t0 = Date.now();
    this.watch.current = { tab, before };
    const rec: StartRecord = {
      n: step.n,
      trigger: step.trigger,
      outcome: step.outcome,
      conversationId: cid,
      at,
      workerStopped: step.stopWorker,
      extensionState: 'none',
      sandboxState: 'none',
      sameSession: false,
      createPosts: 0,
      createPostsRefused: 0,
      sessionsCreated: 0,
      agentRetries: 0,
      repeats: 0,
    };
    try {
      await this.agent.trigger(tab, step.trigger);
      const made = await this.offered(tab, before, t0, rec);
      if (made) {
        const o = Date.now();
        await this.outcome(step, tab, made);
        rec.outcomeMs = Date.now() - o;
      }
    } catch (error) {
      rec.problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    const settling = Date.now();
    await this.settle(tab, before, rec);
    rec.settleMs = Date.now() - settling;
    await this.agent.closePopup();
    await this.watch.drain();
    const creates = this.watch.requests.filter(
      (r) => r.method === 'POST' && r.route === CREATE_ROUTE && r.path.includes(cid) && r.t >= at,
    );
    rec.createPosts = creates.length;
    // Refused unprocessed: a 401 or 429, or a chaos failure (answered before the route ran, so
    // it made no session; Chromium itself resends a POST whose connection was dropped).
    rec.createPostsRefused = creates.filter(
      (r) => r.chaos !== undefined || r.status === 429 || r.status === 401,
    ).length;
    rec.createStatuses = creates.map((r) => r.status);
    if (step.outcome === 'conversation-end' || step.outcome === 'accept-conversation-end')
      await this.agent.newConversation(tab, this.user);
    rec.durationMs = Date.now() - t0;
    this.records.push(rec);
    this.watch.current = undefined;
    return rec;
  }

  /** Waits for the new session's code in the panel (or the failure), retrying as an agent would. */
  private async offered(
    tab: AgentTab,
    before: Set<string>,
    t0: number,
    rec: StartRecord,
  ): Promise<SandboxSession | undefined> {
    let pressedAt = t0;
    for (;;) {
      const shown = await until(async () => {
        const latest = (await this.sessionsOf(tab.conversationId))
          .filter((s) => !before.has(s.id))
          .at(-1);
        const frame = this.agent.panel(tab);
        if (latest && frame) {
          // The code is drawn in groups: its digits, gaps removed, somewhere in the panel.
          const digits = await frame.evaluate(() =>
            (document.body?.textContent ?? '').replace(/\D/g, ''),
          );
          if (digits.includes(latest.joinCode)) return { latest };
        }
        const snap = await this.agent.snapshot(tab.conversationId);
        // Nothing at all after 5 s (no session, no snapshot change): the key press never reached
        // Chrome (X input under Xvfb); the agent presses again, and the record says so.
        if (
          !latest &&
          (!snap || snap.updatedAt < t0) &&
          Date.now() - pressedAt > 5_000 &&
          rec.repeats < 2
        ) {
          rec.repeats++;
          pressedAt = Date.now();
          await this.agent.trigger(tab, rec.trigger as StartStep['trigger']);
        }
        if (snap && snap.updatedAt >= t0 && snap.state === 'failed' && !snap.reconciling)
          return { failed: snap };
        return undefined;
      }, 30_000);
      if (!shown)
        throw new Error(`no code and no failure within 30 s (${await this.why(tab, before)})`);
      if ('latest' in shown && shown.latest) {
        rec.latencyMs = Date.now() - t0;
        return shown.latest;
      }
      // A failed create: the agent presses Retry (twice at most), as the panel offers.
      if (rec.agentRetries >= 2) return undefined;
      if (!(await this.agent.clickInPanel(tab, this.session.message('ov_retry')))) return undefined;
      rec.agentRetries++;
    }
  }

  /** What the panel, the extension and the sandbox showed when a start stalled. */
  private async why(tab: AgentTab, before: Set<string>): Promise<string> {
    const latest = (await this.sessionsOf(tab.conversationId))
      .filter((s) => !before.has(s.id))
      .at(-1);
    const snap = await this.agent.snapshot(tab.conversationId);
    const frames = tab.page.frames().filter((f) => f.url().includes('/src/panel/'));
    const text = await frames[0]
      ?.evaluate(() => (document.body?.textContent ?? '').slice(0, 120).replace(/\s+/g, ' '))
      .catch(() => 'unreadable');
    return `sandbox ${latest?.id ?? 'none'} ${latest?.joinCode ?? ''}; extension ${snap?.state} ${snap?.sessionId ?? ''} ${snap?.joinCode ?? ''}; ${frames.length} panel frame(s): "${text}"`;
  }

  private async outcome(step: StartStep, tab: AgentTab, made: SandboxSession): Promise<void> {
    const cid = tab.conversationId;
    const customer = (action: string) => this.sandbox.customer(cid, action);
    const extensionIs = (state: string) =>
      until(
        async () => ((await this.agent.snapshot(cid))?.state === state ? true : undefined),
        10_000,
      );
    // The agent clicks End until the panel says it ended (a click during a re-render is lost).
    const agentEnd = async () => {
      for (let i = 0; i < 3; i++) {
        if (
          (await this.agent.clickInPanel(tab, this.session.message('ov_end'))) &&
          (await until(
            async () =>
              FINAL.includes((await this.agent.snapshot(cid))?.state ?? '') ? true : undefined,
            3_000,
          ))
        )
          return;
      }
    };
    try {
      switch (step.outcome) {
        case 'accept-agent-end':
          await customer('accept');
          await extensionIs('active');
          await agentEnd();
          return;
        case 'accept-conversation-end':
          await customer('accept');
          await extensionIs('active');
          await customer('end');
          return;
        case 'decline':
          await customer('decline');
          return;
        case 'offline-online':
          await customer('go-offline');
          await customer('go-online');
          await customer('accept');
          await extensionIs('active');
          await agentEnd();
          return;
        case 'conversation-end':
          await customer('end');
          return;
        case 'expire':
          await until(
            async () =>
              (await this.sessionsOf(cid)).find((s) => s.id === made.id && s.state === 'expired')
                ? true
                : undefined,
            30_000,
          );
          return;
      }
    } catch {
      // The sandbox refused the customer's action (e.g. the offer was not delivered): the agent
      // ends the session from the panel instead.
      await agentEnd();
    }
  }

  /** Both sides final (or time out): the record's end states. */
  private async settle(tab: AgentTab, before: Set<string>, rec: StartRecord): Promise<void> {
    const cid = tab.conversationId;
    const read = async () => {
      const made = (await this.sessionsOf(cid)).filter((s) => !before.has(s.id));
      const snap = await this.agent.snapshot(cid);
      return { made, snap };
    };
    const done = await until(async () => {
      const { made, snap } = await read();
      const last = made.at(-1);
      const extFinal = snap && FINAL.includes(snap.state) && (!last || snap.sessionId === last.id);
      const sbFinal = !last || SANDBOX_FINAL.includes(last.state);
      return extFinal && sbFinal ? true : undefined;
    }, 15_000);
    const { made, snap } = await read();
    const last = made.at(-1);
    rec.sessionsCreated = made.length;
    rec.extensionState = snap?.state ?? 'none';
    if (snap?.error) rec.error = `${snap.error.status ?? ''} ${snap.error.code}`.trim();
    rec.sandboxState = last?.state ?? 'none';
    rec.sameSession = last ? snap?.sessionId === last.id : true;
    if (!done && !rec.problem)
      rec.problem = `unsettled: extension ${rec.extensionState}, sandbox ${rec.sandboxState}`;
    // Whatever is left live in the sandbox would refuse the next start (one per agent): end it.
    if (last && !SANDBOX_FINAL.includes(last.state))
      await this.sandbox.customer(cid, 'end-session').catch(() => {});
  }
}
