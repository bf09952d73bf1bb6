// The error catalogue: every failure the agent can meet, explained as what happened, why, and
// exactly what to fix. Genesys ErrorBody codes (the Platform API's error model) and local codes map to
// `err_*` locale keys; an unknown code keeps the server's own message and code.
import { t } from './i18n';
import type { ConversationMedia } from './protocol/answers';
import { maskSecrets, safeText } from './redact';
import type { SessionError } from './session';

/** The media the failing request was for; picks the permission a fix names. */
/** The media an error is worded for: a conversation's. */
export type ErrorMedia = ConversationMedia;

export interface ErrorInput {
  status?: number;
  /** Genesys ErrorBody.code, an OAuth `error`, or a local code (LOCAL_CODES, src/ui/error-kinds.ts). */
  code?: string;
  /** The server's message, verbatim. */
  message?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  retryAfterSeconds?: number;
  media?: ErrorMedia;
  /** ErrorBody.details: which fields a 400 refused. */
  details?: { fieldName?: string; errorCode?: string }[];
  /** 'gateway': the company gateway answered (profile 'gateway'), not the Platform API. */
  via?: 'gateway';
}

interface Texts {
  title: string;
  explanation: string;
  fix: string;
  admin?: string;
}

const key = (id: string, part: 'title' | 'explanation' | 'fix') => `err_${id}_${part}`;

/** `fixId`: another entry whose fix is word for word this one's (one message, one key). */
function texts(
  id: string,
  subs: { explanation?: string[]; fix?: string[] } = {},
  fixId = id,
): Texts {
  return {
    title: t(key(id, 'title')),
    explanation: t(key(id, 'explanation'), subs.explanation),
    fix: t(key(fixId, 'fix'), subs.fix),
  };
}

/** The exact permission(s) a role needs for this media, with its UI path and its string. */
export function permissionPhrase(media: ErrorMedia | undefined): string {
  if (media === 'message') return t('err_perm_message');
  if (media === 'call') return t('err_perm_call');
  return t('err_perm_any');
}

function permissionTexts(id: string, i: ErrorInput): Texts {
  return { ...texts(id), admin: t(`err_${id}_admin`, permissionPhrase(i.media)) };
}

function scopeTexts(): Texts {
  return { ...texts('missing_scope'), admin: t('err_missing_scope_admin') };
}

function mediaNotSupported(i: ErrorInput): Texts {
  if (i.media === 'chat') return texts('media_chat');
  if (i.media === 'email') return texts('media_email', {}, 'media_other');
  return texts('media_other');
}

function tooManyRequests(i: ErrorInput): Texts {
  const base = texts('too_many_requests');
  const wait = i.retryAfterSeconds;
  if (wait !== undefined && Number.isFinite(wait) && wait >= 0) {
    base.fix = t('err_too_many_requests_fix_wait', String(Math.ceil(wait)));
  }
  return base;
}

function malformed(i: ErrorInput): Texts {
  return texts('malformed_response', { explanation: [i.message || t('err_no_message')] });
}

const simple = (id: string, fixId?: string) => () => texts(id, {}, fixId);

/** "capabilities[1] (invalid.value), type (invalid.value)", or the server's message. */
function detailsList(i: ErrorInput): string {
  const items = (i.details ?? [])
    .map((d) => [d.fieldName, d.errorCode && `(${d.errorCode})`].filter(Boolean).join(' '))
    .filter(Boolean);
  return items.length ? items.join(', ') : i.message || t('err_no_message');
}

/**
 * The company gateway's own refusals name what the gateway needs, not what the Platform API
 * needs: its scope is cobrowse:session:create, and a 400 is about the body the extension sent
 * (type, initiatorType, the capabilities chosen in Options). Others fall through to the catalogue.
 */
