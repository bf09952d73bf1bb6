// The agent viewer, as a public Genesys sample embeds it: apps.{domain}/cobrowse-next/viewer.html
// takes the conversation id (not a session id) and posts {joinCode, sessionId} to its parent.
// What it does when the conversation already has a session is unverified: the
// viewerWithSession setting joins that one or makes one of its own.
import { openSession } from './cobrowse';
import { errors } from './errors';
import { escapeHtml as e, type Route } from './http';
import type { SandboxOrg, SandboxSession } from './org';

export const VIEWER_PATH = '/cobrowse-next/viewer.html';

/** The session the viewer shows for a conversation: the live one it joins, or a new one. */
export function viewerSession(org: SandboxOrg, conversationId: string): SandboxSession {
  const conv = org.conversations.get(conversationId);
  if (conv?.state !== 'connected' || (conv.media !== 'message' && conv.media !== 'call'))
    throw errors.notFound(`Conversation ${conversationId}`);
  const live = [...org.sessions.values()].find(
    (s) => s.conversationId === conv.id && (s.state === 'offered' || s.state === 'active'),
  );
  if (live && org.settings.viewerWithSession === 'joins') return live;
  return openSession(org, conv, 'viewer');
}

function viewerPage(session: SandboxSession, lang: string): string {
  // The data goes into the script as JSON with '<' escaped: nothing in it can close the tag.
  const data = JSON.stringify({ joinCode: session.joinCode, sessionId: session.id }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8"><title>Cobrowse viewer — Genesys Cloud sandbox</title></head>
<body><main><h1>Cobrowse viewer</h1><p>Session <code>${e(session.id)}</code></p></main>
<script>parent.postMessage(${data}, '*');</script></body></html>`;
}

export function viewerRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      template: VIEWER_PATH,
      kind: 'page',
      handler: (ctx) => {
        const id = ctx.url.searchParams.get('conversationId') ?? '';
        const lang = ctx.url.searchParams.get('lang') ?? 'en';
        return { html: viewerPage(viewerSession(org, id), lang) };
      },
    },
  ];
}
