// Genesys-style errors. Every API error leaves the server as an ErrorBody whose contextId is
// the response's ININ-Correlation-Id; OAuth endpoints use the OAuth {error, error_description}.

export interface ErrorExtras {
  messageParams?: Record<string, string>;
  messageWithParams?: string;
  details?: { errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }[];
  entityId?: string;
  entityName?: string;
  limit?: { key?: string; namespace?: string; value?: number };
}

/** Thrown by handlers; the server turns it into an ErrorBody response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extras: ErrorExtras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Thrown by /oauth/token; answered as OAuth JSON, not ErrorBody. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export type ErrorBody = ReturnType<typeof errorBody>;

export function errorBody(
  status: number,
  code: string,
  message: string,
  contextId: string,
  extras: ErrorExtras = {},
) {
  return {
    message,
    code,
    status,
    messageWithParams: extras.messageWithParams ?? message,
    messageParams: extras.messageParams ?? {},
    contextId,
    details: extras.details ?? [],
    errors: [] as never[],
    ...(extras.entityId ? { entityId: extras.entityId } : {}),
    ...(extras.entityName ? { entityName: extras.entityName } : {}),
    ...(extras.limit ? { limit: extras.limit } : {}),
  };
}

// The errors the real API answers, with Genesys's codes and wording.
export const errors = {
  noToken: () =>
    new ApiError(
      401,
      'authentication.required',
      'No authentication bearer token specified in authorization header.',
    ),
  badCredentials: () => new ApiError(401, 'bad.credentials', 'Invalid login credentials.'),
  scope: (scope: string) =>
    new ApiError(403, 'app.not.authorized.for.scope', `App not authorized to use scope ${scope}`, {
      messageWithParams: 'App not authorized to use scope {scope}',
      messageParams: { scope },
    }),
  missingAnyPermissions: (permissions: string[]) =>
    new ApiError(
      403,
      'missing.any.permissions',
      `You must have at least one of the following permissions assigned: ${permissions.join(', ')}`,
      {
        messageWithParams:
          'You must have at least one of the following permissions assigned: {permissions}',
        messageParams: { permissions: permissions.join(', ') },
      },
    ),
  notFound: (what = 'The requested resource') =>
    new ApiError(404, 'not.found', `${what} was not found.`),
  badRequest: (message: string, extras?: ErrorExtras) =>
    new ApiError(400, 'bad.request', message, extras),
  conflict: (message: string) => new ApiError(409, 'request.conflict', message),
} as const;

/** A default code for a status, used by faults that give only a status. */
export function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad.request',
    401: 'bad.credentials',
    403: 'missing.permissions',
    404: 'not.found',
    408: 'client.timeout',
    409: 'request.conflict',
    429: 'too.many.requests.retry.after',
    500: 'internal.server.error',
    502: 'bad.gateway',
    503: 'service.unavailable',
    504: 'gateway.timeout',
  };
  return codes[status] ?? 'error';
}

export function missingPermissions(permissions: string[]) {
  return new ApiError(
    403,
    'missing.permissions',
    `You are missing the following permission(s): ${permissions.join(', ')}`,
    {
      messageWithParams: 'You are missing the following permission(s): {permissions}',
      messageParams: { permissions: permissions.join(', ') },
    },
  );
}
