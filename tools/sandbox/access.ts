// Effective access = the OAuth client's scopes ∩ the user's permissions.
import { errors } from './errors';
import type { Ctx } from './http';
import type { SandboxOrg, TokenRecord } from './org';
import type { SeedUser } from './seed';

/** The token of an authenticated route (the server has already checked it). */
export function tokenOf(ctx: Ctx): TokenRecord {
  if (!ctx.token) throw errors.noToken();
  return ctx.token;
}

/** 403 app.not.authorized.for.scope unless the token carries one of the scopes (first is named). */
export function requireScope(ctx: Ctx, ...anyOf: string[]): TokenRecord {
  const token = tokenOf(ctx);
  if (!anyOf.some((s) => token.scopes.includes(s))) throw errors.scope(anyOf[0] as string);
  return token;
}

export function userOf(org: SandboxOrg, token: TokenRecord): SeedUser {
  const user = org.users.get(token.userId);
  if (!user) throw errors.badCredentials();
  return user;
}
