// What the soak watches while the shift runs: the sandbox's request log (drained), its channels
// and sockets, the views against the sandbox (panel, badge, popup), heaps, and errors in every
// extension context. Sampling reads the views first and the sandbox second, so a view that is
// ahead of a sample is never counted as behind.
import type { Page } from 'playwright-core';
import type { RemoteSandbox } from '../../bench/sandbox-process';
import type { ExtensionSession } from '../../tools/browser/browser';
import { CdpConnection, listTargets } from '../../tools/browser/cdp';
import type { LoggedRequest } from '../../tools/sandbox/index';
import type { Agent, AgentTab } from './agent';

export interface Current {
  tab: AgentTab;
  /** Sessions of the tab's conversation from before this start. */
  before: Set<string>;
}

const STATUS_KEYS: [string, string][] = [
  ['ov_status_waiting', 'creating'],
  ['ov_status_creating', 'creating'],
  ['ov_status_offered', 'offered'],
  ['ov_status_offered_call', 'offered'],
  ['ov_status_active', 'active'],
  ['ov_status_active_call', 'active'],
  ['ov_status_ended', 'ended'],
  ['ov_status_ended_here_only', 'ended'],
  ['ov_status_declined', 'declined'],
  ['ov_status_expired', 'expired'],
  ['ov_status_expired_offline', 'expired'],
  ['ov_status_failed', 'failed'],
];
/** Badge colours per state (src/background/badge.ts); creating and offered share one. */
const BADGE_STATES: Record<string, string[]> = {
  '26,115,232': ['creating', 'offered'],
  '24,128,56': ['active'],
  '95,99,104': ['ended'],
  '197,34,31': ['declined'],
  '132,48,206': ['expired'],
  '165,14,14': ['failed'],
};

export interface TimePoint {
  t: number;
  v: number;
}