function gatewayTexts(i: ErrorInput): Texts | undefined {
  const scopeRefusal =
    i.code === 'app.not.authorized.for.scope' ||
    (i.status === 403 && /scope/i.test(i.message ?? ''));
  if (scopeRefusal) {
    const scope =
      i.messageParams?.scope ??
      /scope\s+["“']?([\w:.-]+)/i.exec(i.message ?? '')?.[1] ??
      'cobrowse:session:create';
    return {
      ...texts('gateway_missing_scope', { explanation: [scope], fix: [scope] }),
      title: t('err_gateway_missing_scope_title', scope),
    };
  }
  if (i.status === 400) return texts('gateway_bad_request', { explanation: [detailsList(i)] });
  if (i.code === 'network') return texts('gateway_network');
  return undefined;
}

/**
 * Codes explained by their own `err_<code>_*` keys (dots as underscores): "bad.request" →
 * err_bad_request_title, _explanation, _fix.
 */
const PLAIN_CODES = [
  // 400, 401, 404, 409
  'bad.request',
  'invalid.value',
  'invalid.property',
  'constraint.validation',
  'bad.credentials',
  'not.found',
  'request.conflict',
  // local: transport and shape
  'network',
  'timeout',
  'aborted',
  'answer.too.large',
  // local: sign-in and OAuth redirect errors (RFC 6749 `error` values)
  'needs.signin',
  'access_denied',
  'invalid_grant',
  'state.mismatch',
  // local: the conversation
  'not.agents.conversation',
  'invalid.conversation.id',
  'customer.offline',
  'agent.not.connected',
  // local: settings
  'gateway.not.configured',
  'client.id.missing',
  // local: the notifications channel (live updates) was refused
  'notifications.rejected',
];

/** code → texts. Aliases share an entry so a fix is written once. */
const CATALOGUE: Record<string, (i: ErrorInput) => Texts> = {
  ...Object.fromEntries(PLAIN_CODES.map((code) => [code, simple(code.replaceAll('.', '_'))])),
  // 401: the renewal failed; the fix is the sign-in's
  'authentication.required': simple('authentication_required', 'needs_signin'),
  // 403
  'missing.any.permissions': (i) => permissionTexts('missing_permissions', i),
  'missing.permissions': (i) => permissionTexts('missing_permissions', i),
  'preflight.missing.permission': (i) => permissionTexts('missing_permissions', i),
  'app.not.authorized.for.scope': scopeTexts,
  'preflight.missing.scope': scopeTexts,
  invalid_scope: scopeTexts,
  'missing.division.permission': (i) => permissionTexts('missing_division_permission', i),
  // 408
  'client.timeout': simple('timeout'),
  // 429
  'too.many.requests': tooManyRequests,
  'too.many.requests.retry.after': tooManyRequests,
  'malformed.response': malformed,
  'redirect.refused': simple('redirect'),
  invalid_client: simple('invalid_redirect'),
  unauthorized_client: simple('invalid_redirect'),
  'invalid.redirect': simple('invalid_redirect'),
  // Genesys reports a redirect URI that is not registered as invalid_request: tell them apart.
  invalid_request: (i) =>
    texts(/redirect/i.test(i.message ?? '') ? 'invalid_redirect' : 'invalid_grant_type'),
  unsupported_response_type: simple('invalid_grant_type'),
  server_error: simple('login_unavailable'),
  temporarily_unavailable: simple('login_unavailable'),
  'media.not.supported': mediaNotSupported,
  // The agent's other session, found before the POST: worded as Genesys's 409, same choice.
  'session.already.running': simple('request_conflict'),
  // the channel's connectUri is not the environment's streaming host
  'stream.address.refused': simple('stream_address'),
};

/**
 * The code a status stands for when the body carries none (a proxy's HTML page, say): the
 * catalogue explains by it, and the API client names such failures by it.
 */
export const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad.request',
  401: 'authentication.required',
  404: 'not.found',
  408: 'client.timeout',
  409: 'request.conflict',
  429: 'too.many.requests',
};

function serverTexts(status: number): Texts | undefined {
  if (status === 500) return texts('server_error');
  if (status === 502 || status === 503) return texts('unavailable');
  if (status === 504) return texts('timeout');
  return undefined;
}

/** Every code the catalogue explains (for tests and the README fault matrix). */
export const KNOWN_CODES: readonly string[] = Object.keys(CATALOGUE);

