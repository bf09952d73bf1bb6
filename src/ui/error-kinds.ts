// What the error view tells apart by an error's code: the extension's own checks (labelled
// "Extension check", never as a Genesys Cloud error code) and failures only an admin can fix.
// Only the views ask, so these lists stay out of the chunk the worker shares with the pages.
import type { SessionError } from '../shared/session';

/** Codes this extension raises itself (no HTTP status from Genesys behind them). */
export const LOCAL_CODES = [
  'network',
  'timeout',
  'malformed.response',
  'aborted',
  'redirect.refused',
  'answer.too.large',
  'stream.address.refused',
  'needs.signin',
  'state.mismatch',
  'invalid.redirect',
  'not.agents.conversation',
  'invalid.conversation.id',
  'media.not.supported',
  'customer.offline',
  'agent.not.connected',
  'session.already.running',
  'preflight.missing.scope',
  'preflight.missing.permission',
  'gateway.not.configured',
  'client.id.missing',
  'notifications.rejected',
] as const;

/** Failures only an admin can fix (the agent's roles, the OAuth client's scopes): a retry
 *  cannot help, so the agent's one action is to hand the details on. */
const ADMIN_CODES: readonly string[] = [
  'missing.any.permissions',
  'missing.permissions',
  'preflight.missing.permission',
  'missing.division.permission',
  'app.not.authorized.for.scope',
  'preflight.missing.scope',
  'invalid_scope',
];

export const needsAdmin = (error: Pick<SessionError, 'code'>): boolean =>
  ADMIN_CODES.includes(error.code);

/** A code the extension gave a failure itself, not one Genesys Cloud sent. */
export const isLocalCode = (code: string): boolean =>
  (LOCAL_CODES as readonly string[]).includes(code) || code === 'internal';
