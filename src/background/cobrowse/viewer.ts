// The Genesys agent viewer: the apps host's cobrowse page for one conversation, in the agent's
// language. Opened only once the customer accepted (see the session actions).
export function viewerUrl(appsBase: string, conversationId: string, lang: string): string {
  const url = new URL('/cobrowse-next/viewer.html', `${appsBase.replace(/\/+$/, '')}/`);
  url.searchParams.set('conversationId', conversationId);
  url.searchParams.set('lang', lang);
  return url.toString();
}
