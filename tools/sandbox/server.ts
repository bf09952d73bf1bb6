// The request pipeline: correlation id, CORS, latency, injected faults, bearer auth, rate
// limit, the route, and every error as a Genesys ErrorBody (or OAuth JSON on /oauth/token).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { chaosOn, drawChaos, seededRandom } from './chaos';
import { ApiError, defaultCode, errorBody, errors, OAuthError } from './errors';
import { type Fault, type Faults, rewriteJson, rewritesAnswer } from './faults';
import { type Ctx, parseBody, parseCookies, type Reply, type Router, readBody } from './http';
import type { SandboxOrg } from './org';
import type { RateLimiter } from './ratelimit';
import type { LoggedRequest, RequestLog } from './requestlog';

export const EXPOSED_HEADERS = [
  'ININ-Correlation-Id',
  'Retry-After',
  'inin-ratelimit-allowed',
  'inin-ratelimit-count',
  'inin-ratelimit-reset',
];
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept'];
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface PipelineDeps {
  org: SandboxOrg;
  router: Router;
  faults: Faults;
  log: RequestLog;
  rate: RateLimiter;
}

/** CORS as a browser client needs; the Origin (web page or chrome-extension://) is echoed. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
  };
}

function send(res: ServerResponse, reply: Reply, method: string): number {
  const status = reply.status ?? (reply.redirect ? 302 : 200);
  const headers: Record<string, string | string[]> = { ...reply.headers };
  let body: string | undefined;
  if (reply.redirect) headers.Location = reply.redirect;
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['Content-Type'] = 'application/json; charset=UTF-8';
  } else if (reply.html !== undefined) {
    body = reply.html;
    headers['Content-Type'] = 'text/html; charset=UTF-8';
    headers['Cache-Control'] = 'no-store';
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers['Content-Type'] ??= 'text/plain; charset=UTF-8';
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.statusCode = status;
  res.end(method === 'HEAD' ? undefined : body);
  return status;
}

/** A huge ErrorBody: `message` padded so the JSON is `bytes` long. */
function hugeErrorBody(fault: Fault, correlationId: string): string {
  const status = fault.status ?? 400;
  const code = fault.code ?? defaultCode(status);
  const size = (message: string) => JSON.stringify(errorBody(status, code, message, correlationId));
  const empty = size('').length;
  // The message may appear more than once in an ErrorBody (messageWithParams).
  const perChar = size('x').length - empty;
  const pad = Math.max(0, Math.floor(((fault.hugeBodyBytes ?? 0) - empty) / perChar));
  return size('x'.repeat(pad));
}

/** Streams `text` in 64 KB writes with no Content-Length (chunked transfer encoding). */
function sendChunked(res: ServerResponse, status: number, text: string): number {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  for (let i = 0; i < text.length && !res.destroyed; i += 65_536) {
    res.write(text.slice(i, i + 65_536));
  }
  res.end();
  return status;
}

function faultReply(fault: Fault, correlationId: string, url: URL): Reply | undefined {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  if (fault.redirectTo) {
    const target = fault.redirectTo.endsWith('/')
      ? new URL(`${url.pathname.slice(1)}${url.search}`, fault.redirectTo).toString()
      : fault.redirectTo;
    return { status: fault.status ?? 307, headers, redirect: target };
  }
  if (fault.hugeBodyBytes !== undefined) {
    return {
      status: fault.status ?? 400,
      headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' },
      text: hugeErrorBody(fault, correlationId),
    };
  }
  if (fault.malformedBody)
    return {
      status: fault.status ?? 200,
      headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' },
      text: '{"entities":[{"id":"',
    };
  if (fault.status === undefined) return undefined;
  const code = fault.code ?? defaultCode(fault.status);
  return {
    status: fault.status,
    headers,
    json: errorBody(fault.status, code, fault.message ?? `Sandbox fault: ${code}`, correlationId),
  };
}

