// The typed Genesys Cloud Platform API client: bearer token, timeout, ErrorBody parsing,
// Retry-After, one silent re-auth on 401, and valibot checks on every response the product
// depends on. fetch and the token source are injected. The endpoint methods live here; the
// plumbing in request.ts, the errors in errors.ts, the response shapes in responses.ts.
import type * as v from 'valibot';
import { isUuid } from '../../shared/detect/uuid';
import { GenesysError } from './errors';
import { createRequest, type GenesysClientDeps, type RequestOptions } from './request';
import {
  type Channel,
  ChannelSchema,
  type CobrowseSession,
  type Conversation,
  type ConversationList,
  ConversationListSchema,
  type MessageConversation,
  type MessageData,
  parseCobrowseSession,
  type TokenInfo,
  TokenInfoSchema,
  type TopicList,
  TopicListSchema,
  type UserMe,
  UserMeSchema,
  validate,
  WithId,
} from './responses';

export {
  errorFromResponse,
  GenesysError,
  type GenesysErrorInit,
  type LocalErrorCode,
  parseRetryAfter,
  redirectError,
} from './errors';
export type { GenesysClientDeps, Query, RequestOptions } from './request';
export {
  type Channel,
  type CobrowseSession,
  type Conversation,
  type ConversationList,
  describeIssue,
  type MessageConversation,
  type MessageData,
  parseCobrowseSession,
  type TokenInfo,
  type TopicList,
  type UserMe,
} from './responses';

/** Page data is untrusted: only a UUID goes into a path. */
export function assertUuid(id: string): string {
  if (!isUuid(id)) {
    throw new GenesysError({
      code: 'invalid.conversation.id',
      message: `Not a conversation id: ${id}`,
    });
  }
  return id;
}

export interface GenesysClient {
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
  getTokenInfo(options?: RequestOptions): Promise<TokenInfo>;
  getMe(options?: RequestOptions): Promise<UserMe>;
  /** DELETE /api/v2/tokens/me; pass the token to revoke (no renewal for a sign-out). */
  revokeToken(token?: string): Promise<void>;
  listConversations(options?: RequestOptions): Promise<ConversationList>;
  getConversation(id: string, options?: RequestOptions): Promise<Conversation>;
  getMessageConversation(id: string, options?: RequestOptions): Promise<MessageConversation>;
  /** GET …/messages/{id}/messages/{messageId}: one message's data (its channel among it). */
  getMessageData(id: string, messageId: string, options?: RequestOptions): Promise<MessageData>;
  createCobrowse(conversationId: string, options?: RequestOptions): Promise<CobrowseSession>;
  createChannel(options?: RequestOptions): Promise<Channel>;
  subscribe(channelId: string, topics: string[], options?: RequestOptions): Promise<TopicList>;
  /** HEAD the channel: true while it lives, false on 404. */
  channelExists(channelId: string, options?: RequestOptions): Promise<boolean>;
}

export function createGenesysClient(deps: GenesysClientDeps): GenesysClient {
  const request = createRequest(deps);

  const get = async <S extends v.GenericSchema>(
    schema: S,
    what: string,
    path: string,
    options?: RequestOptions,
  ) => validate(schema, await request('GET', path, options), what);

  const path = (template: string, id: string) => template.replace('{id}', encodeURIComponent(id));

  /** A conversation read by id; the id comes from a page, so only a UUID goes into the path. */
  const getConversationAt = (
    what: string,
    template: string,
    id: string,
    options?: RequestOptions,
  ) => get(WithId, what, path(template, assertUuid(id)), options);

  return {
    request,
    getTokenInfo: async (options) =>
      (await get(TokenInfoSchema, 'tokens/me', '/api/v2/tokens/me', options)) as TokenInfo,
    getMe: async (options) =>
      (await get(UserMeSchema, 'users/me', '/api/v2/users/me', {
        ...options,
        query: { ...options?.query, expand: 'authorization' },
      })) as unknown as UserMe,
    revokeToken: async (token) => {
      await request('DELETE', '/api/v2/tokens/me', token ? { token } : {});
    },
    listConversations: async (options) =>
      (await get(
        ConversationListSchema,
        'conversations',
        '/api/v2/conversations',
        options,
      )) as unknown as ConversationList,
    getConversation: async (id, options) =>
      (await getConversationAt(
        'conversation',
        '/api/v2/conversations/{id}',
        id,
        options,
      )) as unknown as Conversation,
    getMessageConversation: async (id, options) =>
      (await getConversationAt(
        'message conversation',
        '/api/v2/conversations/messages/{id}',
        id,
        options,
      )) as unknown as MessageConversation,
    getMessageData: async (id, messageId, options) => {
      // The message id comes from a server answer: only a plain id goes into the path.
      if (!/^[A-Za-z0-9-]{1,64}$/.test(messageId)) {
        throw new GenesysError({ code: 'malformed.response', message: 'Not a message id' });
      }
      const at = path('/api/v2/conversations/messages/{id}/messages/', assertUuid(id)) + messageId;
      return (await get(WithId, 'message data', at, options)) as unknown as MessageData;
    },
    createCobrowse: async (conversationId, options) => {
      const { body: _ignored, ...rest } = options ?? {};
      const url = path('/api/v2/conversations/{id}/cobrowse', assertUuid(conversationId));
      return parseCobrowseSession(await request('POST', url, rest));
    },
    createChannel: async (options) =>
      validate(
        ChannelSchema,
        await request('POST', '/api/v2/notifications/channels', options),
        'notification channel',
      ) as Channel,
    subscribe: async (channelId, topics, options) =>
      validate(
        TopicListSchema,
        await request('PUT', path('/api/v2/notifications/channels/{id}/subscriptions', channelId), {
          ...options,
          body: topics.map((id) => ({ id })),
        }),
        'subscriptions',
      ) as TopicList,
    channelExists: async (channelId, options) => {
      try {
        await request('HEAD', path('/api/v2/notifications/channels/{id}', channelId), options);
        return true;
      } catch (err) {
        if (err instanceof GenesysError && err.status === 404) return false;
        throw err;
      }
    },
  };
}
