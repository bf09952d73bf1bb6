// The requests views send to the background (runtime.sendMessage), as the schemas of their
// payloads. The background's router (src/background/router.ts) checks every request's sender and
// payload against REQUEST_PAYLOADS before its handler runs. What each is answered with is in
// answers.ts.
import * as v from 'valibot';
import { EMPTY_PAYLOAD, OfflineChoiceSchema, OriginSchema, TAB_ID, UUID } from './atoms';

/** The one start path's entry for views: popup, overlay picker/confirm/offline prompts. */
export const StartRequestSchema = v.object({
  conversationId: UUID,
  origin: OriginSchema,
  /** The tab whose page shows the overlay (popup starts pass the active tab). */
  tabId: v.optional(TAB_ID),
  /** The agent confirmed an id that is not one of their active conversations. */
  confirmed: v.optional(v.boolean()),
  /** The agent's answer to the customer-offline question, asked before the start. */
  whenCustomerOffline: v.optional(OfflineChoiceSchema),
});
export type StartRequest = v.InferOutput<typeof StartRequestSchema>;

const ById = v.object({ conversationId: UUID });

/**
 * An edit from the options page: any keys. The settings module checks every key and value
 * (known, not locked, valid) in save(), and refuses the whole edit with its reasons.
 */
const SettingsPatchSchema = v.record(v.string(), v.unknown());
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/** Every request's payload. A payload that does not match is refused before any handler runs. */
export const REQUEST_PAYLOADS = {
  'auth.status': EMPTY_PAYLOAD,
  'auth.signIn': EMPTY_PAYLOAD,
  'auth.signOut': EMPTY_PAYLOAD,
  'connection.test': EMPTY_PAYLOAD,
  'settings.get': EMPTY_PAYLOAD,
  /** Saves only the given keys; refused (nothing written) when one is locked or invalid. */
  'settings.save': SettingsPatchSchema,
  /** The agent's active conversations, classified and ranked against the tab's page hints
   *  (the background injects the collector under activeTab). From extension pages only. */
  'conversations.list': v.object({ tabId: v.optional(TAB_ID) }),
  'cobrowse.start': StartRequestSchema,
  'cobrowse.end': ById,
  'cobrowse.answerOffline': v.object({ conversationId: UUID, choice: OfflineChoiceSchema }),
  'cobrowse.offerAgain': ById,
  /** Opens the Genesys agent viewer in a tab; refused unless the customer accepted. */
  'cobrowse.openViewer': ById,
  /** The org check (admins): runs in the background on a test conversation; answers at once
   *  with its snapshot, then pushes each change ('orgcheck'); while one runs, it starts nothing and answers with that one's. */
  'orgcheck.start': v.object({
    conversationId: UUID,
    voiceConversationId: v.optional(UUID),
    /** How long it waits for the admin's action in the test Messenger (default 120 s). */
    customerWaitSeconds: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(900)),
    ),
    /** How long it watches for what may never come (default 15 s). */
    observeSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120))),
  }),
  'orgcheck.status': EMPTY_PAYLOAD,
  /** Stops the running check: no further step, every wait ends, its sessions are ended. */
  'orgcheck.cancel': EMPTY_PAYLOAD,
  /** What the agent viewer posted to the options page that hosts it: its session id. */
  'orgcheck.viewer': v.object({ sessionId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/)) }),
  /** The session history, newest first (storage.local). From extension pages only. */
  'history.list': EMPTY_PAYLOAD,
  /** Empties the history; answers with the (empty) list. From extension pages only. */
  'history.clear': EMPTY_PAYLOAD,
} as const;

export type RequestName = keyof typeof REQUEST_PAYLOADS;
export type RequestSchema<N extends RequestName> = (typeof REQUEST_PAYLOADS)[N];
export type RequestOf<N extends RequestName> = v.InferOutput<RequestSchema<N>>;