export class Watch {
  requests: (LoggedRequest & { t: number })[] = [];
  channelsAlive: { t: number; perUser: number }[] = [];
  maxChannelsPerAgent = 0;
  orphanSocketMs = 0;
  staleMs = { panel: 0, badge: 0, popup: 0 };
  /** When each view's longest lag was seen, and what it showed. */
  staleWhen: Record<string, string> = {};
  /** Per view: since when it has differed from the sandbox (unset while they agree). */
  private differsSince: Partial<Record<'panel' | 'popup' | 'badge', number>> = {};
  /** Per view: the last sample at which it agreed with the sandbox. */
  private agreedAt: Partial<Record<'panel' | 'popup' | 'badge', number>> = {};
  workerHeap: TimePoint[] = [];
  panelHeap: TimePoint[] = [];
  consoleErrors: string[] = [];
  uncaught: string[] = [];
  /** Everything the workers logged (channels made and reused, retries), for reading a failure. */
  workerLog: string[] = [];
  current?: Current;
  private orphanSince?: number;
  private sandboxState?: { id: string; state: string; since: number };
  private readonly texts = new Map<string, string>();
  private readonly started = Date.now();
  private readonly watchedWorkers = new Set<string>();
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly session: ExtensionSession,
    private readonly sandbox: RemoteSandbox,
    private readonly agent: Agent,
  ) {
    for (const [key, state] of STATUS_KEYS) this.texts.set(session.message(key), state);
    const ours = (url: string | undefined) => Boolean(url?.startsWith(session.origin));
    session.context.on('console', (m) => {
      if (m.type() === 'error' && ours(m.location().url))
        this.consoleErrors.push(`[${m.location().url}] ${m.text()}`);
    });
    session.context.on('weberror', (e) => {
      const stack = e.error().stack ?? '';
      if (ours(e.page()?.url()) || stack.includes(session.origin))
        this.uncaught.push(`[${e.page()?.url()}] ${e.error().message}`);
    });
  }

  now = () => Date.now() - this.started;

  start(): void {
    this.loops = [
      this.every(2_000, () => this.drain()),
      this.every(500, () => this.sample()),
      this.every(2_000, () => this.watchWorkers()),
      this.every(15_000, () => this.heaps()),
    ];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
    await this.drain();
  }

  private async every(ms: number, fn: () => Promise<void>): Promise<void> {
    while (!this.stopped) {
      try {
        await fn();
      } catch (error) {
        // A page navigating or a worker stopping under a read: the next round reads again.
        if (process.env.SOAK_DEBUG) console.error('watch:', error);
      }
      await new Promise((r) => setTimeout(r, ms));
    }
  }

  async drain(): Promise<void> {
    const r = await fetch(`${this.sandbox.url}/sandbox/requests/drain`, { method: 'POST' });
    const { requests } = (await r.json()) as { requests: LoggedRequest[] };
    const zero = Date.now() - this.now();
    for (const q of requests) this.requests.push({ ...q, t: Date.parse(q.time) - zero });
  }

  private async viewStates(): Promise<{ panel?: string; badge?: string[]; popup?: string }> {
    const c = this.current;
    if (!c) return {};
    const statusOf = async (page: Page | undefined, frame = page?.mainFrame()) => {
      const text = await frame
        ?.evaluate(() => document.querySelector('p.status')?.textContent ?? '')
        .catch(() => undefined);
      return text ? this.texts.get(text.trim()) : undefined;
    };
    const panelFrame = this.agent.panel(c.tab);
    const panel = panelFrame ? await statusOf(undefined, panelFrame) : undefined;
    const popup = this.agent.popup ? await statusOf(this.agent.popup) : undefined;
    const color = await this.agent.probe
      .evaluate(async () => (await chrome.action.getBadgeBackgroundColor({})).slice(0, 3).join(','))
      .catch(() => undefined);
    return { panel, popup, badge: color ? BADGE_STATES[color] : undefined };
  }

  private async sample(): Promise<void> {
    const views = await this.viewStates();
    const [sessions, channels] = await Promise.all([
      this.sandbox.sessions(),
      fetch(`${this.sandbox.url}/sandbox/channels`).then(
        (r) =>
          r.json() as Promise<{
            channels: { userId: string }[];
            sockets: { open: number; onLiveChannels: number };
          }>,
      ),
    ]);
    const t = this.now();
    const perUser = new Map<string, number>();
    for (const ch of channels.channels) perUser.set(ch.userId, (perUser.get(ch.userId) ?? 0) + 1);
    const most = Math.max(0, ...perUser.values());
    this.channelsAlive.push({ t, perUser: most });
    this.maxChannelsPerAgent = Math.max(this.maxChannelsPerAgent, most);
    if (channels.sockets.open > channels.sockets.onLiveChannels) {
      this.orphanSince ??= t;
      this.orphanSocketMs = Math.max(this.orphanSocketMs, t - this.orphanSince);
    } else this.orphanSince = undefined;

    const c = this.current;
    // The session this start made, from the moment the sandbox has it.
    const s = c
      ? sessions
          .filter((x) => x.conversationId === c.tab.conversationId && !c.before.has(x.id))
          .at(-1)
      : undefined;
    if (!s) {
      this.sandboxState = undefined;
      this.differsSince = {};
      this.agreedAt = {};
      return;
    }
    if (this.sandboxState?.id !== s.id) {
      this.differsSince = {};
      this.agreedAt = {};
    }
    if (this.sandboxState?.id !== s.id || this.sandboxState.state !== s.state)
      this.sandboxState = { id: s.id, state: s.state, since: t };
    // How long the view has shown something other than the sandbox's state: since the sandbox
    // changed (the view lags) or, counted from the last sample they agreed at, since the view
    // changed on its own (End shown while the DELETE is on its way).
    const check = (view: 'panel' | 'popup' | 'badge', states: string[] | undefined) => {
      if (states === undefined || states.includes(s.state)) {
        delete this.differsSince[view];
        this.agreedAt[view] = t;
        return;
      }
      this.differsSince[view] ??= Math.max(this.sandboxState?.since ?? t, this.agreedAt[view] ?? 0);
      const behind = t - this.differsSince[view];
      if (behind > this.staleMs[view])
        this.staleWhen[view] =
          `${Math.round(t / 1000)} s: ${view} ${states.join('|')} vs sandbox ${s.state}`;
      this.staleMs[view] = Math.max(this.staleMs[view], behind);
    };
    check('panel', views.panel ? [views.panel] : undefined);
    check('popup', views.popup ? [views.popup] : undefined);
    check('badge', views.badge);
  }

  /** Every new service-worker instance: its console errors and uncaught exceptions. */
  private async watchWorkers(): Promise<void> {
    const targets = await listTargets(this.session.devtoolsPort);
    for (const target of targets) {
      if (target.type !== 'service_worker' || !target.url.startsWith(this.session.origin)) continue;
      if (this.watchedWorkers.has(target.id)) continue;
      this.watchedWorkers.add(target.id);
      const cdp = await CdpConnection.connect(target.webSocketDebuggerUrl as string);
      cdp.on('Runtime.consoleAPICalled', (p) => {
        const args = (p.args as { value?: unknown; description?: string }[]) ?? [];
        const text = args.map((a) => a.description ?? String(a.value)).join(' ');
        this.workerLog.push(`${(this.now() / 1000).toFixed(1)} s ${p.type} ${text}`);
        if (p.type !== 'error' && p.type !== 'assert') return;
        this.consoleErrors.push(`[worker] ${text}`);
      });
      cdp.on('Runtime.exceptionThrown', (p) => {
        const d = p.exceptionDetails as { text: string; exception?: { description?: string } };
        this.uncaught.push(`[worker] ${d.exception?.description ?? d.text}`);
      });
      await cdp.send('Runtime.enable');
    }
  }

  /** Worker and panel heap after a forced GC (the panel of the current tab, else tab 0). */
  async heaps(): Promise<void> {
    const t = this.now();
    const targets = await listTargets(this.session.devtoolsPort);
    const worker = targets.find(
      (x) => x.type === 'service_worker' && x.url.startsWith(this.session.origin),
    );
    if (worker) {
      const cdp = await CdpConnection.connect(worker.webSocketDebuggerUrl as string);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        this.workerHeap.push({ t, v: usedSize });
      } finally {
        cdp.close();
      }
    }
    const tab = this.agent.tabs[0];
    const frame = tab ? this.agent.panel(tab) : undefined;
    if (frame) {
      const cdp = await this.session.context.newCDPSession(frame);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        this.panelHeap.push({ t, v: usedSize });
      } finally {
        await cdp.detach().catch(() => {});
      }
    }
  }
}
