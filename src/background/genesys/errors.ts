// Errors from Genesys and from the way to it: GenesysError (explained by the error catalogue),
// and the parsing of a non-2xx answer's ErrorBody and headers, every field masked and bounded.
import type { Models } from 'purecloud-platform-client-v2';
import * as v from 'valibot';
import { CODE_BY_STATUS, type ErrorMedia, explain } from '../../shared/errors';
import { clip, safeText } from '../../shared/redact';
import type { SessionError } from '../../shared/session';

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
  // Declared, not initialised: a field the answer did not give stays absent, not undefined.
  declare readonly status?: number;
  declare readonly code: string;
  declare readonly messageWithParams?: string;
  declare readonly messageParams?: Record<string, string>;
  /** ErrorBody.contextId, or the ININ-Correlation-Id header: what Genesys support asks for. */
  declare readonly contextId?: string;
  /** From Retry-After (429, 503): the caller decides whether and when to try again. */
  declare readonly retryAfterSeconds?: number;
  declare readonly details?: Models.Detail[];
  declare readonly via?: 'gateway';

  constructor(init: GenesysErrorInit) {
    super(init.message);
    this.name = 'GenesysError';
    for (const [key, value] of Object.entries(init))
      if (value !== undefined) Object.assign(this, { [key]: value });
  }

  /** What it was made from (the fields given, the message). */
  init(): GenesysErrorInit {
    const { name: _name, ...fields } = this;
    return { ...fields, message: this.message };
  }

  /** Explained by the error catalogue; the cobrowse service passes the media for permission fixes. */
  toSessionError(media?: ErrorMedia): SessionError {
    return explain({ ...this.init(), ...(media ? { media } : {}) });
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
export const MAX_CODE = 100;
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
