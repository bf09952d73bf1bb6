// The typed Genesys Cloud Platform API client: bearer token, timeout, ErrorBody parsing,
// Retry-After, one silent re-auth on 401, and valibot checks on every response the product
// depends on. fetch and the token source are injected.
import type { Models } from 'purecloud-platform-client-v2';
import * as v from 'valibot';
import { isUuid } from '../shared/detect/uuid';
import { CODE_BY_STATUS, type ErrorMedia, explain } from '../shared/errors';
import { clip, safeText } from '../shared/redact';
import type { SessionError } from '../shared/session';
import {
  AnswerTooLarge,
  isRedirected,
  isRedirectRefusal,
  MAX_ANSWER_BYTES,
  NO_REDIRECT,
  readBounded,
} from './http';

/** Local codes beside the Genesys ones (ErrorBody.code). */
export type LocalErrorCode =
  | 'timeout'
  | 'network'
  | 'malformed.response'
  | 'aborted'
  | 'redirect.refused'
  | 'answer.too.large'
  | 'invalid.conversation.id';

export interface GenesysErrorInit {
  status?: number;
  code: string;
  message: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  retryAfterSeconds?: number;
  details?: Models.Detail[];
  /** 'gateway': the company gateway answered (profile 'gateway'), not the Platform API. */
  via?: 'gateway';
}

export class GenesysError extends Error {
  readonly status?: number;
  readonly code: string;
  readonly messageWithParams?: string;
  readonly messageParams?: Record<string, string>;
  /** ErrorBody.contextId, or the ININ-Correlation-Id header: what Genesys support asks for. */
  readonly contextId?: string;
  /** From Retry-After (429, 503): the caller decides whether and when to try again. */
  readonly retryAfterSeconds?: number;
  readonly details?: Models.Detail[];
  readonly via?: 'gateway';

  constructor(init: GenesysErrorInit) {
    super(init.message);
    this.name = 'GenesysError';
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.messageWithParams !== undefined) this.messageWithParams = init.messageWithParams;
    if (init.messageParams !== undefined) this.messageParams = init.messageParams;
    if (init.contextId !== undefined) this.contextId = init.contextId;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.details !== undefined) this.details = init.details;
    if (init.via !== undefined) this.via = init.via;
  }

  /** Explained by the error catalogue; the cobrowse service passes the media for permission fixes. */
  toSessionError(media?: ErrorMedia): SessionError {
    return explain({
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.messageParams ? { messageParams: this.messageParams } : {}),
      ...(this.contextId ? { contextId: this.contextId } : {}),
      ...(this.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(media ? { media } : {}),
      ...(this.details ? { details: this.details } : {}),
      ...(this.via ? { via: this.via } : {}),
    });
  }
}

/** A 3xx (followed nowhere): the base URL points at something that sends the client elsewhere. */
export function redirectError(method: string, url: string, status?: number): GenesysError {
  return new GenesysError({
    code: 'redirect.refused',
    message: `${method} ${url}: the server answered with a redirect${status ? ` (HTTP ${status})` : ''}`,
    ...(status ? { status } : {}),
  });
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Use exactly this token: no renewal and no 401 retry (sign-out, the sign-in profile read). */
  token?: string;
  /** This request's own timeout (default: the client's timeoutMs). */
  timeoutMs?: number;
}

