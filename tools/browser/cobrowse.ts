// The fault and restart suites' shared moves: a fresh conversation in the sandbox for each test
// (no history from an earlier one), the agent starting on its page with the keyboard command,
// the session as the background persisted it (storage.session), and the create requests.
import type { Page } from 'playwright-core';
import type { SessionSnapshot } from '../../src/shared/session';
import { type Sandbox, SEED } from '../sandbox/index';
import { createRequests, openAgentPage, pressCommand } from './agent';
import type { ExtensionSession } from './browser';
import { overlayOn, type SessionPanel } from './overlay';
import { waitFor } from './wait';

export const CREATE_ROUTE = '/api/v2/conversations/{conversationId}/cobrowse';

/** A new active conversation of the demo agent (web messaging, Messenger online, by default). */
export function freshConversation(
  sandbox: Sandbox,
  input: {
    media?: 'message' | 'call' | 'chat' | 'email';
    customerName?: string;
    userId?: string;
    customerOnline?: boolean;
    presenceUnknown?: boolean;
  } = {},
): string {
  return sandbox.addConversation({
    media: input.media ?? 'message',
    customerName: input.customerName ?? 'Morgan Fault',
    userId: input.userId ?? SEED.users.agent,
    ...(input.customerOnline !== undefined ? { customerOnline: input.customerOnline } : {}),
    ...(input.presenceUnknown ? { presenceUnknown: true } : {}),
  }).id;
}

/** The agent's page for one conversation (the sandbox's in-house tool, id in the URL). */
export function casePage(session: ExtensionSession, sandbox: Sandbox, conversationId: string) {
  return openAgentPage(session, `${sandbox.url}/sandbox/agent-tool/${conversationId}`);
}

/** Opens the conversation's page and presses the shortcut: the overlay shows what happened. */
export async function startWithCommand(
  session: ExtensionSession,
  sandbox: Sandbox,
  conversationId: string,
): Promise<{ page: Page; overlay: SessionPanel }> {
  const page = await casePage(session, sandbox, conversationId);
  await pressCommand(session, page);
  const overlay = await overlayOn(page, session);
  await overlay.root.waitFor();
  return { page, overlay };
}

/** The session the background persisted for a conversation (storage.session). */
export async function storedSession(
  session: ExtensionSession,
  conversationId: string,
): Promise<SessionSnapshot | undefined> {
  const all = await session.sessionStorage();
  return (all[`cobrowse.session.${conversationId}`] as { snapshot?: SessionSnapshot } | undefined)
    ?.snapshot;
}

/** Waits until the persisted session matches `probe`. */
export function sessionWhere(
  session: ExtensionSession,
  conversationId: string,
  probe: (s: SessionSnapshot) => boolean,
  message: string,
  timeout = 20_000,
): Promise<SessionSnapshot> {
  return waitFor(
    async () => {
      const s = await storedSession(session, conversationId);
      return s && probe(s) ? s : undefined;
    },
    { message, timeout },
  );
}

/** Statuses of the create POSTs for one conversation, in order (0: the socket was dropped). */
export function createStatuses(sandbox: Sandbox, conversationId: string): number[] {
  return createRequests(sandbox, conversationId).map((r) => r.status);
}

/** Offers the sandbox made for a conversation (whatever their state now). */
export function offersFor(sandbox: Sandbox, conversationId: string) {
  return sandbox.sessions().filter((s) => s.conversationId === conversationId);
}
