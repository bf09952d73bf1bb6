// The agent's conversations over REST: the list, one conversation, the message view and one
// message with its normalized events.
import { requireScope } from './access';
import { errors } from './errors';
import type { Route } from './http';
import type { SandboxOrg } from './org';
import {
  conversationBody,
  conversationListing,
  messageConversationBody,
  messageDataBody,
} from './shapes';

export function conversationRoutes(org: SandboxOrg): Route[] {
  const read = (ctx: Parameters<Route['handler']>[0]) =>
    requireScope(ctx, 'conversations', 'conversations:readonly');
  const find = (id: string | undefined) => {
    const conv = id ? org.conversations.get(id) : undefined;
    if (!conv) throw errors.notFound(`Conversation ${id}`);
    return conv;
  };
  return [
    {
      method: 'GET',
      template: '/api/v2/conversations',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        const token = read(ctx);
        const mine = [...org.conversations.values()].filter(
          (c) => c.userId === token.userId && c.state === 'connected',
        );
        return { json: conversationListing(org, mine) };
      },
    },
    {
      method: 'GET',
      template: '/api/v2/conversations/messages/{conversationId}',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        read(ctx);
        const conv = find(ctx.params.conversationId);
        if (conv.media !== 'message') throw errors.notFound(`Message conversation ${conv.id}`);
        return { json: messageConversationBody(org, conv) };
      },
    },
    {
      method: 'GET',
      template: '/api/v2/conversations/messages/{conversationId}/messages/{messageId}',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        read(ctx);
        const conv = find(ctx.params.conversationId);
        const message = conv.messages.find((m) => m.id === ctx.params.messageId);
        if (conv.media !== 'message' || !message)
          throw errors.notFound(`Message ${ctx.params.messageId}`);
        return { json: messageDataBody(conv, message) };
      },
    },
    {
      method: 'GET',
      template: '/api/v2/conversations/{conversationId}',
      kind: 'api',
      auth: true,
      handler: (ctx) => {
        read(ctx);
        return { json: conversationBody(org, find(ctx.params.conversationId)) };
      },
    },
  ];
}