export interface GenesysClientDeps {
  getToken: () => Promise<string>;
  /** Called once after a 401 with the refused token; returns a new one (or throws needs-sign-in). */
  renewToken?: (staleToken: string) => Promise<string>;
  /** The api base, e.g. https://api.mypurecloud.com or a custom base URL (read per request). */
  baseUrl: () => string | Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

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

const ErrorBodySchema = v.looseObject({
  message: v.optional(v.string()),
  code: v.optional(v.string()),
  status: v.optional(v.number()),
  messageWithParams: v.optional(v.string()),
  messageParams: v.optional(v.record(v.string(), v.string())),
  contextId: v.optional(v.string()),
  details: v.optional(v.array(v.looseObject({}))),
});

export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && header.trim() !== '') return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Turns a non-2xx response into a GenesysError (ErrorBody when there is one). */
export function errorFromResponse(
  status: number,
  statusText: string,
  headers: Headers,
  text: string,
  now: number,
): GenesysError {
  let body: v.InferOutput<typeof ErrorBodySchema> = {};
  try {
    const parsed = v.safeParse(ErrorBodySchema, JSON.parse(text));
    if (parsed.success) body = parsed.output;
  } catch {
    // not JSON: keep the status-derived code and the status text
  }
  // Every field is the server's words on their way to the UI: masked and bounded.
  const init: GenesysErrorInit = {
    status,
    // No code in the body: the catalogue's code for the status, else http.<status>.
    code: clip(body.code ?? CODE_BY_STATUS[status] ?? `http.${status}`, MAX_CODE),
    message: safeText(body.message ?? (statusText || `HTTP ${status}`)),
  };
  if (body.messageWithParams) init.messageWithParams = safeText(body.messageWithParams);
  if (body.messageParams) init.messageParams = boundedParams(body.messageParams);
  const contextId = body.contextId ?? headers.get('ININ-Correlation-Id') ?? undefined;
  if (contextId) init.contextId = clip(contextId, MAX_CODE);
  const retryAfter = parseRetryAfter(headers.get('Retry-After'), now);
  if (retryAfter !== undefined) init.retryAfterSeconds = retryAfter;
  if (body.details) init.details = boundedDetails(body.details as Models.Detail[]);
  return new GenesysError(init);
}

/** Codes, context ids, field names: identifiers, never prose. */
const MAX_CODE = 100;
const MAX_ITEMS = 20;

function boundedParams(params: Record<string, string>): Record<string, string> {
  const entries = Object.entries(params).slice(0, MAX_ITEMS);
  return Object.fromEntries(entries.map(([k, value]) => [clip(k, MAX_CODE), safeText(value)]));
}

function boundedDetails(details: Models.Detail[]): Models.Detail[] {
  return details.slice(0, MAX_ITEMS).map((d) => {
    const out: Models.Detail = {};
    if (typeof d.fieldName === 'string') out.fieldName = clip(d.fieldName, MAX_CODE);
    if (typeof d.errorCode === 'string') out.errorCode = clip(d.errorCode, MAX_CODE);
    if (typeof d.entityId === 'string') out.entityId = clip(d.entityId, MAX_CODE);
    if (typeof d.entityName === 'string') out.entityName = safeText(d.entityName);
    return out;
  });
}

/** `expires_in: expected number, got string`: which field, never its value. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  const input = issue.input;
  const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  return `${clip(path, MAX_CODE)}: expected ${clip(issue.expected ?? 'another value', MAX_CODE)}, got ${got}`;
}

function validate<S extends v.GenericSchema>(schema: S, value: unknown, what: string) {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new GenesysError({
    code: 'malformed.response',
    message: `${what}: ${describeIssue(result.issues[0])}`,
  });
}

// Shapes the product relies on; everything else passes through untouched (looseObject).
const Named = v.looseObject({ id: v.string(), name: v.optional(v.string()) });
const TokenInfoSchema = v.looseObject({
  organization: Named,
  authorizedScope: v.optional(v.array(v.string()), []),
  OAuthClient: v.optional(
    v.looseObject({ id: v.optional(v.string()), name: v.optional(v.string()) }),
  ),
});
const UserMeSchema = v.looseObject({
  id: v.string(),
  name: v.optional(v.string()),
  authorization: v.optional(v.looseObject({ permissions: v.optional(v.array(v.string())) })),
});
const WithId = v.looseObject({ id: v.string() });
const ConversationListSchema = v.looseObject({ entities: v.optional(v.array(WithId), []) });
const CobrowseSchema = v.looseObject({
  id: v.optional(v.string()),
  // A join code is a few digits; a huge one is not a session the panel should show.
  joinCode: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  dateOfferEnds: v.optional(v.string()),
});
const ChannelSchema = v.looseObject({ id: v.string(), connectUri: v.string() });
const TopicListSchema = v.looseObject({
  entities: v.optional(
    v.array(v.looseObject({ id: v.string(), state: v.optional(v.string()) })),
    [],
  ),
});

export type TokenInfo = Omit<Models.TokenInfo, 'OAuthClient'> & {
  organization: Models.NamedEntity & { id: string };
  authorizedScope: string[];
  /** Only id and name are relied on (the SDK type marks more fields required). */
  OAuthClient?: Partial<Models.OrgOAuthClient> & { id?: string; name?: string };
};
export type UserMe = Models.UserMe & { id: string };
export type ConversationList = Models.ConversationEntityListing & {
  entities: (Models.Conversation & { id: string })[];
};
export type Conversation = Models.Conversation & { id: string };
export type MessageConversation = Models.MessageConversation & { id: string };
export type CobrowseSession = Models.CobrowseWebMessagingSession & { joinCode: string };
/** Checks a create answer (Platform API or gateway): a session the overlay can show. */
export function parseCobrowseSession(body: unknown): CobrowseSession {
  return validate(CobrowseSchema, body, 'cobrowse') as CobrowseSession;
}
export type Channel = Models.Channel & { id: string; connectUri: string };
export type TopicList = Models.ChannelTopicEntityListing & {
  entities: (Models.ChannelTopic & { id: string })[];
};

