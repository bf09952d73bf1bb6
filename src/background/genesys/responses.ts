// The response shapes the product relies on, checked with valibot; everything else passes
// through untouched (looseObject). A mismatch is a GenesysError 'malformed.response' naming the
// field, never its value.
import type { Models } from 'purecloud-platform-client-v2';
import * as v from 'valibot';
import { clip } from '../../shared/redact';
import { GenesysError, MAX_CODE } from './errors';

/** `expires_in: expected number, got string`: which field, never its value. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  const input = issue.input;
  const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  return `${clip(path, MAX_CODE)}: expected ${clip(issue.expected ?? 'another value', MAX_CODE)}, got ${got}`;
}

export function validate<S extends v.GenericSchema>(schema: S, value: unknown, what: string) {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new GenesysError({
    code: 'malformed.response',
    message: `${what}: ${describeIssue(result.issues[0])}`,
  });
}

const Named = v.looseObject({ id: v.string(), name: v.optional(v.string()) });
export const TokenInfoSchema = v.looseObject({
  organization: Named,
  authorizedScope: v.optional(v.array(v.string()), []),
  OAuthClient: v.optional(
    v.looseObject({ id: v.optional(v.string()), name: v.optional(v.string()) }),
  ),
});
export const UserMeSchema = v.looseObject({
  id: v.string(),
  name: v.optional(v.string()),
  authorization: v.optional(v.looseObject({ permissions: v.optional(v.array(v.string())) })),
});
export const WithId = v.looseObject({ id: v.string() });
export const ConversationListSchema = v.looseObject({ entities: v.optional(v.array(WithId), []) });
const CobrowseSchema = v.looseObject({
  id: v.optional(v.string()),
  // A join code is a few digits; a huge one is not a session the panel should show.
  joinCode: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  dateOfferEnds: v.optional(v.string()),
});
export const ChannelSchema = v.looseObject({ id: v.string(), connectUri: v.string() });
export const TopicListSchema = v.looseObject({
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
export type MessageData = Models.MessageData & { id: string };
export type CobrowseSession = Models.CobrowseWebMessagingSession & { joinCode: string };
/** Checks a create answer (Platform API or gateway): a session the overlay can show. */
export function parseCobrowseSession(body: unknown): CobrowseSession {
  return validate(CobrowseSchema, body, 'cobrowse') as CobrowseSession;
}
export type Channel = Models.Channel & { id: string; connectUri: string };
export type TopicList = Models.ChannelTopicEntityListing & {
  entities: (Models.ChannelTopic & { id: string })[];
};
