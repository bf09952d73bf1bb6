// The router's cobrowse requests, for this extension's pages (the popup): list the agent's
// conversations for a tab, start, end, answer the offline question, offer again, open the
// viewer. Content scripts do not use these: their overlay talks over its own port, bound to
// its tab (see overlay.ts).
import * as v from 'valibot';
import { UUID_RE } from '../shared/detect/uuid';
import type { StartRequest } from '../shared/messages';
import type { CobrowseService } from './cobrowse/service';
import type { HandlerMap } from './router';
import type { Triggers } from './triggers';

const UUID = v.pipe(v.string(), v.regex(UUID_RE));
const TAB_ID = v.pipe(v.number(), v.integer(), v.minValue(0));
const ById = v.object({ conversationId: UUID });

const StartSchema = v.object({
  conversationId: UUID,
  origin: v.picklist(['popup', 'menu', 'command', 'retry']),
  tabId: v.optional(TAB_ID),
  confirmed: v.optional(v.boolean()),
  whenCustomerOffline: v.optional(v.picklist(['send-when-back', 'send-anyway'])),
}) as v.GenericSchema<unknown, StartRequest>;

export function cobrowseHandlers(deps: {
  service: CobrowseService;
  triggers: Triggers;
}): HandlerMap {
  const { service, triggers } = deps;
  return {
    'conversations.list': {
      from: 'pages',
      payload: v.object({ tabId: v.optional(TAB_ID) }),
      handle: ({ tabId }) => triggers.conversations(tabId),
    },
    'cobrowse.start': { from: 'pages', payload: StartSchema, handle: (r) => triggers.start(r) },
    'cobrowse.end': {
      from: 'pages',
      payload: ById,
      handle: ({ conversationId }) => service.end(conversationId),
    },
    'cobrowse.answerOffline': {
      from: 'pages',
      payload: v.object({
        conversationId: UUID,
        choice: v.picklist(['send-when-back', 'send-anyway']),
      }),
      handle: ({ conversationId, choice }) => service.answerOffline(conversationId, choice),
    },
    'cobrowse.offerAgain': {
      from: 'pages',
      payload: ById,
      handle: ({ conversationId }) => service.offerAgain(conversationId),
    },
    'cobrowse.openViewer': {
      from: 'pages',
      payload: ById,
      handle: ({ conversationId }) => service.openViewer(conversationId),
    },
  };
}
