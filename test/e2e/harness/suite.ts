// The setup every agent-facing e2e file shares: one browser with the extension, the sandbox it
// points at, the agent signed in (unless a file starts signed out), and after each test nothing
// left behind — faults cleared, every cobrowse the test started ended, its pages closed — since
// the sandbox allows one pending session per agent.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, expect } from 'vitest';
import { openAgentPage, sandboxSession, signIn } from '../../../tools/browser/agent';
import type { ExtensionSession, LaunchOptions } from '../../../tools/browser/browser';
import { freshConversation, startWithCommand } from '../../../tools/browser/cobrowse';
import { overlayOn, type SessionPanel } from '../../../tools/browser/overlay';
import { useExtension } from './fixture';
import { type Sandbox, useSandbox } from './sandbox';

type SandboxSession = Awaited<ReturnType<typeof sandboxSession>>;

const isLive = (s: { state: string }) => s.state === 'offered' || s.state === 'active';

export interface AgentSuite {
  readonly ext: { readonly current: ExtensionSession };
  readonly sandbox: { readonly current: Sandbox };
  /** A message of the extension's default locale (what the UI shows). */
  m(key: string): string;
  /** Closes the page after the test. */
  keep<P extends Page>(page: P): P;
  /** Ends this conversation's cobrowse after the test, whatever state it reached. */
  endAfter(conversationId: string): string;
  /** A new tab at `url`, in front; closed after the test. */
  open(url: string): Promise<Page>;
  /** The sandbox's agent tool (at one conversation, or its list); closed after the test. */
  openAgentTool(conversationId?: string): Promise<Page>;
  /** A fresh conversation, started with the shortcut on its page; ended after the test. */
  start(
    input?: Parameters<typeof freshConversation>[1],
  ): Promise<{ id: string; page: Page; overlay: SessionPanel }>;
  /**
   * The overlay on `page` shows the very session the sandbox issued for this conversation: its
   * six-digit join code and its id.
   */
  expectOverlayShowsSandboxSession(
    page: Page,
    conversationId: string,
  ): Promise<{ issued: SandboxSession; overlay: SessionPanel }>;
}

export function useAgentSuite({
  launch = {},
  signedIn = true,
  reset,
}: {
  launch?: LaunchOptions;
  /** false: the file's first tests run signed out (it signs in itself later). */
  signedIn?: boolean;
  /** More sandbox state to restore after each test (after its faults are cleared). */
  reset?: (sandbox: Sandbox) => void;
} = {}): AgentSuite {
  const ext = useExtension(launch);
  const sandbox = useSandbox(ext);
  const pages: Page[] = [];
  const used: string[] = [];

  if (signedIn) {
    beforeAll(async () => {
      await signIn(ext.current, sandbox.current);
    });
  }

  afterEach(async () => {
    const s = sandbox.current;
    s.clearFaults();
    reset?.(s);
    // The test's own conversations first, then anything else still live (e.g. one a trigger
    // started on a page); the wait below is what guarantees none is left.
    const live = s.sessions().filter(isLive);
    const ids = new Set([...used.splice(0), ...live.map((x) => x.conversationId)]);
    for (const conversationId of ids) {
      await ext.current.request('cobrowse.end', { conversationId }).catch(() => undefined);
    }
    // deploymentIdPlace=messageChannel: nothing names a call's web deployment, so End ends a
    // voice session in the browser only (and says so); the caller's side ends what is left.
    if (s.settings().deploymentIdPlace !== 'selfUri') {
      for (const x of s.sessions().filter((x) => isLive(x) && x.communicationType === 'Call')) {
        s.customer(x.conversationId, 'end-session');
      }
    }
    await s.waitFor(() => !s.sessions().some(isLive));
    for (const page of pages.splice(0)) await page.close();
  });

  const keep = <P extends Page>(page: P): P => {
    pages.push(page);
    return page;
  };
  const endAfter = (conversationId: string) => {
    used.push(conversationId);
    return conversationId;
  };
  const open = async (url: string) => keep(await openAgentPage(ext.current, url));

  return {
    ext,
    sandbox,
    m: (key) => ext.current.message(key),
    keep,
    endAfter,
    open,
    openAgentTool: (conversationId) =>
      open(
        `${sandbox.current.url}/sandbox/agent-tool${conversationId ? `/${conversationId}` : ''}`,
      ),
    async start(input = {}) {
      const id = endAfter(freshConversation(sandbox.current, input));
      const started = await startWithCommand(ext.current, sandbox.current, id);
      keep(started.page);
      return { id, ...started };
    },
    async expectOverlayShowsSandboxSession(page, conversationId) {
      const issued = await sandboxSession(sandbox.current, conversationId);
      const overlay = await overlayOn(page, ext.current);
      await expect.poll(() => overlay.joinCode(), { timeout: 20_000 }).toBe(issued.joinCode);
      expect(await overlay.sessionId()).toBe(issued.id);
      expect(issued.joinCode).toMatch(/^\d{6}$/);
      return { issued, overlay };
    },
  };
}
