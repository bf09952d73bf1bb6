// The router's cobrowse requests, for this extension's pages (the popup): list the agent's
// conversations for a tab, start, end, answer the offline question, offer again, open the
// viewer. Content scripts do not use these: their overlay talks over its own port, bound to
// its tab (see ../overlay.ts).
import { REQUEST_PAYLOADS as P, type RequestName } from '../../shared/protocol/requests';
import type { Handlers } from '../router';
import type { CobrowseService } from './service';
import type { Triggers } from './triggers';

export type CobrowseRequest = Extract<RequestName, `cobrowse.${string}` | 'conversations.list'>;

export function cobrowseHandlers(deps: {
  service: CobrowseService;
  triggers: Triggers;
}): Handlers<CobrowseRequest> {
  const { service, triggers } = deps;
  return {
    'conversations.list': {
      from: 'pages',
      payload: P['conversations.list'],
      handle: ({ tabId }) => triggers.conversations(tabId),
    },
    'cobrowse.start': {
      from: 'pages',
      payload: P['cobrowse.start'],
      handle: (r) => triggers.start(r),
    },
    'cobrowse.end': {
      from: 'pages',
      payload: P['cobrowse.end'],
      handle: ({ conversationId }) => service.end(conversationId),
    },
    'cobrowse.answerOffline': {
      from: 'pages',
      payload: P['cobrowse.answerOffline'],
      handle: ({ conversationId, choice }) => service.answerOffline(conversationId, choice),
    },
    'cobrowse.offerAgain': {
      from: 'pages',
      payload: P['cobrowse.offerAgain'],
      handle: ({ conversationId }) => service.offerAgain(conversationId),
    },
    'cobrowse.openViewer': {
      from: 'pages',
      payload: P['cobrowse.openViewer'],
      handle: ({ conversationId }) => service.openViewer(conversationId),
    },
  };
}