export interface GenesysClient {
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
  getTokenInfo(options?: RequestOptions): Promise<TokenInfo>;
  getMe(options?: RequestOptions): Promise<UserMe>;
  /** DELETE /api/v2/tokens/me; pass the token to revoke (no renewal for a sign-out). */
  revokeToken(token?: string): Promise<void>;
  listConversations(options?: RequestOptions): Promise<ConversationList>;
  getConversation(id: string, options?: RequestOptions): Promise<Conversation>;
  getMessageConversation(id: string, options?: RequestOptions): Promise<MessageConversation>;
  createCobrowse(conversationId: string, options?: RequestOptions): Promise<CobrowseSession>;
  createChannel(options?: RequestOptions): Promise<Channel>;
  subscribe(channelId: string, topics: string[], options?: RequestOptions): Promise<TopicList>;
  /** HEAD the channel: true while it lives, false on 404. */
  channelExists(channelId: string, options?: RequestOptions): Promise<boolean>;
}

export function createGenesysClient(deps: GenesysClientDeps): GenesysClient {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const now = deps.now ?? Date.now;

  const contextOf = (response: Response) => {
    const id = response.headers.get('ININ-Correlation-Id');
    return id ? { contextId: id } : {};
  };

  async function once(
    method: string,
    url: string,
    token: string,
    options: RequestOptions,
  ): Promise<{ response: Response; text: string }> {
    const limit = options.timeoutMs ?? timeoutMs;
    const timeout = AbortSignal.timeout(limit);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
    };
    const init: RequestInit = { method, headers, signal, ...NO_REDIRECT };
    // No body at all unless the call has one: the cobrowse POST must go out empty.
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    try {
      if (options.signal?.aborted) throw options.signal.reason;
      const response = await doFetch(url, init);
      if (isRedirected(response)) throw redirectError(method, url, response.status);
      const text = method === 'HEAD' ? '' : await readBounded(response, MAX_ANSWER_BYTES);
      return { response, text };
    } catch (err) {
      if (err instanceof GenesysError) throw err;
      if (err instanceof AnswerTooLarge) {
        throw new GenesysError({
          code: 'answer.too.large',
          message: `${method} ${url}: ${err.message}`,
        });
      }
      if (timeout.aborted) {
        throw new GenesysError({
          code: 'timeout',
          message: `${method} ${url}: no answer in ${limit} ms`,
        });
      }
      if (options.signal?.aborted) {
        throw new GenesysError({ code: 'aborted', message: `${method} ${url}: cancelled` });
      }
      if (isRedirectRefusal(err)) throw redirectError(method, url);
      throw new GenesysError({ code: 'network', message: `${method} ${url}: ${String(err)}` });
    }
  }

  async function request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const url = new URL(`${(await deps.baseUrl()).replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, String(item));
      }
    }
    let token = options.token ?? (await deps.getToken());
    let { response, text } = await once(method, url.toString(), token, options);
    // A 401 means Genesys refused the token before doing anything (no offer was created, even
    // for the cobrowse POST), so one retry with a renewed token is safe. Only one: a second
    // 401 is reported.
    if (response.status === 401 && !options.token && deps.renewToken) {
      token = await deps.renewToken(token);
      ({ response, text } = await once(method, url.toString(), token, options));
    }
    if (!response.ok) {
      throw errorFromResponse(response.status, response.statusText, response.headers, text, now());
    }
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new GenesysError({
        status: response.status,
        code: 'malformed.response',
        message: `${method} ${path}: the answer is not JSON`,
        ...contextOf(response),
      });
    }
  }

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
