// Type-level checks of the protocol (src/shared/protocol): `npx tsc --noEmit` compiles this file
// (tsconfig includes test/), so each `@ts-expect-error` below must stay an error — if a line
// ever compiles (a request without a handler, a schema that disagrees with its type), the
// directive itself fails the type check.
import * as v from 'valibot';
import type { HandlerMap, HandlerSpec, Handlers } from '../../src/background/router';
import type { ErrorMedia } from '../../src/shared/errors';
import {
  type ConversationMedia,
  type OfflineChoice,
  type Origin,
  type OverlayAction,
  type OverlayActionSchema,
  type PanelMessage,
  REQUEST_PAYLOADS,
  type RequestOf,
  type ResponseOf,
  type StartRequest,
  type StartRequestSchema,
  type WhenCustomerOffline,
} from '../../src/shared/protocol';
import type { SessionSnapshot } from '../../src/shared/session';
import type { Settings } from '../../src/shared/settings';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const ok = <X extends true>(x: X) => x;

declare const snapshot: SessionSnapshot;
const endSpec: HandlerSpec<'cobrowse.end'> = {
  from: 'pages',
  payload: REQUEST_PAYLOADS['cobrowse.end'],
  handle: async () => snapshot,
};

// ── A request without a handler does not compile ─────────────────────────────────────────────
declare const all: HandlerMap;
const { 'history.clear': _dropped, ...allButOne } = all;
// @ts-expect-error 'history.clear' has no handler
export const incomplete: HandlerMap = allButOne;
export const complete: HandlerMap = { ...allButOne, 'history.clear': all['history.clear'] };

// A group of handlers must answer every request it names.
// @ts-expect-error 'cobrowse.openViewer' is named but has no handler
export const group: Handlers<'cobrowse.end' | 'cobrowse.openViewer'> = { 'cobrowse.end': endSpec };

// ── A schema that disagrees with its type does not compile ──────────────────────────────────
export const wrongPayload: HandlerSpec<'cobrowse.end'> = {
  from: 'pages',
  // @ts-expect-error a handler validates with the protocol's schema, not one of its own
  payload: v.object({ conversationId: v.number() }),
  handle: async () => snapshot,
};
export const wrongAnswer: HandlerSpec<'cobrowse.openViewer'> = {
  from: 'pages',
  payload: REQUEST_PAYLOADS['cobrowse.openViewer'],
  // @ts-expect-error the answer's type comes from its schema: { url: string }
  handle: async () => ({ url: 3 }),
};
export const wrongRead: HandlerSpec<'cobrowse.answerOffline'> = {
  from: 'pages',
  payload: REQUEST_PAYLOADS['cobrowse.answerOffline'],
  // @ts-expect-error the payload's type comes from its schema: there is no `tabId`
  handle: async ({ tabId }) => (tabId ? snapshot : snapshot),
};

// A value of a protocol type must fit the schema's shape (the type is the schema's output).
export const badChoice: RequestOf<'cobrowse.answerOffline'> = {
  conversationId: 'x',
  // @ts-expect-error 'later' is not an offline choice
  choice: 'later',
};
// @ts-expect-error a start without its origin
export const badStart: StartRequest = { conversationId: 'x' };
export const goodAction: Extract<PanelMessage, { type: 'action' }> = {
  type: 'action',
  action: 'answerOffline',
  choice: 'send-anyway',
};

// The types are the schemas' outputs; a schema that says otherwise is a different type.
ok<Equal<StartRequest, v.InferOutput<typeof StartRequestSchema>>>(true);
ok<Equal<OverlayAction, v.InferOutput<typeof OverlayActionSchema>>>(true);
// @ts-expect-error a narrower picklist is not the offline choice
ok<Equal<v.InferOutput<ReturnType<typeof v.picklist<['send-anyway']>>>, OfflineChoice>>(true);
ok<Equal<ResponseOf<'cobrowse.openViewer'>, { url: string }>>(true);

// ── Each literal union exists once: the domain's types are the protocol's atoms ──────────────
ok<Equal<Settings['whenCustomerOffline'], WhenCustomerOffline>>(true);
ok<Equal<WhenCustomerOffline, 'ask' | OfflineChoice>>(true);
ok<Equal<SessionSnapshot['origin'], Origin>>(true);
ok<Equal<ErrorMedia, ConversationMedia>>(true);
