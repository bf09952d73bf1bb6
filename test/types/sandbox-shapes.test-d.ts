// Type-level conformance: the sandbox's response builders against purecloud-platform-client-v2's
// Models (type-only). `npx tsc --noEmit` fails when a builder drifts from the SDK: a wrong type
// (via `satisfies`) or a property the model does not have (via NoExtra, at any depth).
import type { Models } from 'purecloud-platform-client-v2';
import type { ErrorBody as SandboxErrorBody } from '../../tools/sandbox/errors';
import type {
  channelBody,
  channelTopicsBody,
  cobrowsesessionBody,
  conversationBody,
  conversationListing,
  messageConversationBody,
  messageDataBody,
  messageTopicBody,
  sessionBody,
  tokenInfoBody,
  userMeBody,
} from '../../tools/sandbox/shapes';
import type { conversationTopicBody } from '../../tools/sandbox/topic-shapes';

/** The keys of T (recursively) that the model S does not declare; never when T fits S. */
type Extra<T, S> = T extends readonly (infer E)[]
  ? NonNullable<S> extends readonly (infer SE)[]
    ? Extra<E, SE>
    : 'not-an-array'
  : T extends object
    ? {
        [K in keyof T]-?: K extends keyof NonNullable<S>
          ? Extra<T[K], NonNullable<S>[K]>
          : `${K & string}`;
      }[keyof T]
    : never;

/** Compiles only when T is assignable to S and has no property S lacks. */
type Conforms<T extends S, S> = [Extra<T, S>] extends [never] ? true : Extra<T, S>;
const ok = <X extends true>(x: X) => x;

type R<F extends (...args: never[]) => unknown> = ReturnType<F>;

ok<Conforms<R<typeof sessionBody>, Models.CobrowseWebMessagingSession>>(true);
ok<Conforms<R<typeof conversationBody>, Models.Conversation>>(true);
ok<Conforms<R<typeof conversationListing>, Models.ConversationEntityListing>>(true);
ok<Conforms<R<typeof messageConversationBody>, Models.MessageConversation>>(true);
ok<Conforms<R<typeof messageDataBody>, Models.MessageData>>(true);
ok<Conforms<R<typeof messageTopicBody>, Models.ConversationMessageEventTopicMessageConversation>>(
  true,
);
ok<Conforms<R<typeof cobrowsesessionBody>, Models.Cobrowsesession>>(true);
ok<Conforms<R<typeof conversationTopicBody>, Models.ConversationEventTopicConversation>>(true);
ok<Conforms<R<typeof tokenInfoBody>, Models.TokenInfo>>(true);
ok<Conforms<R<typeof userMeBody>, Models.UserMe>>(true);
ok<Conforms<R<typeof channelBody>, Models.Channel>>(true);
ok<Conforms<R<typeof channelTopicsBody>, Models.ChannelTopicEntityListing>>(true);
ok<Conforms<SandboxErrorBody, Models.ErrorBody>>(true);

// The checker itself must be able to fail: a misspelt property is caught…
// @ts-expect-error joincode is not a CobrowseWebMessagingSession property
ok<Conforms<{ id: string; joincode: string }, Models.CobrowseWebMessagingSession>>(true);
// …at depth too, and so is a wrong type.
type DeepTypo = {
  startTime: string;
  participants: { messages: { messages: { messageMetadata: { event: string } }[] }[] }[];
};
// @ts-expect-error participants[].messages[].messages[].messageMetadata.event is not in the model
ok<Conforms<DeepTypo, Models.Conversation>>(true);
// @ts-expect-error communicationType must be a string
ok<Conforms<{ communicationType: number }, Models.CobrowseWebMessagingSession>>(true);