export function explain(raw: ErrorInput): SessionError {
  // The server's words reach the panel and "Copy details": never a token, never unbounded.
  const input: ErrorInput = {
    ...raw,
    ...(raw.message === undefined ? {} : { message: safeText(raw.message) }),
    ...(raw.code === undefined ? {} : { code: safeText(raw.code, 100) }),
    ...(raw.contextId === undefined ? {} : { contextId: safeText(raw.contextId, 100) }),
  };
  const code = input.code?.trim() || '';
  const status = input.status;
  let effectiveCode = code;
  const entry = CATALOGUE[code];
  const fromGateway = input.via === 'gateway' ? gatewayTexts(input) : undefined;
  let found: Texts | undefined;
  if (fromGateway) found = fromGateway;
  else if (entry) found = entry(input);
  else if (status !== undefined && status >= 500) found = serverTexts(status);
  else if (!code && status !== undefined && CODE_BY_STATUS[status]) {
    effectiveCode = CODE_BY_STATUS[status] as string;
    found = CATALOGUE[effectiveCode]?.(input);
  }
  if (!found) found = unknown(input);

  const error: SessionError = {
    code: code || effectiveCode || (status !== undefined ? `http.${status}` : 'unknown'),
    message: input.message ?? '',
    ...found,
  };
  if (status !== undefined) error.status = status;
  if (input.contextId) error.contextId = input.contextId;
  if (input.retryAfterSeconds !== undefined) error.retryAfterSeconds = input.retryAfterSeconds;
  return error;
}

/** An unknown code: keep the server's words and code, with a fix by status class. */
function unknown(i: ErrorInput): Texts {
  const label = i.code || (i.status !== undefined ? `HTTP ${i.status}` : t('err_no_code'));
  const serverSide = i.status !== undefined && i.status >= 500;
  return {
    title: t('err_unknown_title', label),
    explanation: i.message || t('err_unknown_explanation_no_message', label),
    fix: t(serverSide ? 'err_unknown_fix_server' : 'err_unknown_fix'),
  };
}

/**
 * True when the failed POST may still have reached Genesys and created an offer: a retry
 * must reconcile first, never resend blindly (no double offers).
 */
export function mayHaveReachedGenesys(error: Pick<SessionError, 'status' | 'code'>): boolean {
  if (error.code === 'network' || error.code === 'timeout' || error.code === 'client.timeout') {
    return true;
  }
  // The answer was refused unread (too large): the POST itself may have created the offer.
  if (error.code === 'malformed.response' || error.code === 'answer.too.large') return true;
  return error.status !== undefined && (error.status >= 500 || error.status === 408);
}

/** Plain text for the "Copy details" button: everything support asks for. */
export function formatDetails(error: SessionError, at: number = Date.now()): string {
  return maskSecrets(detailLines(error, at));
}

function detailLines(error: SessionError, at: number): string {
  const lines = [
    t('ext_name'),
    `${t('err_details_time')}: ${new Date(at).toISOString()}`,
    `${t('err_details_status')}: ${error.status ?? '-'}`,
    `${t('err_details_code')}: ${error.code}`,
    `${t('err_details_message')}: ${error.message || '-'}`,
    `${t('err_details_context')}: ${error.contextId ?? '-'}`,
    `${t('err_details_title')}: ${error.title}`,
  ];
  if (error.retryAfterSeconds !== undefined) {
    lines.push(`${t('err_details_retry_after')}: ${error.retryAfterSeconds}`);
  }
  return lines.join('\n');
}

interface Explainable {
  toSessionError(): SessionError;
}

/**
 * A failed read (the conversation list, before any POST): explained as the failure it is, but
 * where those words say an offer may have gone out, they say that nothing was sent.
 */
export class ReadFailure extends Error implements Explainable {
  constructor(readonly original: unknown) {
    super(String(original));
  }
  override toString(): string {
    return String(this.original);
  }
  toSessionError(): SessionError {
    const error = toSessionError(this.original);
    if (!mayHaveReachedGenesys(error)) return error;
    return { ...error, explanation: t('err_read_explanation'), fix: t('err_read_fix') };
  }
}

const isExplainable = (err: unknown): err is Explainable =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as Partial<Explainable>).toSessionError === 'function';

/** Every failure becomes a SessionError: the error's own explanation, or "internal". */
export function toSessionError(err: unknown): SessionError {
  if (isExplainable(err)) return err.toSessionError();
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    code: 'internal',
    message: safeText(detail),
    title: t('conn_router_internal_title'),
    explanation: t('conn_router_internal_why'),
    fix: t('conn_router_internal_fix'),
  };
}
