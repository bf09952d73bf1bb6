// The small HTTP toolkit the sandbox's modules share: route templates, request context,
// replies, body and cookie parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenRecord } from './org';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  params: Record<string, string>;
  correlationId: string;
  /** http://host:port as the client addressed us. */
  base: string;
  /** ws://host:port */
  wsBase: string;
  /** Parsed JSON or form body (undefined when empty). Throws SyntaxError on bad JSON. */
  body(): Promise<unknown>;
  cookies: Record<string, string>;
  /** Set by the server for routes with auth: 'bearer'. */
  token?: TokenRecord;
}

export interface Reply {
  status?: number;
  json?: unknown;
  html?: string;
  text?: string;
  /** 302/303 Location */
  redirect?: string;
  headers?: Record<string, string | string[]>;
}

export type RouteKind = 'api' | 'oauth' | 'control' | 'page';

export interface Route {
  method: string;
  /** Genesys-style template, e.g. /api/v2/conversations/{conversationId} */
  template: string;
  kind: RouteKind;
  /** Requires a valid bearer token (401 otherwise) and counts toward the rate limit. */
  auth?: boolean;
  handler(ctx: Ctx): Promise<Reply> | Reply;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  private routes: CompiledRoute[] = [];

  add(...routes: Route[]): void {
    for (const r of routes) {
      const names: string[] = [];
      const pattern = r.template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(m[1] as string);
          return '([^/]+)';
        })
        .join('');
      this.routes.push({ ...r, regex: new RegExp(`^${pattern}$`), names });
    }
  }

  /** The route for a path; `allowed` lists the methods the path supports when none matched. */
  match(
    method: string,
    path: string,
  ): { route?: Route; params: Record<string, string>; allowed: string[]; template?: string } {
    const allowed: string[] = [];
    let template: string | undefined;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      template ??= r.template;
      allowed.push(r.method);
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] as string);
      });
      return { route: r, params, allowed, template: r.template };
    }
    return { params: {}, allowed, template };
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw));
  return JSON.parse(raw);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