export function createPipeline(deps: PipelineDeps) {
  const { org, router, faults, log, rate } = deps;
  let chaosSeed = org.settings.chaosSeed;
  let random = seededRandom(chaosSeed);
  /** The latency of this request and the chaos failure it meets, if any (API routes only). */
  const weather = (kind: string) => {
    if (!chaosOn(org.settings)) return { delayMs: org.settings.latencyMs };
    if (org.settings.chaosSeed !== chaosSeed) {
      chaosSeed = org.settings.chaosSeed;
      random = seededRandom(chaosSeed);
    }
    const draw = drawChaos(org.settings, random);
    return kind === 'api' ? draw : { delayMs: draw.delayMs };
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const correlationId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    const host = req.headers.host ?? 'localhost';
    const url = new URL(req.url ?? '/', `http://${host}`);
    res.setHeader('ININ-Correlation-Id', correlationId);
    for (const [k, v] of Object.entries(corsHeaders(req))) res.setHeader(k, v);

    let match = router.match(method, url.pathname);
    if (!match.route && method === 'HEAD') match = router.match('GET', url.pathname);
    const kind = match.route?.kind ?? (url.pathname.startsWith('/sandbox') ? 'control' : 'api');
    const logged = kind === 'api' || kind === 'oauth';
    const entry: LoggedRequest = {
      time: new Date().toISOString(),
      method,
      route: match.template ?? url.pathname,
      path: url.pathname,
      status: 0,
      correlationId,
    };

    /** A fault that lets the route answer and then rewrites its JSON. */
    let rewrite: Fault | undefined;
    try {
      if (method === 'OPTIONS') {
        entry.status = send(
          res,
          {
            status: 204,
            headers: {
              'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
              'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
              'Access-Control-Max-Age': '600',
            },
          },
          method,
        );
        return;
      }
      if (logged) {
        const draw = weather(kind);
        if (draw.delayMs > 0) await delay(draw.delayMs);
        if (draw.fault) {
          entry.chaos = draw.fault.kind;
          if (draw.fault.kind === 'drop') {
            req.socket.destroy();
            return;
          }
          const status = draw.fault.status;
          const headers: Record<string, string> =
            draw.fault.kind === 'throttle' ? { 'Retry-After': String(draw.fault.retryAfter) } : {};
          const code = defaultCode(status);
          entry.status = send(
            res,
            {
              status,
              headers,
              json: errorBody(status, code, `Sandbox chaos: ${code}`, correlationId),
            },
            method,
          );
          return;
        }
        const fault = faults.take(method, url.pathname);
        if (fault) {
          entry.fault = fault.id;
          if (fault.delayMs) await delay(fault.delayMs);
          if (fault.dropSocket) {
            req.socket.destroy();
            return;
          }
          if (fault.hugeBodyBytes !== undefined && fault.chunked) {
            entry.status = sendChunked(
              res,
              fault.status ?? 400,
              hugeErrorBody(fault, correlationId),
            );
            return;
          }
          const reply = faultReply(fault, correlationId, url);
          if (reply) {
            entry.status = send(res, reply, method);
            return;
          }
          if (rewritesAnswer(fault)) rewrite = fault;
        }
      }
      const route = match.route;
      if (!route) {
        throw match.allowed.length
          ? new ApiError(405, 'method.not.allowed', `HTTP ${method} is not supported here.`)
          : errors.notFound(`HTTP ${method} ${url.pathname}`);
      }
      const raw = await readBody(req);
      if (kind === 'api' && raw.length > 0) entry.body = raw;
      const ctx: Ctx = {
        req,
        res,
        method,
        url,
        params: match.params,
        correlationId,
        base: `http://${host}`,
        wsBase: `ws://${host}`,
        cookies: parseCookies(req.headers.cookie),
        body: async () => {
          try {
            return parseBody(raw, req.headers['content-type']);
          } catch {
            throw errors.badRequest('Invalid request body');
          }
        },
      };
      let extraHeaders: Record<string, string> = {};
      if (route.auth) {
        const header = req.headers.authorization ?? '';
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        if (!m) throw errors.noToken();
        entry.token = m[1];
        const token = org.validToken(m[1] as string);
        if (!token) throw errors.badCredentials();
        entry.userId = token.userId;
        entry.clientId = token.clientId;
        ctx.token = token;
        const verdict = rate.check(token.token, org.settings.rateLimitPerMinute);
        extraHeaders = verdict.headers;
        for (const [k, v] of Object.entries(verdict.headers)) res.setHeader(k, v);
        if (verdict.retryAfter !== undefined)
          throw new ApiError(
            429,
            'too.many.requests.retry.after',
            `Rate limit exceeded the maximum. Retry the request in [${verdict.retryAfter}] seconds`,
            {
              messageWithParams:
                'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
              messageParams: { retryAfter: String(verdict.retryAfter) },
              limit: {
                key: 'token.rate.per.minute',
                namespace: 'platform.api',
                value: org.settings.rateLimitPerMinute,
              },
            },
            { 'Retry-After': String(verdict.retryAfter) },
          );
      }
      const answered = await route.handler(ctx);
      const reply =
        rewrite && answered.json !== undefined
          ? { ...answered, json: rewriteJson(rewrite, answered.json) }
          : answered;
      entry.status = send(
        res,
        { ...reply, headers: { ...extraHeaders, ...reply.headers } },
        method,
      );
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof OAuthError) {
        entry.status = send(
          res,
          { status: err.status, json: { error: err.error, error_description: err.description } },
          method,
        );
      } else if (err instanceof ApiError) {
        entry.status = send(
          res,
          {
            status: err.status,
            headers: err.headers,
            json: errorBody(err.status, err.code, err.message, correlationId, err.extras),
          },
          method,
        );
      } else {
        console.error('[sandbox] handler failed', err);
        entry.status = send(
          res,
          {
            status: 500,
            json: errorBody(
              500,
              'internal.server.error',
              'The server encountered an error.',
              correlationId,
            ),
          },
          method,
        );
      }
    } finally {
      if (logged) log.add(entry);
    }
  };
}
